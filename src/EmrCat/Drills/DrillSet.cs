using EmrCat.Banks;
using EmrCat.Coaching;

namespace EmrCat.Drills;

/// <summary>
/// A short practice set for one error bucket, chosen by <see cref="DrillPlanner.Choose"/>. A drill gives feedback after
/// every item and is never evidence of readiness: its answers move no estimate.
/// </summary>
public sealed record DrillSet
{
    /// <summary>The bucket the drill repairs.</summary>
    public required ErrorBucket Bucket { get; init; }

    /// <summary>The items, in the order to present them (scored items of the bank, no repeats).</summary>
    public required IReadOnlyList<BankItem> Items { get; init; }

    /// <summary>The domains a knowledge drill targets (the learner's weakest), weakest first; empty for the other buckets.</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>The ability the items were chosen around (the learner's last practice θ̂, or the cut without one).</summary>
    public required double TargetTheta { get; init; }

    /// <summary>Items the learner saw within the recency window that had to be given back because too few others fit.</summary>
    public required int RecentItemsReused { get; init; }

    /// <summary>The whole set's time limit (a pacing drill: items × pace); <see langword="null"/> for untimed drills.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>The time per item the set keeps (a pacing drill), or <see langword="null"/>.</summary>
    public TimeSpan? Pace { get; init; }

    /// <summary>Why these items, in one sentence a candidate can read.</summary>
    public required string Description { get; init; }
}
