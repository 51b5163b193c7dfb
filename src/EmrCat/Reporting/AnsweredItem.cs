using EmrCat.Banks;
using EmrCat.Irt;

namespace EmrCat.Reporting;

/// <summary>
/// One answered item of a finished session, as the candidate module needs it: enough to score a domain (parameters,
/// right or wrong, pilot or not) and to classify a miss (chosen options, key, response time, tags, stem). The session
/// layer adapts its own records to this one; <see cref="FromBankItem"/> does it from a <see cref="BankItem"/>.
/// </summary>
/// <param name="ItemId">The item's id; unique within one session.</param>
/// <param name="Domain">Id of the blueprint domain the item belongs to.</param>
/// <param name="Parameters">The item's IRT parameters.</param>
/// <param name="Correct">Whether the answer was right (full credit: the top category for a partial-credit item).</param>
/// <param name="IsPilot">
/// Whether the item was an unscored pilot item. Pilot answers never move a score report, a domain level or an error
/// log's cost; they only count in <see cref="ScoreReport.PilotCount"/> and in the candidate's median response time.
/// Default <see langword="false"/>.
/// </param>
public sealed record AnsweredItem(string ItemId, string Domain, ItemParameters Parameters, bool Correct, bool IsPilot = false)
{
    private readonly int? _category;

    /// <summary>
    /// The response category earned: 0..<see cref="MaxCategory"/>. Default: <see cref="MaxCategory"/> when
    /// <see cref="AnsweredItem.Correct"/>, else 0 (right/wrong). A partial-credit item below the top is not
    /// <see cref="AnsweredItem.Correct"/> and shows in an error log with the credit it earned.
    /// </summary>
    public int Category
    {
        get => _category ?? (Correct ? MaxCategory : 0);
        init => _category = value;
    }

    /// <summary>The top category (full credit): 1 for a right/wrong item, K for a partial-credit one. Default: from <see cref="Parameters"/>.</summary>
    public int MaxCategory => Parameters.Categories - 1;

    /// <summary>How the item is answered (single, select-all, ordering). Default <see cref="ItemType.Single"/>.</summary>
    public ItemType Type { get; init; } = ItemType.Single;

    /// <summary>Whether the answer earned some credit but not all of it (a partial-credit item only).</summary>
    public bool IsPartialCredit => Category > 0 && Category < MaxCategory;

    /// <summary>The option ids the candidate chose, in order; empty when the item was not answered. Default empty.</summary>
    public IReadOnlyList<string> Chosen { get; init; } = [];

    /// <summary>The key: the option ids that are right, in order. Default empty (unknown).</summary>
    public IReadOnlyList<string> Key { get; init; } = [];

    /// <summary>How long the candidate spent on the item; <see langword="null"/> when not measured. Default null.</summary>
    public TimeSpan? ResponseTime { get; init; }

    /// <summary>Whether the item's time ran out before the candidate answered. Default <see langword="false"/>.</summary>
    public bool TimedOut { get; init; }

    /// <summary>The item's tags (for example "scope", "sequence"). Default empty.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The item's stem, as the candidate read it. Default empty.</summary>
    public string Stem { get; init; } = "";

    /// <summary>The metric of <see cref="Parameters"/> (the bank's). Default logistic, D = 1.</summary>
    public IrtMetric Metric { get; init; } = IrtMetric.Logistic;

    /// <summary>Whether the item counts toward the score (the opposite of <see cref="IsPilot"/>).</summary>
    public bool IsScored => !IsPilot;

    /// <summary>Whether the item has a tag (case-insensitive).</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>True when present.</returns>
    public bool HasTag(string tag) => Tags.Any(t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Builds the record from a bank item and the candidate's answer: right or wrong by <see cref="BankItem.IsCorrect"/>,
    /// the category by <see cref="BankItem.Score"/> (0 for no answer), pilot by <see cref="BankItem.Status"/>, and the
    /// item's type, domain, parameters, key, tags and stem.
    /// </summary>
    /// <param name="item">The item as authored.</param>
    /// <param name="chosen">The option ids chosen, in order; empty when the candidate did not answer.</param>
    /// <param name="responseTime">Time spent on the item, or <see langword="null"/>.</param>
    /// <param name="timedOut">Whether the item's time ran out.</param>
    /// <param name="metric">The bank's metric (<see cref="ItemBank.Metric"/>); default logistic.</param>
    /// <returns>The answered item.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static AnsweredItem FromBankItem(BankItem item, IReadOnlyList<string> chosen, TimeSpan? responseTime = null, bool timedOut = false, IrtMetric metric = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(chosen);
        return new AnsweredItem(item.Id, item.Domain, item.Parameters, chosen.Count > 0 && item.IsCorrect(chosen), item.Status == ItemStatus.Pilot)
        {
            Category = chosen.Count > 0 ? item.Score(chosen) : 0,
            Type = item.Type,
            Chosen = [.. chosen],
            Key = [.. item.Key],
            ResponseTime = responseTime,
            TimedOut = timedOut,
            Tags = [.. item.Tags],
            Stem = item.Stem,
            Metric = metric,
        };
    }

    /// <summary>Every problem with a list of answered items (null entries, empty or repeated ids, negative times), all at once.</summary>
    internal static List<string> Problems(IReadOnlyList<AnsweredItem>? responses, string listName)
    {
        var problems = new List<string>();
        if (responses is null)
        {
            problems.Add($"{listName} must not be null.");
            return problems;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < responses.Count; i++)
        {
            var r = responses[i];
            if (r is null)
            {
                problems.Add($"{listName}[{i}] is null.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(r.ItemId)) problems.Add($"{listName}[{i}] has an empty item id.");
            else if (seen.TryGetValue(r.ItemId, out int first)) problems.Add($"{listName}[{i}]: item '{r.ItemId}' was already answered at [{first}]; an item is administered once per session.");
            else seen[r.ItemId] = i;
            if (string.IsNullOrWhiteSpace(r.Domain)) problems.Add($"{listName}[{i}] ('{r.ItemId}') has an empty domain.");
            if (r.Category < 0 || r.Category > r.MaxCategory) problems.Add($"{listName}[{i}] ('{r.ItemId}') has category {r.Category}, outside its item's 0..{r.MaxCategory}.");
            else if (r.Correct != (r.Category == r.MaxCategory)) problems.Add($"{listName}[{i}] ('{r.ItemId}') has Correct = {r.Correct} but category {r.Category} of 0..{r.MaxCategory}; Correct means the top category.");
            if (r.ResponseTime is { } t && t < TimeSpan.Zero) problems.Add($"{listName}[{i}] ('{r.ItemId}') has a negative response time {t}.");
            if (r.Chosen is null || r.Key is null || r.Tags is null || r.Stem is null) problems.Add($"{listName}[{i}] ('{r.ItemId}') has a null Chosen, Key, Tags or Stem.");
            if (responses[0] is { } firstItem && r.Metric != firstItem.Metric)
            {
                problems.Add($"{listName}[{i}] ('{r.ItemId}') is on the metric D = {r.Metric.ScalingConstant}, but [0] is on D = {firstItem.Metric.ScalingConstant}; one session's items share the bank's metric.");
            }
        }

        return problems;
    }
}
