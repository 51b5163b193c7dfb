using System.Text.RegularExpressions;
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
/// "pick the k-th longest option" strategy, of picking the most complete-looking (two-part) option, of picking the
/// option that shares the most words with the others, and where the keys sit.
/// </summary>
/// <remarks>
/// Lengths are counted in characters of the option text, trimmed. Options that score the same under a strategy share
/// its pick: the strategy picks one of them at random, so it scores 1/(tie size) when the key is among them. This makes
/// the figures independent of how ties are broken. Only single-answer items are counted.
/// </remarks>
/// <param name="Items">Single-answer items counted.</param>
/// <param name="LengthStrategyHitRates">Expected hit rate of picking the longest option (index 0), the second longest (1), and so on.</param>
/// <param name="KeyPositions">How many keys are the first option shown (index 0), the second (1), and so on.</param>
/// <param name="CompoundStrategyHitRate">
/// Expected hit rate of picking the option with the most parts: semicolons plus occurrences of " and " in its text,
/// the test-wise guess that the longer, two-part answer is the complete one.
/// </param>
/// <param name="SharedWordsStrategyHitRate">
/// Expected hit rate of picking the option whose content words (three or more letters, not a stop word) overlap most
/// with the other options' words, summed over the other options: the guess that the key is the "center" the
/// distractors were written around.
/// </param>
public sealed record KeyCueStatistics(int Items, IReadOnlyList<double> LengthStrategyHitRates, IReadOnlyList<int> KeyPositions,
    double CompoundStrategyHitRate, double SharedWordsStrategyHitRate)
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
        double compound = 0, shared = 0;
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

            compound += PickHit([.. item.Options.Select(o => (double)Parts(o.Text))], key);
            var words = item.Options.Select(o => ContentWords(o.Text)).ToList();
            shared += PickHit([.. words.Select((w, o) => (double)words.Where((_, p) => p != o).Sum(other => w.Count(other.Contains)))], key);
        }

        double Rate(double h) => single.Count == 0 ? 0 : h / single.Count;
        return new KeyCueStatistics(single.Count, [.. hits.Select(Rate)], positions, Rate(compound), Rate(shared));
    }

    // Expected hit of picking uniformly among the best-scoring options.
    private static double PickHit(double[] scores, int key)
    {
        double best = scores.Max();
        return scores[key] == best ? 1.0 / scores.Count(s => s == best) : 0;
    }

    private static int Parts(string text)
    {
        int parts = text.Count(ch => ch == ';');
        for (int at = text.IndexOf(" and ", StringComparison.Ordinal); at >= 0; at = text.IndexOf(" and ", at + 1, StringComparison.Ordinal)) parts++;
        return parts;
    }

    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "the", "of", "to", "and", "or", "in", "on", "at", "for", "with", "is", "are", "was", "be", "by", "as", "that",
        "this", "it", "he", "she", "they", "you", "your", "his", "her", "their", "what", "which", "when", "who", "how", "should",
        "first", "most", "best", "from", "has", "have", "not",
    ];

    private static HashSet<string> ContentWords(string text) =>
        [.. Regex.Matches(text.ToLowerInvariant(), "[a-z]+").Select(m => m.Value).Where(w => w.Length > 2 && !StopWords.Contains(w))];
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
