using System.Globalization;
using EmrCat.IO;
using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.Irt;
using EmrCat.Practice.Commands;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Estimation;

/// <summary>
/// catR 3.17's polytomous oracle (GRM, GPCM, PCM; logistic metric D = 1; EAP on 601 points over [-6, 6] with N(0, 1),
/// SE = posterior SD; MAP N(0, 1) in [-6, 6], SE = 1/√(I + 1); ML and WLE in [-6, 6], SE = 1/√I): every row within
/// 1e-4, both through the estimators and through the <c>score</c> command, which must also write exactly the oracle's
/// rows (ML and WLE only for non-extreme patterns of at least 3 items whose ML maximum is interior).
/// </summary>
public class CatRPolytomousOracleTests
{
    private const double Tolerance = 1e-4;
    private static readonly Lazy<CatROracle> Data = new(CatROracle.Polytomous);

    public static TheoryData<string, string> Rows()
    {
        var rows = new TheoryData<string, string>();
        foreach (var key in CatROracle.ReadExpected(FixturePaths.CatRPoly("expected.csv")).Keys) rows.Add(key.Examinee, key.Estimator);
        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Estimate_MatchesCatR(string examinee, string estimator)
    {
        var data = Data.Value;
        var (expectedTheta, expectedSe) = data.Expected[(examinee, estimator)];
        var (items, categories) = data.Pattern(examinee);

        var result = CatROracle.Estimator(estimator).Estimate(items, categories);

        Assert.InRange(result.Theta, expectedTheta - Tolerance, expectedTheta + Tolerance);
        if (expectedSe is { } se) Assert.InRange(result.StandardError, se - Tolerance, se + Tolerance);
    }

    [Fact]
    public void ScoreCommand_OnThePolytomousOracle_WritesExactlyItsRowsWithin1em4()
    {
        string output = Path.Combine(Path.GetTempPath(), $"emrcat-poly-score-{Guid.NewGuid():N}.csv");
        try
        {
            int code = ScoreCommand.Run(FixturePaths.CatRPoly("params.csv"), FixturePaths.CatRPoly("responses.csv"), output, "eap,map,mle,wle", null, TextWriter.Null, TextWriter.Null);

            Assert.Equal(0, code);
            var got = File.ReadLines(output).Skip(1).Select(l => l.Split(',')).ToDictionary(
                f => (f[0], f[1]),
                f => (Theta: double.Parse(f[2], CultureInfo.InvariantCulture), Se: double.Parse(f[3], CultureInfo.InvariantCulture)));
            var expected = Data.Value.Expected;
            Assert.Equal(expected.Keys.OrderBy(k => k), got.Keys.OrderBy(k => k));
            foreach (var (key, (theta, se)) in expected)
            {
                Assert.InRange(got[key].Theta, theta - Tolerance, theta + Tolerance);
                if (se is { } s) Assert.InRange(got[key].Se, s - Tolerance, s + Tolerance);
            }
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void Oracle_CoversEveryModelAndEstimator()
    {
        var models = File.ReadLines(FixturePaths.CatRPoly("expected.csv")).Skip(1).Select(l => l.Split(',')).Select(f => (f[1], f[2])).ToHashSet();
        foreach (string model in new[] { "grm", "gpcm", "pcm" })
        {
            foreach (string estimator in new[] { "eap", "map", "mle", "wle" }) Assert.Contains((model, estimator), models);
        }
    }
}
