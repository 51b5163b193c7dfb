namespace EmrCat.Certification;

/// <summary>Where a candidate stands in the retake rules, from their attempt history.</summary>
public sealed record RetakeStatus
{
    /// <summary>The current cycle, 1-based; a refresher course completed after a cycle's last failure starts the next.</summary>
    public required int Cycle { get; init; }

    /// <summary>Attempts used in the current cycle (0 right after a refresher course).</summary>
    public required int AttemptsUsedInCycle { get; init; }

    /// <summary>Attempts left in the current cycle before a refresher course is required.</summary>
    public required int AttemptsRemainingInCycle { get; init; }

    /// <summary>All attempts in the history.</summary>
    public required int TotalAttempts { get; init; }

    /// <summary>Whether the candidate has passed.</summary>
    public bool HasPassed => PassedOn is not null;

    /// <summary>The date of the passing attempt, or <see langword="null"/>.</summary>
    public DateOnly? PassedOn { get; init; }

    /// <summary>The date of an attempt whose result is pending, or <see langword="null"/>.</summary>
    public DateOnly? PendingSince { get; init; }

    /// <summary>When a pending result is expected (a business day), or <see langword="null"/>.</summary>
    public DateOnly? ResultsExpectedOn { get; init; }

    /// <summary>The date of the last failed attempt, or <see langword="null"/>.</summary>
    public DateOnly? LastFailure { get; init; }

    /// <summary>Whether a full EMR refresher course must be completed before the next attempt.</summary>
    public required bool RefresherRequired { get; init; }

    /// <summary>What stops the next attempt regardless of its date; <see cref="AttemptBlocker.None"/> when one can be booked.</summary>
    public required AttemptBlocker Blocker { get; init; }

    /// <summary>
    /// The earliest date of the next attempt (the last failure + the wait, and not before the refresher course that
    /// opens a new cycle); <see langword="null"/> when there is no failure to wait after, or when <see cref="Blocker"/> is not None.
    /// </summary>
    public DateOnly? EarliestNextAttempt { get; init; }

    /// <summary>The status in plain words.</summary>
    public required string Summary { get; init; }
}
