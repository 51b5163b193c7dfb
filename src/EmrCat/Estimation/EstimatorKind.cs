namespace EmrCat.Estimation;

/// <summary>The ability estimators EmrCat provides.</summary>
public enum EstimatorKind
{
    /// <summary>Bounded maximum likelihood (<see cref="MaximumLikelihoodEstimator"/>).</summary>
    MaximumLikelihood,

    /// <summary>Maximum a posteriori with a normal prior (<see cref="MapEstimator"/>), catR's "BM".</summary>
    MaximumAPosteriori,

    /// <summary>Expected a posteriori by quadrature (<see cref="EapEstimator"/>).</summary>
    ExpectedAPosteriori,

    /// <summary>Warm's weighted likelihood (<see cref="WeightedLikelihoodEstimator"/>).</summary>
    WeightedLikelihood,
}
