using EmrCat.Estimation;
using EmrCat.Irt;

namespace EmrCat.Reporting;

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
    /// The default domain estimator: MAP with a N(0, 1) prior searching [-4, 4]. A domain has only a handful of items, so
    /// the prior keeps all-right and all-wrong domains finite and their SE honest (WLE's SE is 1/√I, which for 6 items
    /// is so wide that 0 right out of 6 still reads "near passing"). Immutable, so one instance serves all.
    /// </summary>
    /// <param name="metric">The metric of the items' parameters (the bank's).</param>
    /// <returns>MAP with a N(0, 1) prior in [-4, 4] on that metric.</returns>
    public static IAbilityEstimator DefaultDomainEstimator(IrtMetric metric) =>
        metric.ScalingConstant == IrtMetric.Logistic.ScalingConstant ? LogisticDomainEstimator : new MapEstimator(new MapOptions { Range = new ThetaRange(-4, 4), Metric = metric });

    private static readonly MapEstimator LogisticDomainEstimator = new(new MapOptions { Range = new ThetaRange(-4, 4) });

    /// <summary>
    /// Estimates each domain's θ from that domain's scored items; it must use the bank's metric. Default (null):
    /// <see cref="DefaultDomainEstimator"/> on the metric the answered items carry.
    /// </summary>
    public IAbilityEstimator? DomainEstimator { get; init; }

    internal IEnumerable<string> Validate()
    {
        if (!(Confidence > 0 && Confidence < 1)) yield return $"Confidence must be in (0, 1), but was {Confidence}.";
        if (MinimumItemsPerDomain < 1) yield return $"MinimumItemsPerDomain must be at least 1, but was {MinimumItemsPerDomain}.";
    }
}
