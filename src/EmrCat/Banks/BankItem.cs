using EmrCat.Internal;
using EmrCat.Irt;

namespace EmrCat.Banks;

/// <summary>How an item is answered.</summary>
public enum ItemType
{
    /// <summary>One best answer; the key is one option id.</summary>
    Single,

    /// <summary>Select all that apply; the key is the set of right option ids.</summary>
    Multiple,

    /// <summary>Put options in order; the key is the full sequence of option ids.</summary>
    Ordered,
}

/// <summary>How an answer maps to a response category (the score the IRT model sees).</summary>
public enum ScoringRule
{
    /// <summary>Right (the top category, 1 for a dichotomous item) only when the answer matches the key; else 0.</summary>
    AllOrNothing,

    /// <summary>
    /// Select all that apply with partial credit: right selections minus wrong ones, floored at 0. The item has
    /// key-size + 1 categories (0..number of right options).
    /// </summary>
    RightMinusWrong,

    /// <summary>
    /// Ordering with partial credit: the number of adjacent key steps (k_i, k_{i+1}) that the answer puts in the right
    /// relative order. The item has key-size categories (0..steps − 1); only the exact sequence earns the top one.
    /// </summary>
    AdjacentPairs,
}

/// <summary>Whether an item counts toward the score.</summary>
public enum ItemStatus
{
    /// <summary>Operational: moves θ, the stopping decision and the score.</summary>
    Scored,

    /// <summary>Unscored pilot item: answered and recorded, never scored.</summary>
    Pilot,
}

/// <summary>Whether a bank's IRT parameters were estimated from response data or judged by item writers.</summary>
public enum CalibrationStatus
{
    /// <summary>Parameters judged by writers; useful for practice, not for high-stakes scores.</summary>
    Provisional,

    /// <summary>Parameters estimated from response data.</summary>
    Calibrated,
}

/// <summary>One answer option.</summary>
/// <param name="Id">Option id, unique within the item (e.g. "A").</param>
/// <param name="Text">What the candidate reads.</param>
public sealed record ItemOption(string Id, string Text);

/// <summary>A declared enemy group: items that must never appear together in one session.</summary>
/// <param name="Id">Group id.</param>
/// <param name="Description">Why the items are enemies.</param>
public sealed record EnemyGroup(string Id, string Description);

/// <summary>Who checked an item's content, against which guideline edition, and when.</summary>
/// <param name="Guideline">The guideline edition the content follows, e.g. "AHA 2025".</param>
/// <param name="Date">The review date.</param>
/// <param name="ReviewerRole">
/// The reviewer's role, said plainly, e.g. "AI-assisted item writer; pending EMS-instructor review". Name the role
/// that really reviewed the item: a practice bank must not claim a review that did not happen.
/// </param>
public sealed record ItemReview(string Guideline, DateOnly Date, string ReviewerRole);

/// <summary>
/// An item as authored in a bank, including its key and rationale. Sessions never hand this type to a candidate:
/// they present a <c>PresentedItem</c>, which has neither.
/// </summary>
public sealed record BankItem
{
    /// <summary>Unique item id.</summary>
    public required string Id { get; init; }

    /// <summary>Id of the blueprint domain the item belongs to.</summary>
    public required string Domain { get; init; }

    /// <summary>How the item is answered.</summary>
    public ItemType Type { get; init; } = ItemType.Single;

    /// <summary>Scored or pilot.</summary>
    public ItemStatus Status { get; init; } = ItemStatus.Scored;

    /// <summary>Topic, a lowercase-hyphenated label (e.g. "airway-management").</summary>
    public string Topic { get; init; } = "";

    /// <summary>Tags from the closed set <see cref="ItemTags.All"/>, e.g. scope, sequence, pediatric, reading (a read-only copy of the list given).</summary>
    public IReadOnlyList<string> Tags { get; init => field = ReadOnly.Copy(value); } = [];

    /// <summary>The question.</summary>
    public required string Stem { get; init; }

    /// <summary>The options, in display order (a read-only copy of the list given).</summary>
    public required IReadOnlyList<ItemOption> Options { get; init => field = ReadOnly.Copy(value); }

    /// <summary>The key: one option id for <see cref="ItemType.Single"/>, several for the other types (a read-only copy of the list given).</summary>
    public required IReadOnlyList<string> Key { get; init => field = ReadOnly.Copy(value); }

    /// <summary>Why the key is right (shown only after the answer is in).</summary>
    public string Rationale { get; init; } = "";

    /// <summary>IRT parameters: 1–4PL for right/wrong scoring, GRM/GPCM/PCM for partial credit.</summary>
    public required ItemParameters Parameters { get; init; }

    /// <summary>How an answer maps to a category. Default <see cref="ScoringRule.AllOrNothing"/>.</summary>
    public ScoringRule Scoring { get; init; } = ScoringRule.AllOrNothing;

    /// <summary>Highest category an answer can earn (full credit): 1 for right/wrong items.</summary>
    public int MaxCategory => Parameters.Categories - 1;

    /// <summary>
    /// Ids of the enemy groups the item belongs to; empty for none. An item may be in several groups: it is kept out
    /// of a session by any scored item given from any of them (a pilot item never keeps a scored item out).
    /// </summary>
    public IReadOnlyList<string> EnemyGroups { get; init => field = ReadOnly.Copy(value); } = [];

    /// <summary>Who reviewed the content, against which guideline edition, and when; <see langword="null"/> when not recorded.</summary>
    public ItemReview? Review { get; init; }

    /// <summary>
    /// How long a candidate who reads the item typically takes to answer it, in seconds (bank field
    /// <c>typicalSeconds</c>), or null for the default of its type (<c>ResponseTimeOptions</c>).
    /// Rapid-guess flags are measured against it.
    /// </summary>
    public double? TypicalSeconds { get; init; }

