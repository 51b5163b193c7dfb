using EmrCat.Irt;

namespace EmrCat.Banks;

/// <summary>How an item is answered and scored. Only <see cref="Single"/> is delivered by the host today.</summary>
public enum ItemType
{
    /// <summary>One best answer; the key is one option id.</summary>
    Single,

    /// <summary>Select all that apply; the key is a set of option ids, scored right only when the set matches.</summary>
    Multiple,

    /// <summary>Put options in order; the key is the full sequence of option ids, scored right only when it matches.</summary>
    Ordered,
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

    /// <summary>Tags from the closed set <see cref="ItemTags.All"/>, e.g. scope, sequence, pediatric, reading.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The question.</summary>
    public required string Stem { get; init; }

    /// <summary>The options, in display order.</summary>
    public required IReadOnlyList<ItemOption> Options { get; init; }

    /// <summary>The key: one option id for <see cref="ItemType.Single"/>, several for the other types.</summary>
    public required IReadOnlyList<string> Key { get; init; }

    /// <summary>Why the key is right (shown only after the answer is in).</summary>
    public string Rationale { get; init; } = "";

    /// <summary>IRT parameters.</summary>
    public required ItemParameters Parameters { get; init; }

    /// <summary>
    /// Ids of the enemy groups the item belongs to; empty for none. An item may be in several groups: it is kept out
    /// of a session by any scored item given from any of them (a pilot item never keeps a scored item out).
    /// </summary>
    public IReadOnlyList<string> EnemyGroups { get; init; } = [];

    /// <summary>Who reviewed the content, against which guideline edition, and when; <see langword="null"/> when not recorded.</summary>
    public ItemReview? Review { get; init; }

    /// <summary>Whether <paramref name="answer"/> is right: the same option for single, the same set for multiple, the same sequence for ordered.</summary>
    /// <param name="answer">The option ids chosen, in order.</param>
    /// <returns>True when right.</returns>
    public bool IsCorrect(IReadOnlyList<string> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Type switch
        {
            ItemType.Multiple => answer.Count == Key.Count && answer.ToHashSet(StringComparer.Ordinal).SetEquals(Key),
            _ => answer.Count == Key.Count && answer.SequenceEqual(Key, StringComparer.Ordinal),
        };
    }

    /// <summary>Whether the item has a tag (case-insensitive).</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>True when present.</returns>
    public bool HasTag(string tag) => Tags.Any(t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase));
}
