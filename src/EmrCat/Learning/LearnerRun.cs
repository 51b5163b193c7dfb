namespace EmrCat.Learning;

/// <summary>What kind of run a learner took: a scored practice run counts toward readiness, a drill never does.</summary>
public enum RunKind
{
    /// <summary>An adaptive practice run; its estimate is evidence of readiness.</summary>
    Practice,

    /// <summary>A drill; its items count as seen, its answers are not readiness evidence.</summary>
    Drill,
}

/// <summary>A domain's level at the end of a run.</summary>
/// <param name="Domain">Domain id.</param>
/// <param name="Given">Scored items given in the domain.</param>
/// <param name="Correct">Of those, answered right.</param>
public sealed record DomainLevel(string Domain, int Given, int Correct);

/// <summary>An item the learner missed, with the error bucket it was put in (knowledge, sequence, scope, reading, pacing).</summary>
/// <param name="ItemId">The item.</param>
/// <param name="Domain">Its domain.</param>
/// <param name="Bucket">The error bucket's name.</param>
public sealed record MissedItem(string ItemId, string Domain, string Bucket);

/// <summary>
/// One finished run in a learner's memory: when, what was seen, and (for practice runs) the estimate it ended with.
/// Lists are copied on construction, so a run never changes after it is recorded.
/// </summary>
public sealed record LearnerRun
{
    /// <summary>Creates a run, copying the lists.</summary>
    /// <param name="kind">Practice or drill.</param>
    /// <param name="finishedAt">When the run ended.</param>
    /// <param name="itemsSeen">Every item presented (scored and pilot), in order.</param>
    /// <param name="theta">Final θ̂ (practice runs).</param>
    /// <param name="standardError">Its SE (practice runs); infinite when no scored answer was given.</param>
    /// <param name="chanceOfPassing">P(θ ≥ cut | answers), when the run computed it.</param>
    /// <param name="domains">Domain levels.</param>
    /// <param name="misses">Missed items with their buckets.</param>
    /// <exception cref="ArgumentException">A non-finite θ, a negative or NaN SE, or a chance outside [0, 1].</exception>
    public LearnerRun(RunKind kind, DateTimeOffset finishedAt, IEnumerable<string> itemsSeen, double theta, double standardError, double? chanceOfPassing, IEnumerable<DomainLevel> domains, IEnumerable<MissedItem> misses)
    {
        ArgumentNullException.ThrowIfNull(itemsSeen);
        ArgumentNullException.ThrowIfNull(domains);
        ArgumentNullException.ThrowIfNull(misses);
        if (!double.IsFinite(theta)) throw new ArgumentException($"θ must be finite, but was {theta}.", nameof(theta));
        if (double.IsNaN(standardError) || standardError < 0) throw new ArgumentException($"The SE must be 0 or more, but was {standardError}.", nameof(standardError));
        if (chanceOfPassing is { } p && !(p >= 0 && p <= 1)) throw new ArgumentException($"The chance of passing must be in [0, 1], but was {p}.", nameof(chanceOfPassing));
        Kind = kind;
        FinishedAt = finishedAt;
        ItemsSeen = itemsSeen.ToArray();
        Theta = theta;
        StandardError = standardError;
        ChanceOfPassing = chanceOfPassing;
        Domains = domains.ToArray();
        Misses = misses.ToArray();
    }

    /// <summary>Practice or drill.</summary>
    public RunKind Kind { get; }

    /// <summary>When the run ended.</summary>
    public DateTimeOffset FinishedAt { get; }

    /// <summary>Every item presented, in order.</summary>
    public IReadOnlyList<string> ItemsSeen { get; }

    /// <summary>Final θ̂.</summary>
    public double Theta { get; }

    /// <summary>SE of θ̂.</summary>
    public double StandardError { get; }

    /// <summary>P(θ ≥ cut | answers), when known.</summary>
    public double? ChanceOfPassing { get; }

    /// <summary>Domain levels at the end.</summary>
    public IReadOnlyList<DomainLevel> Domains { get; }

    /// <summary>Missed items with their buckets.</summary>
    public IReadOnlyList<MissedItem> Misses { get; }
}
