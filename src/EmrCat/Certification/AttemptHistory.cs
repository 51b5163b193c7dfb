using System.Collections.Immutable;

namespace EmrCat.Certification;

/// <summary>The result of one cognitive exam attempt.</summary>
public enum AttemptResult
{
    /// <summary>Passed.</summary>
    Pass,

    /// <summary>Failed.</summary>
    Fail,

    /// <summary>Taken; the result is not posted yet.</summary>
    Pending,
}

/// <summary>One cognitive exam attempt.</summary>
/// <param name="Date">The date the attempt was taken.</param>
/// <param name="Result">Its result.</param>
public sealed record ExamAttempt(DateOnly Date, AttemptResult Result);

/// <summary>
/// A candidate's cognitive exam attempts, oldest first, and the dates they completed a full EMR refresher course.
/// The history is data only; <see cref="RetakePolicy"/> judges it and rejects invalid ones.
/// </summary>
public sealed record AttemptHistory
{
    /// <summary>Creates a history.</summary>
    /// <param name="attempts">The attempts, oldest first.</param>
    /// <param name="refresherCompletions">Dates a full EMR refresher course was completed, in any order; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="attempts"/> or an attempt is null.</exception>
    public AttemptHistory(IEnumerable<ExamAttempt> attempts, IEnumerable<DateOnly>? refresherCompletions = null)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        Attempts = [.. attempts];
        if (Attempts.Any(a => a is null)) throw new ArgumentNullException(nameof(attempts), "An attempt in the history is null.");
        RefresherCompletions = [.. (refresherCompletions ?? []).Order()];
    }

    /// <summary>No attempts and no refresher courses.</summary>
    public static AttemptHistory Empty { get; } = new([]);

    /// <summary>The attempts, oldest first (as given; the policy rejects them out of order).</summary>
    public IReadOnlyList<ExamAttempt> Attempts { get; }

    /// <summary>Refresher course completion dates, earliest first.</summary>
    public IReadOnlyList<DateOnly> RefresherCompletions { get; }

    /// <summary>A new history with one more attempt at the end.</summary>
    /// <param name="attempt">The attempt.</param>
    /// <returns>The new history.</returns>
    public AttemptHistory WithAttempt(ExamAttempt attempt) => new([.. Attempts, attempt], RefresherCompletions);

    /// <summary>A new history with one more refresher course completion.</summary>
    /// <param name="completedOn">The completion date.</param>
    /// <returns>The new history.</returns>
    public AttemptHistory WithRefresher(DateOnly completedOn) => new(Attempts, [.. RefresherCompletions, completedOn]);

    /// <summary>A new history whose last attempt has a different result (for example when a pending result posts).</summary>
    /// <param name="result">The result.</param>
    /// <returns>The new history.</returns>
    /// <exception cref="InvalidOperationException">There are no attempts.</exception>
    public AttemptHistory WithLastResult(AttemptResult result)
    {
        if (Attempts.Count == 0) throw new InvalidOperationException("The history has no attempt to give a result to.");
        return new(Attempts.Take(Attempts.Count - 1).Append(Attempts[^1] with { Result = result }), RefresherCompletions);
    }

    /// <inheritdoc />
    public bool Equals(AttemptHistory? other) =>
        other is not null && Attempts.SequenceEqual(other.Attempts) && RefresherCompletions.SequenceEqual(other.RefresherCompletions);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var a in Attempts) hash.Add(a);
        foreach (var r in RefresherCompletions) hash.Add(r);
        return hash.ToHashCode();
    }
}
