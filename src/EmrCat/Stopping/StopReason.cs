namespace EmrCat.Stopping;

/// <summary>Which rule ended a session.</summary>
public enum StopReason
{
    /// <summary>The confidence interval θ̂ ± z·SE lay wholly above or below the cut.</summary>
    ConfidenceClassification,

    /// <summary>The standard error fell to the threshold.</summary>
    StandardError,

    /// <summary>A fixed test length was reached.</summary>
    FixedLength,

    /// <summary>The maximum number of scored items was reached without a confident decision.</summary>
    MaximumItems,

    /// <summary>The time limit ran out.</summary>
    TimeLimit,

    /// <summary>No eligible item was left in the bank.</summary>
    BankExhausted,

    /// <summary>The candidate ended the session early.</summary>
    Abandoned,

    /// <summary>
    /// The sequential probability ratio test (Wald; Reckase 1983) crossed a bound: the likelihood ratio of θ = cut + δ
    /// against θ = cut − δ left the interval set by the nominal error rates.
    /// </summary>
    SequentialProbabilityRatio,

    /// <summary>
    /// The generalized likelihood ratio (Bartroff, Finkelman &amp; Lai 2008; Thompson 2009) crossed a bound: the highest
    /// likelihood above cut + δ against the highest below cut − δ.
    /// </summary>
    GeneralizedLikelihoodRatio,
}
