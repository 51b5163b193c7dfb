using EmrCat.Stopping;

namespace EmrCat.Scoring;

/// <summary>
/// The pass/fail decision of a finished session, in one place for every route (sessions, simulations, reports).
/// A confident classification decides on θ̂ against the cut (a likelihood-ratio test by the side it favored); any other
/// ending decides on θ̂ once the minimum number of scored answers counted toward it (every scored answer, unless
/// effort-moderated scoring left rapid guesses out: a prior-dominated θ̂ is no evidence), and otherwise reports the
/// options' incomplete outcome; an abandoned session is undecided unless it ended short of the minimum under an incomplete outcome of fail.
/// </summary>
internal static class PassFailRule
{
    /// <summary>The decision for a session ended by <paramref name="reason"/> with <paramref name="scoredCount"/> scored answers counted.</summary>
    /// <param name="reason">The rule that ended the session.</param>
    /// <param name="scoredCount">Scored answers that entered θ̂ (rapid guesses left out under effort-moderated scoring are not counted).</param>
    /// <param name="theta">The final θ̂.</param>
    /// <param name="cutTheta">The cut.</param>
    /// <param name="minScoredItems">The minimum number of scored items for a decision on θ̂.</param>
    /// <param name="incompleteOutcome">What a session short of the minimum reports.</param>
    /// <param name="classified">A likelihood-ratio rule's classification (true: pass), or null.</param>
    public static PassFailDecision Decide(StopReason reason, int scoredCount, double theta, double cutTheta, int minScoredItems, IncompleteOutcome incompleteOutcome, bool? classified = null)
    {
        bool enough = scoredCount >= minScoredItems;
        if (reason == StopReason.Abandoned)
        {
            return !enough && incompleteOutcome == IncompleteOutcome.Fail ? PassFailDecision.Fail : PassFailDecision.Undecided;
        }

        if (reason is StopReason.SequentialProbabilityRatio or StopReason.GeneralizedLikelihoodRatio && classified is { } passed)
        {
            return passed ? PassFailDecision.Pass : PassFailDecision.Fail;
        }

        if (reason == StopReason.ConfidenceClassification || enough)
        {
            return theta >= cutTheta ? PassFailDecision.Pass : PassFailDecision.Fail;
        }

        return incompleteOutcome == IncompleteOutcome.Fail ? PassFailDecision.Fail : PassFailDecision.Undecided;
    }
}
