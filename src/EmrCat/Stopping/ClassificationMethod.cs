namespace EmrCat.Stopping;

/// <summary>How a session classifies a candidate against the cut before the maximum length.</summary>
public enum ClassificationMethod
{
    /// <summary>Stop once θ̂ ± z·SE excludes the cut (z for <c>CatOptions.Confidence</c>). Checked after every item from the minimum on, so the error rate exactly at the cut is higher than one look's (see docs/psychometrics.md).</summary>
    ConfidenceInterval,

    /// <summary>Wald's sequential probability ratio test of θ = cut + δ against θ = cut − δ (δ = <c>CatOptions.IndifferenceHalfWidth</c>), nominal error rates 1 − <c>CatOptions.Confidence</c> each.</summary>
    SequentialProbabilityRatio,

    /// <summary>The generalized likelihood ratio: as the SPRT, with the highest likelihood on each side of the indifference region.</summary>
    GeneralizedLikelihoodRatio,
}
