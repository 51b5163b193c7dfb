using EmrCat.Estimation;

namespace EmrCat.Reporting;

/// <summary>Where a domain's ability stands against the passing standard, as a score report states it.</summary>
public enum DomainLevel
{
    /// <summary>The whole confidence interval lies above the cut: θ̂ − z·SE &gt; cut.</summary>
    AbovePassingStandard,

    /// <summary>The confidence interval contains the cut: the domain could be either side of it.</summary>
    NearPassingStandard,

    /// <summary>The whole confidence interval lies below the cut: θ̂ + z·SE &lt; cut.</summary>
    BelowPassingStandard,

    /// <summary>Too few scored items in the domain to say anything (fewer than <see cref="ScoreReportOptions.MinimumItemsPerDomain"/>).</summary>
    InsufficientData,
}

/// <summary>One domain's line in a score report, from that domain's scored items only.</summary>
public sealed record DomainPerformance
{
    /// <summary>The domain id (for example "primary").</summary>
    public required string DomainId { get; init; }

    /// <summary>The display name from the blueprint (for example "Primary Assessment"); the id when the blueprint has none.</summary>
    public required string Name { get; init; }

    /// <summary>The level against the passing standard.</summary>
    public required DomainLevel Level { get; init; }

    /// <summary>Scored items answered right in the domain.</summary>
    public required int Correct { get; init; }

    /// <summary>Scored items administered in the domain.</summary>
    public required int Total { get; init; }

    /// <summary>Points earned in the domain: the response categories of its scored items (partial credit counts).</summary>
    public int Points { get; init; }

    /// <summary>Points possible in the domain: the top categories of its scored items; equals <see cref="Total"/> for right/wrong items.</summary>
    public int PossiblePoints { get; init; }

    /// <summary>
    /// Scored rapid guesses of the domain left out of its estimate under effort-moderated scoring (they still count in
    /// <see cref="Correct"/>, <see cref="Total"/> and the points); 0 otherwise. The level needs
    /// <see cref="ScoreReportOptions.MinimumItemsPerDomain"/> items besides them.
    /// </summary>
    public int LeftOutOfEstimate { get; init; }

    /// <summary>The domain's ability estimate; <see langword="null"/> when the level is <see cref="DomainLevel.InsufficientData"/>.</summary>
    public AbilityEstimate? Estimate { get; init; }

    /// <summary>Lower end of the confidence interval θ̂ − z·SE (−∞ when the SE is infinite); null without an estimate.</summary>
    public double? Lower { get; init; }

    /// <summary>Upper end of the confidence interval θ̂ + z·SE (+∞ when the SE is infinite); null without an estimate.</summary>
    public double? Upper { get; init; }
}