    /// <summary>The longest typical time an item (or a default per type) may have: one hour.</summary>
    public const double MaxTypicalSeconds = 3600;

    /// <summary>Whether <paramref name="answer"/> is right: the same option for single, the same set for multiple, the same sequence for ordered.</summary>
    /// <param name="answer">The option ids chosen, in order.</param>
    /// <returns>True when right.</returns>
    public bool IsCorrect(IReadOnlyList<string> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Type switch
        {
            ItemType.Multiple => answer.Count == Key.Count && SameSet(answer, Key),
            _ => answer.Count == Key.Count && answer.SequenceEqual(Key, StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// The response category <paramref name="answer"/> earns under <see cref="Scoring"/>: 0..<see cref="MaxCategory"/>,
    /// the top one only for an answer that <see cref="IsCorrect"/>.
    /// </summary>
    /// <param name="answer">The option ids chosen, in order.</param>
    /// <returns>The category.</returns>
    public int Score(IReadOnlyList<string> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        switch (Scoring)
        {
            case ScoringRule.RightMinusWrong:
            {
                // Distinct options chosen (ordinal), right ones among them; plain loops, so scoring allocates nothing.
                int chosen = 0, right = 0;
                for (int k = 0; k < answer.Count; k++)
                {
                    if (IndexOf(answer, answer[k]) < k) continue;
                    chosen++;
                    if (IndexOf(Key, answer[k]) >= 0) right++;
                }

                return Math.Clamp(right - (chosen - right), 0, MaxCategory);
            }

            case ScoringRule.AdjacentPairs:
            {
                int steps = 0;
                for (int k = 0; k + 1 < Key.Count; k++)
                {
                    if (StepInOrder(answer, k)) steps++;
                }

                return Math.Min(steps, MaxCategory);
            }

            default:
                return IsCorrect(answer) ? MaxCategory : 0;
        }
    }

    /// <summary>
    /// An answer that earns exactly <paramref name="category"/> (for simulated examinees): the key for full credit; for
    /// select-all, that many right options; for ordering, a sequence with that many key steps in order; else a wrong option.
    /// </summary>
    /// <param name="category">0..<see cref="MaxCategory"/>.</param>
    /// <returns>The option ids.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The category is outside 0..<see cref="MaxCategory"/>.</exception>
    public IReadOnlyList<string> AnswerFor(int category)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(category);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(category, MaxCategory);
        if (category == MaxCategory) return Key.ToArray();
        switch (Scoring)
        {
            case ScoringRule.RightMinusWrong:
                return category > 0 ? Key.Take(category).ToArray() : [Options.FirstOrDefault(o => !Key.Contains(o.Id))?.Id ?? Options[0].Id];
            case ScoringRule.AdjacentPairs:
                // The steps after k_{c+1} reversed, then k_1..k_{c+1} in order: exactly c adjacent key steps in order.
                return Key.Skip(category + 1).Reverse().Concat(Key.Take(category + 1)).ToArray();
            default:
                return Type == ItemType.Ordered ? Key.Reverse().ToArray() : [Options.FirstOrDefault(o => !Key.Contains(o.Id))?.Id ?? Options[0].Id];
        }
    }

    /// <summary>
    /// What <paramref name="answer"/> earned and why, for feedback: the category of <see cref="Score"/> with, for an
    /// ordering item, each key step kept or not, and for a select-all item, the right and wrong choices and the right
    /// options missed (both under their partial-credit rules).
    /// </summary>
    /// <param name="answer">The option ids chosen, in order.</param>
    /// <returns>The credit.</returns>
    public AnswerCredit Credit(IReadOnlyList<string> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var credit = new AnswerCredit { Category = Score(answer), MaxCategory = MaxCategory, Scoring = Scoring };
        switch (Scoring)
        {
            case ScoringRule.AdjacentPairs:
                return credit with { Steps = [.. Enumerable.Range(0, Math.Max(0, Key.Count - 1)).Select(k => new OrderedStep(Key[k], Key[k + 1], StepInOrder(answer, k)))] };
            case ScoringRule.RightMinusWrong:
            {
                var chosen = answer.Distinct(StringComparer.Ordinal).ToList();
                return credit with
                {
                    RightChosen = [.. Key.Where(chosen.Contains)],
                    WrongChosen = [.. chosen.Where(id => !Key.Contains(id))],
                    Missed = [.. Key.Where(id => !chosen.Contains(id))],
                };
            }

            default:
                return credit;
        }
    }

    /// <summary>Whether <paramref name="answer"/> places key step k before key step k + 1 (not necessarily next to it).</summary>
    private bool StepInOrder(IReadOnlyList<string> answer, int k)
    {
        int first = IndexOf(answer, Key[k]), second = IndexOf(answer, Key[k + 1]);
        return first >= 0 && second > first;
    }

    /// <summary>Whether the two lists hold the same options as sets (ordinal), without building sets.</summary>
    private static bool SameSet(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        for (int k = 0; k < first.Count; k++)
        {
            if (IndexOf(second, first[k]) < 0) return false;
        }

        for (int k = 0; k < second.Count; k++)
        {
            if (IndexOf(first, second[k]) < 0) return false;
        }

        return true;
    }

    private static int IndexOf(IReadOnlyList<string> answer, string id)
    {
        for (int k = 0; k < answer.Count; k++)
        {
            if (string.Equals(answer[k], id, StringComparison.Ordinal)) return k;
        }

        return -1;
    }

    /// <summary>Whether the item has a tag (case-insensitive).</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>True when present.</returns>
    public bool HasTag(string tag) => Tags.Any(t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase));
}
