using EmrCat.Banks;

namespace EmrCat.Drills;

/// <summary>What a drill shows right after an answer.</summary>
public sealed record DrillFeedback
{
    /// <summary>The item.</summary>
    public required string ItemId { get; init; }

    /// <summary>Whether the answer matches the key.</summary>
    public required bool Correct { get; init; }

    /// <summary>
    /// The credit the answer earned, by the item's scoring rule (<see cref="BankItem.Credit"/>, the computation the
    /// session's score uses): for a select-all or ordering item with partial credit, the points and what earned them.
    /// </summary>
    public required AnswerCredit Credit { get; init; }

    /// <summary>The key (option ids; in order for an ordering item).</summary>
    public required IReadOnlyList<string> Key { get; init; }

    /// <summary>Why the key is right.</summary>
    public required string Rationale { get; init; }

    /// <summary>A scope drill's EMR can/cannot list, each line starting "EMR can:" or "EMR cannot:"; empty otherwise.</summary>
    public IReadOnlyList<string> ScopeFacts { get; init; } = [];

    /// <summary>A reading drill's key words found in the stem (as written there), to emphasize; empty otherwise.</summary>
    public IReadOnlyList<string> KeyWords { get; init; } = [];

    /// <summary>The time the answer took.</summary>
    public required TimeSpan ResponseTime { get; init; }
}

/// <summary>
/// A pacing drill's meter: the time used against the time exam pace allows for the items answered so far.
/// </summary>
/// <param name="Answered">Items answered.</param>
/// <param name="Elapsed">Time used.</param>
/// <param name="Pace">The target time per item.</param>
public readonly record struct PaceMeter(int Answered, TimeSpan Elapsed, TimeSpan Pace)
{
    /// <summary>The time exam pace allows for <see cref="Answered"/> items.</summary>
    public TimeSpan Allowed => Pace * Answered;

    /// <summary>How far ahead of pace (positive) or behind it (negative).</summary>
    public TimeSpan Ahead => Allowed - Elapsed;

    /// <summary>The average time per answered item, or zero before the first answer.</summary>
    public TimeSpan PerItem => Answered > 0 ? Elapsed / Answered : TimeSpan.Zero;

    /// <summary>Whether the candidate is at exam pace or faster.</summary>
    public bool OnPace => Ahead >= TimeSpan.Zero;
}
