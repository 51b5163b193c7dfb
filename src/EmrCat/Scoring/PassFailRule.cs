using EmrCat.Sessions;

namespace EmrCat.Scoring;

/// <summary>
/// The pass/fail decision of a finished session, in one place for every route (sessions, simulations, reports).
/// A confident classification decides on θ̂ against the cut; any other ending decides the same way once the minimum
/// number of scored items was given, and otherwise reports the options' incomplete outcome; an abandoned session is
/// undecided.
/// </summary>
internal static class PassFailRule
{
    /// <summary>The decision for a session ended by <paramref name="reason"/> after <paramref name="scoredCount"/> scored items.</summary>
    public static PassFailDecision Decide(StopReason reason, int scoredCount, double theta, double cutTheta, CatOptions options)
    {
        if (reason == StopReason.Abandoned) return PassFailDecision.Undecided;
        if (reason == StopReason.ConfidenceClassification || scoredCount >= options.MinScoredItems)
        {
            return theta >= cutTheta ? PassFailDecision.Pass : PassFailDecision.Fail;
        }

        return options.IncompleteOutcome == IncompleteOutcome.Fail ? PassFailDecision.Fail : PassFailDecision.Undecided;
    }
}
