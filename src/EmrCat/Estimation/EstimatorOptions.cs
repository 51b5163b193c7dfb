using EmrCat.Irt;

namespace EmrCat.Estimation;

/// <summary>Options of the bounded maximum-likelihood estimator.</summary>
public sealed record MaximumLikelihoodOptions
{
    /// <summary>Search range for θ̂. Default [-6, 6].</summary>
    public ThetaRange Range { get; init; } = ThetaRange.Default;

    /// <summary>Scaling constant D. Default logistic (1.0).</summary>
    public IrtMetric Metric { get; init; } = IrtMetric.Logistic;

    /// <summary>θ reported when there are no responses at all. Default 0.</summary>
    public double EmptyPatternTheta { get; init; }

    /// <summary>Absolute tolerance on θ̂. Default 1e-10.</summary>
    public double Tolerance { get; init; } = 1e-10;

    internal IEnumerable<string> Validate()
    {
        if (!(Tolerance > 0 && Tolerance < 0.1)) yield return $"Tolerance must be in (0, 0.1), but was {Tolerance}.";
        if (!double.IsFinite(EmptyPatternTheta)) yield return $"EmptyPatternTheta must be finite, but was {EmptyPatternTheta}.";
    }
}

/// <summary>Options of the maximum a posteriori (Bayes modal) estimator with a normal prior.</summary>
public sealed record MapOptions
{
    /// <summary>Search range for θ̂. Default [-6, 6].</summary>
    public ThetaRange Range { get; init; } = ThetaRange.Default;

    /// <summary>Scaling constant D. Default logistic (1.0).</summary>
    public IrtMetric Metric { get; init; } = IrtMetric.Logistic;

    /// <summary>Normal prior mean μ. Default 0.</summary>
    public double PriorMean { get; init; }

    /// <summary>Normal prior standard deviation σ. Default 1.</summary>
    public double PriorStandardDeviation { get; init; } = 1.0;

    /// <summary>Absolute tolerance on θ̂. Default 1e-10.</summary>
    public double Tolerance { get; init; } = 1e-10;

    internal IEnumerable<string> Validate()
    {
        if (!double.IsFinite(PriorMean)) yield return $"PriorMean must be finite, but was {PriorMean}.";
        if (!(PriorStandardDeviation > 0 && double.IsFinite(PriorStandardDeviation))) yield return $"PriorStandardDeviation must be finite and > 0, but was {PriorStandardDeviation}.";
        if (!(Tolerance > 0 && Tolerance < 0.1)) yield return $"Tolerance must be in (0, 0.1), but was {Tolerance}.";
    }
}

/// <summary>Options of the expected a posteriori estimator (trapezoidal quadrature on an even grid, normal prior).</summary>
public sealed record EapOptions
{
    /// <summary>Quadrature range. Default [-6, 6].</summary>
    public ThetaRange Range { get; init; } = ThetaRange.Default;

    /// <summary>Number of equally spaced quadrature points, 2 to 100,000. Default 601.</summary>
    public int QuadraturePoints { get; init; } = 601;

    /// <summary>Scaling constant D. Default logistic (1.0).</summary>
    public IrtMetric Metric { get; init; } = IrtMetric.Logistic;

    /// <summary>Normal prior mean μ. Default 0.</summary>
    public double PriorMean { get; init; }

    /// <summary>Normal prior standard deviation σ. Default 1.</summary>
    public double PriorStandardDeviation { get; init; } = 1.0;

    internal IEnumerable<string> Validate()
    {
        if (QuadraturePoints is < 2 or > 100_000) yield return $"QuadraturePoints must be in 2..100000, but was {QuadraturePoints}.";
        if (!double.IsFinite(PriorMean)) yield return $"PriorMean must be finite, but was {PriorMean}.";
        if (!(PriorStandardDeviation > 0 && double.IsFinite(PriorStandardDeviation))) yield return $"PriorStandardDeviation must be finite and > 0, but was {PriorStandardDeviation}.";
    }
}

/// <summary>Options of Warm's weighted-likelihood estimator.</summary>
public sealed record WeightedLikelihoodOptions
{
    /// <summary>Search range for θ̂. Default [-6, 6].</summary>
    public ThetaRange Range { get; init; } = ThetaRange.Default;

    /// <summary>Scaling constant D. Default logistic (1.0).</summary>
    public IrtMetric Metric { get; init; } = IrtMetric.Logistic;

    /// <summary>θ reported when there are no responses at all. Default 0.</summary>
    public double EmptyPatternTheta { get; init; }

    /// <summary>Absolute tolerance on θ̂. Default 1e-10.</summary>
    public double Tolerance { get; init; } = 1e-10;

    internal IEnumerable<string> Validate()
    {
        if (!(Tolerance > 0 && Tolerance < 0.1)) yield return $"Tolerance must be in (0, 0.1), but was {Tolerance}.";
        if (!double.IsFinite(EmptyPatternTheta)) yield return $"EmptyPatternTheta must be finite, but was {EmptyPatternTheta}.";
    }
}
