namespace EmrCat.Estimation;

/// <summary>Creates an estimator of a given kind with default options, for hosts that choose the method at run time.</summary>
public static class AbilityEstimators
{
    /// <summary>Creates the estimator of <paramref name="kind"/> with its default options.</summary>
    /// <param name="kind">Which estimator.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Unknown kind.</exception>
    public static IAbilityEstimator Create(EstimatorKind kind) => kind switch
    {
        EstimatorKind.MaximumLikelihood => new MaximumLikelihoodEstimator(),
        EstimatorKind.MaximumAPosteriori => new MapEstimator(),
        EstimatorKind.ExpectedAPosteriori => new EapEstimator(),
        EstimatorKind.WeightedLikelihood => new WeightedLikelihoodEstimator(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown estimator kind."),
    };
}
