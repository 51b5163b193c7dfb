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
    private static readonly Lazy<OracleData> Data = new(OracleData.Load);

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
        var (items, correct) = data.Pattern(examinee);
        IAbilityEstimator est = estimator switch
        {
            "eap" => new EapEstimator(),
            "map" => new MapEstimator(),
            "mle" => new MaximumLikelihoodEstimator(),
            "wle" => new WeightedLikelihoodEstimator(),
            _ => throw new InvalidOperationException(estimator),
        };

        var result = est.Estimate(items, correct);

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
        var (items, correct) = data.Pattern(examinee);
        var workspace = new MaximumLikelihoodWorkspace(new MaximumLikelihoodOptions(), items.Length);
        for (int i = 0; i < items.Length; i++) workspace.Add(items[i], correct[i]);

        var result = workspace.Estimate();

        Assert.InRange(result.Theta, expectedTheta - Tolerance, expectedTheta + Tolerance);
        if (expectedSe is { } se)
        {
            Assert.InRange(result.StandardError, se - Tolerance, se + Tolerance);
        }
    }

    private sealed record OracleData(
        Dictionary<string, ItemParameters> Items,
        ResponseMatrix Matrix,
        Dictionary<(string, string), (double Theta, double? Se)> Expected)
    {
        public static OracleData Load()
        {
            var items = ItemParameterTable.Load(FixturePaths.CatR("params.csv")).ToDictionary(i => i.Id, i => i.Parameters);
            var matrix = ResponseMatrix.Load(FixturePaths.CatR("responses.csv"), items.Keys.ToHashSet());
            var expected = new Dictionary<(string, string), (double, double?)>();
            foreach (var line in File.ReadLines(FixturePaths.CatR("expected.csv")).Skip(1))
            {
                var f = line.Split(',');
                double? se = f[3].Length == 0 ? null : double.Parse(f[3], CultureInfo.InvariantCulture);
                expected[(f[0], f[1])] = (double.Parse(f[2], CultureInfo.InvariantCulture), se);
            }

            return new OracleData(items, matrix, expected);
        }

        public (ItemParameters[] Items, bool[] Correct) Pattern(string examinee)
        {
            int row = Matrix.Examinees.ToList().IndexOf(examinee);
            var items = new List<ItemParameters>();
            var correct = new List<bool>();
            for (int c = 0; c < Matrix.ItemIds.Count; c++)
            {
                if (Matrix[row, c] is { } x)
                {
                    items.Add(Items[Matrix.ItemIds[c]]);
                    correct.Add(x);
                }
            }

            return (items.ToArray(), correct.ToArray());
        }
    }
}
