using EmrCat.Scoring;
using EmrCat.Stopping;

namespace EmrCat.Sessions;

/// <summary>The plain-English sentence a result carries: formatted from the outcome, outside the session's state machine.</summary>
internal static class ResultExplanation
{
    /// <summary>Why the session ended as it did.</summary>
    public static string For(StopReason reason, PassFailDecision decision, int scoredCount, int countedCount, CatOptions options)
    {
        bool pass = decision == PassFailDecision.Pass;
        switch (reason)
        {
            case StopReason.ConfidenceClassification:
                return $"The {options.Confidence * 100:0.#}% confidence interval around the ability estimate lies wholly {(pass ? "above" : "below")} the passing standard after {scoredCount} scored items.";
            case StopReason.SequentialProbabilityRatio or StopReason.GeneralizedLikelihoodRatio:
                return $"The likelihood-ratio test of ability {options.IndifferenceHalfWidth:0.##} logits above against {options.IndifferenceHalfWidth:0.##} logits below the passing standard favored {(pass ? "passing" : "failing")} at the {(1 - options.Confidence) * 100:0.#}% error level after {scoredCount} scored items.";
            case StopReason.Abandoned:
                return decision == PassFailDecision.Fail
                    ? $"The exam was ended after {Evidence(scoredCount, countedCount)}, fewer than the minimum of {options.MinScoredItems}: an incomplete exam is a fail."
                    : "The session was ended before a decision.";
        }

        string ending = reason switch
        {
            StopReason.TimeLimit => "Time ran out",
            StopReason.MaximumItems => "The maximum number of scored items was reached",
            StopReason.FixedLength => "The fixed test length was reached",
            StopReason.StandardError => "The target precision was reached",
            _ => "No eligible item was left in the bank",
        };
        if (countedCount >= options.MinScoredItems)
        {
            return $"{ending}; the final ability estimate is {(pass ? "at or above" : "below")} the passing standard, so the result is a {(pass ? "pass" : "fail")}.";
        }

        return $"{ending} after {Evidence(scoredCount, countedCount)}, fewer than the minimum of {options.MinScoredItems}: {(decision == PassFailDecision.Fail ? "an incomplete exam is a fail" : "too little evidence for a decision")}.";
    }

    /// <summary>"N scored items", or, when effort-moderated scoring left rapid guesses out, how many of them counted.</summary>
    private static string Evidence(int scoredCount, int countedCount) => countedCount == scoredCount
        ? $"{scoredCount} scored items"
        : $"{scoredCount} scored items of which only {countedCount} counted (answers faster than anyone could read the question were left out)";
}
