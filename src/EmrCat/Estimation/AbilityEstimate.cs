namespace EmrCat.Estimation;

/// <summary>An ability estimate, its standard error, and how the estimator ended.</summary>
/// <param name="Theta">The estimate θ̂; always finite.</param>
/// <param name="StandardError">
/// Its standard error; finite and &gt; 0, or <see cref="double.PositiveInfinity"/> when the responses carry no
/// information at θ̂ (for example no responses at all). Never NaN.
/// </param>
/// <param name="Status">How the estimator ended.</param>
public readonly record struct AbilityEstimate(double Theta, double StandardError, EstimateStatus Status)
{
    /// <summary>Whether θ̂ is an interior solution (not a bound, not a fallback).</summary>
    public bool IsConverged => Status == EstimateStatus.Converged;
}

/// <summary>How an estimator ended.</summary>
public enum EstimateStatus
{
    /// <summary>An interior solution was found within tolerance.</summary>
    Converged = 0,

    /// <summary>The objective is highest at the lower bound of the range (e.g. all responses wrong): θ̂ is the lower bound.</summary>
    AtLowerBound = 1,

    /// <summary>The objective is highest at the upper bound of the range (e.g. all responses correct): θ̂ is the upper bound.</summary>
    AtUpperBound = 2,

    /// <summary>There is nothing to estimate from (no responses); θ̂ is the configured starting value and the SE is infinite.</summary>
    NoFiniteEstimate = 3,
}
