namespace EmrCat.Certification;

/// <summary>
/// Options of <see cref="RetakePolicy"/>. The defaults are the National Registry's EMR rules: three attempts before a
/// full refresher course is required, 15 days between a failed attempt and the next, results about two business days
/// after the attempt.
/// </summary>
public sealed record RetakePolicyOptions
{
    /// <summary>Attempts in a cycle; after this many failures a full EMR refresher course is required, and completing one starts a new cycle. At least 1. Default 3.</summary>
    public int MaxAttemptsBeforeRefresher { get; init; } = 3;

    /// <summary>Calendar days from a failed attempt to the earliest next attempt (failure date + this). At least 0. Default 15.</summary>
    public int WaitAfterFailureDays { get; init; } = 15;

    /// <summary>Business days (weekends and calendar holidays skipped) from an attempt to its expected results. 0 to 60. Default 2.</summary>
    public int ResultsDelayBusinessDays { get; init; } = 2;

    internal IEnumerable<string> Validate()
    {
        if (MaxAttemptsBeforeRefresher < 1) yield return $"MaxAttemptsBeforeRefresher must be at least 1, but was {MaxAttemptsBeforeRefresher}.";
        if (WaitAfterFailureDays < 0) yield return $"WaitAfterFailureDays must be at least 0, but was {WaitAfterFailureDays}.";
        if (ResultsDelayBusinessDays is < 0 or > 60) yield return $"ResultsDelayBusinessDays must be in 0..60, but was {ResultsDelayBusinessDays}.";
    }
}
