namespace EmrCat.Coaching;

/// <summary>One missed scored item in an <see cref="ErrorLog"/>, with the bucket the evidence suggests and the candidate's own choice.</summary>
public sealed record ErrorLogEntry
{
    /// <summary>The item's id.</summary>
    public required string ItemId { get; init; }

    /// <summary>Id of the item's blueprint domain.</summary>
    public required string Domain { get; init; }

    /// <summary>The option ids the candidate chose; empty when the item was not answered.</summary>
    public required IReadOnlyList<string> Chosen { get; init; }

    /// <summary>The key.</summary>
    public required IReadOnlyList<string> Key { get; init; }

    /// <summary>How the item is answered: a select-all or ordering item may earn partial credit. Default single.</summary>
    public Banks.ItemType Type { get; init; } = Banks.ItemType.Single;

    /// <summary>The response category earned, below <see cref="MaxCategory"/> (0 for a plain miss; 1..K−1 is partial credit).</summary>
    public int Category { get; init; }

    /// <summary>The top category, full credit: 1 for a right/wrong item; for select-all the right options, for ordering the adjacent pairs.</summary>
    public int MaxCategory { get; init; } = 1;

    /// <summary>Whether the answer earned some credit but not all of it.</summary>
    public bool IsPartialCredit => Category > 0 && Category < MaxCategory;

    /// <summary>Time spent on the item, or <see langword="null"/> when not measured.</summary>
    public TimeSpan? ResponseTime { get; init; }

    /// <summary>Whether the item's time ran out.</summary>
    public bool TimedOut { get; init; }

    /// <summary>The bucket the evidence suggests (see <see cref="ErrorLogBuilder"/> for the precedence).</summary>
    public required ErrorBucket SuggestedBucket { get; init; }

    /// <summary>The evidence behind <see cref="SuggestedBucket"/>, in plain words.</summary>
    public required string Evidence { get; init; }

    /// <summary>The candidate's own bucket, or <see langword="null"/> when they accept the suggestion.</summary>
    public ErrorBucket? BucketOverride { get; init; }

    /// <summary>The bucket in force: the candidate's override, else the suggestion.</summary>
    public ErrorBucket Bucket => BucketOverride ?? SuggestedBucket;

    /// <summary>Whether the candidate overrode the suggestion.</summary>
    public bool IsOverridden => BucketOverride is not null;

    /// <summary>
    /// Estimated cost of the miss in scaled-score points: how far it pulled θ̂ down near the cut, to first order
    /// (see <see cref="ErrorLogBuilder"/>); ≥ 0.
    /// </summary>
    public required double Cost { get; init; }
}
