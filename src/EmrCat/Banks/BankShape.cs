using EmrCat.Irt;

namespace EmrCat.Banks;

/// <summary>One blueprint domain in a <see cref="BankShape"/>.</summary>
/// <param name="Id">Domain id.</param>
/// <param name="Name">Display name.</param>
/// <param name="ScoredItems">Scored items in the domain.</param>
/// <param name="PilotItems">Pilot items in the domain.</param>
/// <param name="ScoredShare">The domain's share of all scored items, in [0, 1].</param>
/// <param name="NearCut">Scored items whose difficulty b lies within <see cref="BankShape.NearCutWidth"/> of the cut.</param>
/// <param name="InformationAtCut">Fisher information of the domain's scored items at the cut θ, summed.</param>
/// <param name="Cues">Key-length and key-position statistics of the domain's single-answer items (scored and pilot).</param>
public sealed record DomainShape(string Id, string Name, int ScoredItems, int PilotItems, double ScoredShare, int NearCut, double InformationAtCut, KeyCueStatistics Cues);

/// <summary>Scored items whose difficulty b lies in [<paramref name="Low"/>, <paramref name="High"/>).</summary>
/// <param name="Low">Lower bound, or negative infinity.</param>
/// <param name="High">Upper bound, or positive infinity.</param>
/// <param name="ScoredItems">How many.</param>
public sealed record DifficultyBand(double Low, double High, int ScoredItems);

/// <summary>
/// How well a candidate who never reads the stem could do by the options' look: the expected hit rate of each
/// "pick the k-th longest option" strategy, and where the keys sit.
/// </summary>
/// <remarks>
/// Lengths are counted in characters of the option text, trimmed. Options of equal length share their places: a
/// strategy that lands on a tie picks one of the tied options at random, so it scores 1/(tie size) when the key is among
/// them. This makes the figure independent of how ties are broken. Only single-answer items are counted.
/// </remarks>
/// <param name="Items">Single-answer items counted.</param>
/// <param name="LengthStrategyHitRates">Expected hit rate of picking the longest option (index 0), the second longest (1), and so on.</param>
/// <param name="KeyPositions">How many keys are the first option shown (index 0), the second (1), and so on.</param>
public sealed record KeyCueStatistics(int Items, IReadOnlyList<double> LengthStrategyHitRates, IReadOnlyList<int> KeyPositions)
{
    /// <summary>The best length strategy's hit rate (0 when there are no items).</summary>
    public double BestLengthStrategyHitRate => LengthStrategyHitRates.Count == 0 ? 0 : LengthStrategyHitRates.Max();

    /// <summary>The rank (1 = longest) of the best length strategy, or 0 when there are no items.</summary>
    public int BestLengthStrategyRank => LengthStrategyHitRates.Count == 0 ? 0 : LengthStrategyHitRates.ToList().IndexOf(BestLengthStrategyHitRate) + 1;

    /// <summary>The largest share of keys at one position, in [0, 1] (0 when there are no items).</summary>
    public double MostCommonKeyPositionShare => Items == 0 ? 0 : KeyPositions.Max() / (double)Items;

    internal static KeyCueStatistics Of(IEnumerable<BankItem> items)
    {
        var single = items.Where(i => i.Type == ItemType.Single && i.Key.Count == 1 && i.Options.Count >= 2).ToList();
        int width = single.Count == 0 ? 0 : single.Max(i => i.Options.Count);
        var hits = new double[width];
        var positions = new int[width];
        foreach (var item in single)
        {
            int key = -1;
            for (int o = 0; o < item.Options.Count; o++)
            {
                if (item.Options[o].Id == item.Key[0]) key = o;
            }

            if (key < 0) continue;
            positions[key]++;
            int keyLength = item.Options[key].Text.Trim().Length;
            int longer = item.Options.Count(o => o.Text.Trim().Length > keyLength);
            int tied = item.Options.Count(o => o.Text.Trim().Length == keyLength);

            // The key's tie group fills ranks longer+1 ... longer+tied; each of those strategies hits it 1/tied of the time.
            for (int rank = longer; rank < longer + tied; rank++) hits[rank] += 1.0 / tied;
        }

        return new KeyCueStatistics(single.Count, [.. hits.Select(h => single.Count == 0 ? 0 : h / single.Count)], positions);
    }
}

/// <summary>
/// The shape of a bank as a psychometric reviewer reads it: scored and pilot items per domain against the blueprint,
/// how many scored items are difficult enough to inform the pass/fail decision (b near the cut, test information at
/// the cut per domain), and whether the options give the key away by length or position.
/// </summary>
/// <param name="CutTheta">The cut θ of the bank's scale.</param>
/// <param name="ScoredItems">Scored items in the bank.</param>
/// <param name="PilotItems">Pilot items in the bank.</param>
/// <param name="Domains">Per blueprint domain, in blueprint order (empty for a bank without a blueprint).</param>
/// <param name="DifficultyBands">Scored items by b, in half-logit bands around the cut, with open bands at both ends.</param>
/// <param name="NearCut">Scored items with b within <see cref="NearCutWidth"/> of the cut.</param>
/// <param name="InformationAtCut">Fisher information of all scored items at the cut, summed.</param>
/// <param name="Cues">Key-length and key-position statistics of all single-answer items.</param>
public sealed record BankShape(
    double CutTheta,
    int ScoredItems,
    int PilotItems,
    IReadOnlyList<DomainShape> Domains,
    IReadOnlyList<DifficultyBand> DifficultyBands,
    int NearCut,
    double InformationAtCut,
    KeyCueStatistics Cues)
{
    /// <summary>Half-width, in logits, of the band around the cut counted as "near the cut": 0.5.</summary>
    public const double NearCutWidth = 0.5;

    /// <summary>Computes the shape of <paramref name="bank"/>.</summary>
    /// <param name="bank">The bank.</param>
    /// <returns>Its shape.</returns>
    public static BankShape Of(ItemBank bank)
    {
        ArgumentNullException.ThrowIfNull(bank);
        double cut = bank.Scale.CutTheta;
        var scored = bank.Items.Where(i => i.Status == ItemStatus.Scored).ToList();
        bool Near(BankItem item) => Math.Abs(item.Parameters.B - cut) <= NearCutWidth;
        double Information(IEnumerable<BankItem> items) => items.Sum(i => ItemResponseFunctions.Information(i.Parameters, cut, bank.Metric));

        var domains = bank.Blueprint.Domains.Select(d =>
        {
            var inDomain = bank.Items.Where(i => i.Domain == d.Id).ToList();
            var scoredInDomain = inDomain.Where(i => i.Status == ItemStatus.Scored).ToList();
            return new DomainShape(d.Id, d.Name, scoredInDomain.Count, inDomain.Count - scoredInDomain.Count,
                scored.Count == 0 ? 0 : scoredInDomain.Count / (double)scored.Count, scoredInDomain.Count(Near), Information(scoredInDomain), KeyCueStatistics.Of(inDomain));
        }).ToList();

        double[] edges = [-2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0];
        var bands = new List<DifficultyBand>();
        for (int e = 0; e <= edges.Length; e++)
        {
            double low = e == 0 ? double.NegativeInfinity : cut + edges[e - 1];
            double high = e == edges.Length ? double.PositiveInfinity : cut + edges[e];
            bands.Add(new DifficultyBand(low, high, scored.Count(i => i.Parameters.B >= low && i.Parameters.B < high)));
        }

        return new BankShape(cut, scored.Count, bank.Count - scored.Count, domains, bands, scored.Count(Near), Information(scored), KeyCueStatistics.Of(bank.Items));
    }
}
