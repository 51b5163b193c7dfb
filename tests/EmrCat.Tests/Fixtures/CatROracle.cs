using System.Globalization;
using EmrCat.Estimation;
using EmrCat.IO;
using EmrCat.Irt;

namespace EmrCat.Tests.Fixtures;

/// <summary>
/// One of catR's oracle sets read once for the oracle tests: the item table, the response matrix (categories 0..K−1;
/// 1/0 for dichotomous items) and the expected θ and SE per examinee and estimator. The dichotomous set's
/// <c>expected.csv</c> is <c>examinee,estimator,theta,se</c>; the polytomous set's adds <c>model</c> after the examinee.
/// </summary>
internal sealed record CatROracle(
    Dictionary<string, ItemParameters> Items,
    ResponseMatrix Matrix,
    Dictionary<(string Examinee, string Estimator), (double Theta, double? Se)> Expected)
{
    /// <summary>catR's 1–4PL set, <c>Fixtures/catr-public</c>.</summary>
    public static CatROracle Dichotomous() => Load(FixturePaths.CatR);

    /// <summary>catR's GRM/GPCM/PCM set, <c>Fixtures/catr-poly-public</c>.</summary>
    public static CatROracle Polytomous() => Load(FixturePaths.CatRPoly);

    private static CatROracle Load(Func<string, string> file)
    {
        var items = ItemParameterTable.Load(file("params.csv")).ToDictionary(i => i.Id, i => i.Parameters, StringComparer.Ordinal);
        var matrix = ResponseMatrix.Load(file("responses.csv"), items.ToDictionary(p => p.Key, p => p.Value.Categories, StringComparer.Ordinal));
        return new CatROracle(items, matrix, ReadExpected(file("expected.csv")));
    }

    /// <summary>The expected rows of an <c>expected.csv</c>, keyed by examinee and estimator, with or without its <c>model</c> column.</summary>
    public static Dictionary<(string Examinee, string Estimator), (double Theta, double? Se)> ReadExpected(string path)
    {
        var lines = File.ReadLines(path).ToList();
        int skip = lines[0].Split(',')[1] == "model" ? 1 : 0;
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(
            f => (f[0], f[1 + skip]),
            f => (double.Parse(f[2 + skip], CultureInfo.InvariantCulture), f[3 + skip].Length == 0 ? (double?)null : double.Parse(f[3 + skip], CultureInfo.InvariantCulture)));
    }

    /// <summary>The examinee's administered items and categories, in table order.</summary>
    public (ItemParameters[] Items, int[] Categories) Pattern(string examinee)
    {
        int row = Matrix.Examinees.ToList().IndexOf(examinee);
        var items = new List<ItemParameters>();
        var categories = new List<int>();
        for (int c = 0; c < Matrix.ItemIds.Count; c++)
        {
            if (Matrix.Category(row, c) is { } x)
            {
                items.Add(Items[Matrix.ItemIds[c]]);
                categories.Add(x);
            }
        }

        return (items.ToArray(), categories.ToArray());
    }

    /// <summary>The estimator an oracle row names (eap, map, mle, wle) with catR's settings, the library's defaults.</summary>
    public static IAbilityEstimator Estimator(string name) => name switch
    {
        "eap" => new EapEstimator(),
        "map" => new MapEstimator(),
        "mle" => new MaximumLikelihoodEstimator(),
        "wle" => new WeightedLikelihoodEstimator(),
        _ => throw new InvalidOperationException($"Unknown estimator '{name}' in the oracle."),
    };
}
