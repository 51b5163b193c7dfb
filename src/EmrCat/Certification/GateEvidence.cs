namespace EmrCat.Certification;

/// <summary>
/// What the candidate can show for a gate: a completion date (with an optional expiry), or that it is under way, or
/// nothing (the default).
/// </summary>
public readonly record struct GateEvidence
{
    /// <summary>Nothing done yet (the default value).</summary>
    public static GateEvidence NotStarted => default;

    /// <summary>Under way: in progress, requested or scheduled, not yet completed.</summary>
    public static GateEvidence Started => new() { InProgress = true };

    /// <summary>The date the gate was completed, or <see langword="null"/>.</summary>
    public DateOnly? CompletedOn { get; init; }

    /// <summary>Whether the gate is under way without being completed.</summary>
    public bool InProgress { get; init; }

    /// <summary>The last day the completion counts, or <see langword="null"/> when it does not expire. Ignored for the education course, whose validity is the two-year window before the exam.</summary>
    public DateOnly? ExpiresOn { get; init; }

    /// <summary>Completed on a date.</summary>
    /// <param name="on">The completion date.</param>
    /// <param name="expiresOn">The last day it counts, or <see langword="null"/>.</param>
    /// <returns>The evidence.</returns>
    public static GateEvidence Completed(DateOnly on, DateOnly? expiresOn = null) => new() { CompletedOn = on, ExpiresOn = expiresOn };
}
