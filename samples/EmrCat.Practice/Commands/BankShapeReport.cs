using System.Globalization;
using EmrCat.Banks;

namespace EmrCat.Practice.Commands;

/// <summary>
/// The shape part of <c>validate</c>'s summary: per domain the scored items near the cut and the test information at
/// the cut, the scored items by difficulty band, and the key-length and key-position statistics (what a candidate who
/// picks by option length or position would score). Renders a <see cref="BankShape"/>; computes nothing itself.
/// </summary>
internal static class BankShapeReport
{
    public static void Write(BankShape shape, TextWriter stdout)
    {
        var c = CultureInfo.InvariantCulture;
        int width = Math.Max(6, shape.Domains.Select(d => d.Id.Length).DefaultIfEmpty(0).Max());
        int ranks = Math.Max(shape.Cues.LengthStrategyHitRates.Count, 1);
        stdout.WriteLine(string.Create(c, $"shape around the cut (θ = {shape.CutTheta:F2}); near the cut means |b − cut| ≤ {BankShape.NearCutWidth:F1}; length strategies pick the k-th longest option (ties split)"));
        string rankHeader = string.Join("", Enumerable.Range(1, ranks).Select(r => $"  {"len" + r.ToString(c),6}"));
        string positionHeader = string.Join("", Enumerable.Range(1, ranks).Select(p => $"  {"key" + p.ToString(c),5}"));
        stdout.WriteLine($"{"domain".PadRight(width)}  scored  near cut  info at cut{rankHeader}  {"best",6}{positionHeader}");
        foreach (var d in shape.Domains) Row(d.Id, d.ScoredItems, d.NearCut, d.InformationAtCut, d.Cues);
        Row("all", shape.ScoredItems, shape.NearCut, shape.InformationAtCut, shape.Cues);
        stdout.WriteLine("scored items by b: " + string.Join(", ", shape.DifficultyBands.Select(Band)));
        var cues = shape.Cues;
        stdout.WriteLine(string.Create(c,
            $"best length strategy: picking the {RankName(cues.BestLengthStrategyRank, ranks)} option scores {Percent(cues.BestLengthStrategyHitRate)} over {cues.Items} single-answer items (chance is {Percent(1.0 / ranks)}); the most common key position holds {Percent(cues.MostCommonKeyPositionShare)} of the keys"));

        void Row(string id, int scored, int nearCut, double information, KeyCueStatistics cues)
        {
            string rates = string.Join("", Enumerable.Range(0, ranks).Select(r => $"  {Percent(r < cues.LengthStrategyHitRates.Count ? cues.LengthStrategyHitRates[r] : 0),6}"));
            string positions = string.Join("", Enumerable.Range(0, ranks).Select(p => $"  {(p < cues.KeyPositions.Count ? cues.KeyPositions[p] : 0),5}"));
            stdout.WriteLine(string.Create(c, $"{id.PadRight(width)}  {scored,6}  {nearCut,8}  {information,11:F1}{rates}  {Percent(cues.BestLengthStrategyHitRate),6}{positions}"));
        }

        string Band(DifficultyBand band)
        {
            if (double.IsNegativeInfinity(band.Low)) return string.Create(c, $"< {band.High:F1}: {band.ScoredItems}");
            if (double.IsPositiveInfinity(band.High)) return string.Create(c, $"≥ {band.Low:F1}: {band.ScoredItems}");
            return string.Create(c, $"{band.Low:F1}…{band.High:F1}: {band.ScoredItems}");
        }
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

    private static string RankName(int rank, int ranks) => rank switch
    {
        1 => "longest",
        _ when rank == ranks => "shortest",
        2 => "second-longest",
        3 => "third-longest",
        _ => rank.ToString(CultureInfo.InvariantCulture) + "th-longest",
    };
}
