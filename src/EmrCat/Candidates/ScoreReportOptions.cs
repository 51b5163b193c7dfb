using EmrCat.Estimation;

namespace EmrCat.Candidates;

/// <summary>Options of <see cref="ScoreReporter"/>: how domain levels are judged.</summary>
public sealed record ScoreReportOptions
{
    /// <summary>
    /// Two-sided confidence of a domain's interval θ̂ ± z·SE, in (0, 1). Default 0.95, so z = Φ⁻¹(0.975) ≈ 1.959964.
    /// </summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>
    /// Fewest scored items a domain needs before the report states a level; below it the level is
    /// <see cref="DomainLevel.InsufficientData"/>. At least 1. Default 5.
    /// </summary>
    public int MinimumItemsPerDomain { get; init; } = 5;

    /// <summary>
    /// The default domain estimator: a <see cref="WeightedLikelihoodEstimator"/> searching [-4, 4], which is finite for
    /// all-right and all-wrong patterns (Warm's correction, and the range bounds it). Immutable, so one instance serves all.
    /// </summary>
    public static IAbilityEstimator DefaultDomainEstimator { get; } =
        new WeightedLikelihoodEstimator(new WeightedLikelihoodOptions { Range = new ThetaRange(-4, 4) });

    /// <summary>Estimates each domain's θ from that domain's scored items. Default <see cref="DefaultDomainEstimator"/>.</summary>
    public IAbilityEstimator DomainEstimator { get; init; } = DefaultDomainEstimator;

    internal IEnumerable<string> Validate()
    {
        if (!(Confidence > 0 && Confidence < 1)) yield return $"Confidence must be in (0, 1), but was {Confidence}.";
        if (MinimumItemsPerDomain < 1) yield return $"MinimumItemsPerDomain must be at least 1, but was {MinimumItemsPerDomain}.";
        if (DomainEstimator is null) yield return "DomainEstimator must not be null.";
    }
}
