using System.Globalization;
using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.IO;
using EmrCat.Irt;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Estimation;

/// <summary>
/// One case per row of catR's expected output (logistic metric, D = 1; EAP on 601 points over [-6, 6] with N(0,1);
/// MAP N(0,1) in [-6, 6]; ML and WLE in [-6, 6]): θ and SE within 1e-4.
/// </summary>
public class CatROracleTests
{
    private const double Tolerance = 1e-4;
    private static readonly Lazy<CatROracle> Data = new(CatROracle.Dichotomous);

    public static TheoryData<string, string> Rows()
    {
        var rows = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(FixturePaths.CatR("expected.csv")).Skip(1))
        {
            var f = line.Split(',');
            rows.Add(f[0], f[1]);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Estimate_MatchesCatR(string examinee, string estimator)
    {
        var data = Data.Value;
        var (expectedTheta, expectedSe) = data.Expected[(examinee, estimator)];
        var (items, correct) = Correct(data, examinee);

        var result = CatROracle.Estimator(estimator).Estimate(items, correct);

        Assert.InRange(result.Theta, expectedTheta - Tolerance, expectedTheta + Tolerance);
        if (expectedSe is { } se)
        {
            Assert.InRange(result.StandardError, se - Tolerance, se + Tolerance);
        }
    }

    public static TheoryData<string> MaximumLikelihoodRows()
    {
        var rows = new TheoryData<string>();
        foreach (var line in File.ReadLines(FixturePaths.CatR("expected.csv")).Skip(1))
        {
            var f = line.Split(',');
            if (f[1] == "mle") rows.Add(f[0]);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(MaximumLikelihoodRows))]
    public void MaximumLikelihoodWorkspace_MatchesCatR(string examinee)
    {
        var data = Data.Value;
        var (expectedTheta, expectedSe) = data.Expected[(examinee, "mle")];
        var (items, correct) = Correct(data, examinee);
        var workspace = new MaximumLikelihoodWorkspace(new MaximumLikelihoodOptions(), items.Length);
        for (int i = 0; i < items.Length; i++) workspace.Add(items[i], correct[i]);

        var result = workspace.Estimate();

        Assert.InRange(result.Theta, expectedTheta - Tolerance, expectedTheta + Tolerance);
        if (expectedSe is { } se)
        {
            Assert.InRange(result.StandardError, se - Tolerance, se + Tolerance);
        }
    }

    /// <summary>The pattern as right/wrong answers: the dichotomous estimators' own overload is what this oracle checks.</summary>
    private static (ItemParameters[] Items, bool[] Correct) Correct(CatROracle data, string examinee)
    {
        var (items, categories) = data.Pattern(examinee);
        return (items, categories.Select(c => c == 1).ToArray());
    }
}
