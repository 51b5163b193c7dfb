using EmrCat.Coaching;

namespace EmrCat.Drills;

/// <summary>Options of <see cref="DrillPlanner"/>: how long a drill is, the exam pace a pacing drill keeps, and how slowly a reading drill makes the candidate read.</summary>
public sealed record DrillOptions
{
    /// <summary>Items in a drill, 1 to 100. Default 10.</summary>
    public int ItemCount { get; init; } = 10;

    /// <summary>The exam's maximum number of items, for the pace. Default 110.</summary>
    public int ExamItemCount { get; init; } = 110;

    /// <summary>The exam's time limit, for the pace. Default 105 minutes (so about 57 s per item).</summary>
    public TimeSpan ExamTimeLimit { get; init; } = TimeSpan.FromMinutes(105);

    /// <summary>
    /// The time per item a pacing drill allows, or <see langword="null"/> (the default) for the exam's pace,
    /// <see cref="ExamTimeLimit"/> / <see cref="ExamItemCount"/>.
    /// </summary>
    public TimeSpan? TimePerItem { get; init; }

    /// <summary>
    /// The reading speed a reading drill enforces, in words per minute: answers are accepted only after the stem's words
    /// at this speed (200 words a minute is careful reading). 0 turns the wait off. Default 200.
    /// </summary>
    public int ReadingWordsPerMinute { get; init; } = 200;

    /// <summary>How many of the weakest domains a knowledge drill draws from, at least 1. Default 2 (as the repair plan's review).</summary>
    public int DomainsToTarget { get; init; } = 2;

    /// <summary>
    /// The qualifiers a reading drill emphasizes in the stem after the answer (whole words, case-insensitive, so NOT and
    /// EXCEPT in capitals count). Default <see cref="ErrorLogOptions.DefaultReadingKeyWords"/>, the words the error log reads.
    /// </summary>
    public IReadOnlyList<string> ReadingKeyWords { get; init; } = ErrorLogOptions.DefaultReadingKeyWords;

    /// <summary>The pace in force: <see cref="TimePerItem"/>, else the exam's time per item.</summary>
    public TimeSpan Pace => TimePerItem ?? (ExamItemCount > 0 ? ExamTimeLimit / ExamItemCount : TimeSpan.Zero);

    internal IEnumerable<string> Validate()
    {
        if (ItemCount is < 1 or > 100) yield return $"ItemCount must be from 1 to 100, but was {ItemCount}.";
        if (ExamItemCount < 1) yield return $"ExamItemCount must be at least 1, but was {ExamItemCount}.";
        if (ExamTimeLimit <= TimeSpan.Zero) yield return $"ExamTimeLimit must be positive, but was {ExamTimeLimit}.";
        if (TimePerItem is { } p && (p < TimeSpan.FromSeconds(1) || p > TimeSpan.FromMinutes(30))) yield return $"TimePerItem must be from 1 s to 30 min, but was {p}.";
        if (ReadingWordsPerMinute is < 0 or > 2000) yield return $"ReadingWordsPerMinute must be from 0 to 2000, but was {ReadingWordsPerMinute}.";
        if (DomainsToTarget < 1) yield return $"DomainsToTarget must be at least 1, but was {DomainsToTarget}.";
        if (ReadingKeyWords is null) yield return "ReadingKeyWords must not be null.";
        else if (ReadingKeyWords.Any(string.IsNullOrWhiteSpace)) yield return "ReadingKeyWords must not contain empty or blank words.";
    }
}
