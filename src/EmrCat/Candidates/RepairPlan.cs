namespace EmrCat.Candidates;

/// <summary>The repair of one bucket of misses, ready for a host to render.</summary>
public sealed record RepairAction
{
    /// <summary>The bucket repaired.</summary>
    public required ErrorBucket Bucket { get; init; }

    /// <summary>A short title (for example "Practice at exam pace").</summary>
    public required string Title { get; init; }

    /// <summary>A one-line diagnosis: how many misses, what they cost, what went wrong.</summary>
    public required string Diagnosis { get; init; }

    /// <summary>Concrete steps, in the order to do them.</summary>
    public required IReadOnlyList<string> Steps { get; init; }

    /// <summary>Reference facts to show with the steps (for scope: the EMR can/cannot list); empty when there are none.</summary>
    public IReadOnlyList<string> KeyFacts { get; init; } = [];

    /// <summary>The misses in the bucket.</summary>
    public required int Misses { get; init; }

    /// <summary>Their summed cost in scaled-score points.</summary>
    public required double Cost { get; init; }

    /// <summary>The missed items of the bucket.</summary>
    public required IReadOnlyList<string> ItemIds { get; init; }
}

/// <summary>A retake plan: one action per bucket with misses, most costly first.</summary>
/// <param name="Actions">The actions, ranked as <see cref="ErrorLog.Summarize"/> ranks the buckets.</param>
/// <param name="TargetTimePerItem">The exam pace the plan aims at.</param>
public sealed record RepairPlan(IReadOnlyList<RepairAction> Actions, TimeSpan TargetTimePerItem)
{
    /// <summary>Whether there is nothing to repair (no misses).</summary>
    public bool IsEmpty => Actions.Count == 0;
}
