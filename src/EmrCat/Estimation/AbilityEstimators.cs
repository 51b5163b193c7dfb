using EmrCat.Irt;

namespace EmrCat.Estimation;

/// <summary>
/// The one map from an <see cref="EstimatorKind"/> and its settings to an estimator. Sessions reach it through
/// <c>CatStrategies.For</c> (the options' range, quadrature points and start θ on the bank's metric); the host's
/// <c>score</c> command through <see cref="Create(EstimatorKind)"/> (catR's oracle settings).
/// </summary>
internal static class AbilityEstimators
{
    /// <summary>
    /// The estimator of <paramref name="kind"/> with catR's oracle settings: range [-6, 6], logistic metric, N(0, 1)
    /// prior, EAP on 601 points. Sessions use their options' settings instead (<see cref="Create(EstimatorKind, ThetaRange, int, IrtMetric, double)"/>).
    /// </summary>
    /// <param name="kind">Which estimator.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Unknown kind.</exception>
    public static IAbilityEstimator Create(EstimatorKind kind) => Create(kind, ThetaRange.Default, quadraturePoints: 601, IrtMetric.Logistic, emptyPatternTheta: 0);

    /// <summary>The estimator of <paramref name="kind"/> with the given settings (N(0, 1) prior for MAP and EAP).</summary>
    /// <param name="kind">Which estimator.</param>
    /// <param name="range">Search (ML, MAP, WLE) or integration (EAP) range.</param>
    /// <param name="quadraturePoints">EAP quadrature points over <paramref name="range"/>, 2 to 100,000.</param>
    /// <param name="metric">Scaling constant D.</param>
    /// <param name="emptyPatternTheta">θ that ML and WLE report before any response.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Unknown kind.</exception>
    /// <exception cref="ArgumentException">Invalid settings.</exception>
    public static IAbilityEstimator Create(EstimatorKind kind, ThetaRange range, int quadraturePoints, IrtMetric metric, double emptyPatternTheta) =>
        Create(kind, range, quadraturePoints, metric, emptyPatternTheta, priorMean: 0, priorStandardDeviation: 1);

    /// <summary>The estimator of <paramref name="kind"/> with the given settings and a N(μ, σ) prior for MAP and EAP.</summary>
    /// <param name="kind">Which estimator.</param>
    /// <param name="range">Search (ML, MAP, WLE) or integration (EAP) range.</param>
    /// <param name="quadraturePoints">EAP quadrature points over <paramref name="range"/>, 2 to 100,000.</param>
    /// <param name="metric">Scaling constant D.</param>
    /// <param name="emptyPatternTheta">θ that ML and WLE report before any response.</param>
    /// <param name="priorMean">Prior mean μ (MAP, EAP).</param>
    /// <param name="priorStandardDeviation">Prior SD σ &gt; 0 (MAP, EAP).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Unknown kind.</exception>
    /// <exception cref="ArgumentException">Invalid settings.</exception>
    public static IAbilityEstimator Create(EstimatorKind kind, ThetaRange range, int quadraturePoints, IrtMetric metric, double emptyPatternTheta, double priorMean, double priorStandardDeviation) => kind switch
    {
        EstimatorKind.MaximumLikelihood => new MaximumLikelihoodEstimator(new MaximumLikelihoodOptions { Range = range, Metric = metric, EmptyPatternTheta = emptyPatternTheta }),
        EstimatorKind.MaximumAPosteriori => new MapEstimator(new MapOptions { Range = range, Metric = metric, PriorMean = priorMean, PriorStandardDeviation = priorStandardDeviation }),
        EstimatorKind.ExpectedAPosteriori => new EapEstimator(new EapOptions { Range = range, Metric = metric, QuadraturePoints = quadraturePoints, PriorMean = priorMean, PriorStandardDeviation = priorStandardDeviation }),
        EstimatorKind.WeightedLikelihood => new WeightedLikelihoodEstimator(new WeightedLikelihoodOptions { Range = range, Metric = metric, EmptyPatternTheta = emptyPatternTheta }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown estimator kind."),
    };
}
