namespace EmrCat.Coaching;

/// <summary>Options of <see cref="RepairPlanner"/>.</summary>
public sealed record RepairPlanOptions
{
    /// <summary>The exam's maximum number of items, for the target pace. Default 110.</summary>
    public int ExamItemCount { get; init; } = 110;

    /// <summary>The exam's time limit, for the target pace. Default 105 minutes (so about 57 s per item).</summary>
    public TimeSpan ExamTimeLimit { get; init; } = TimeSpan.FromMinutes(105);

    /// <summary>How many of the weakest domains a knowledge-gap plan names for review, at least 1. Default 2.</summary>
    public int DomainsToReview { get; init; } = 2;

    /// <summary>The target time per item: <see cref="ExamTimeLimit"/> / <see cref="ExamItemCount"/>.</summary>
    public TimeSpan TargetTimePerItem => ExamItemCount > 0 ? ExamTimeLimit / ExamItemCount : TimeSpan.Zero;

    internal IEnumerable<string> Validate()
    {
        if (ExamItemCount < 1) yield return $"ExamItemCount must be at least 1, but was {ExamItemCount}.";
        if (ExamTimeLimit <= TimeSpan.Zero) yield return $"ExamTimeLimit must be positive, but was {ExamTimeLimit}.";
        if (DomainsToReview < 1) yield return $"DomainsToReview must be at least 1, but was {DomainsToReview}.";
    }
}
