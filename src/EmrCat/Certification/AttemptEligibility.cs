namespace EmrCat.Certification;

/// <summary>What stops a candidate from taking an attempt.</summary>
public enum AttemptBlocker
{
    /// <summary>Nothing: the attempt is allowed.</summary>
    None,

    /// <summary>The candidate has already passed.</summary>
    AlreadyPassed,

    /// <summary>The last attempt's result is not posted yet.</summary>
    ResultPending,

    /// <summary>The date is not after the previous attempt.</summary>
    NotAfterPreviousAttempt,

    /// <summary>The cycle's attempts are used up and no full EMR refresher course has been completed since.</summary>
    RefresherRequired,

    /// <summary>The waiting period after a failed attempt has not ended.</summary>
    WaitingPeriod,
}

/// <summary>Whether an attempt on a given date is allowed, and if not why.</summary>
/// <param name="Date">The date asked about.</param>
/// <param name="Allowed">Whether the attempt is allowed.</param>
/// <param name="Blocker">What stops it; <see cref="AttemptBlocker.None"/> when allowed.</param>
/// <param name="Reason">The answer in plain words.</param>
/// <param name="EarliestAllowed">
/// The earliest date an attempt is allowed given the history, when one is known; <see langword="null"/> when no date
/// works until something else happens (a result posts, a refresher course is completed) or the candidate has passed.
/// </param>
public sealed record AttemptEligibility(DateOnly Date, bool Allowed, AttemptBlocker Blocker, string Reason, DateOnly? EarliestAllowed);
