namespace EmrCat.Learning;

/// <summary>The plain answer to "am I ready?".</summary>
public enum ReadinessVerdict
{
    /// <summary>Too few practice runs, or the latest estimate is too imprecise, to say.</summary>
    TooLittleEvidence,

    /// <summary>The evidence does not yet say the learner would pass.</summary>
    NotYet,

    /// <summary>The recent practice runs each say the learner would very probably pass.</summary>
    LikelyToPass,
}

/// <summary>A readiness verdict with the numbers behind it.</summary>
/// <param name="Verdict">The verdict.</param>
/// <param name="RunsConsidered">Practice runs the verdict rests on (the most recent ones, oldest first).</param>
/// <param name="LowestChance">The lowest chance of passing among them (null when none).</param>
/// <param name="LatestStandardError">SE of the latest practice run's θ̂ (null when none).</param>
/// <param name="Reason">One sentence a candidate can read.</param>
public sealed record ReadinessAssessment(ReadinessVerdict Verdict, IReadOnlyList<LearnerRun> RunsConsidered, double? LowestChance, double? LatestStandardError, string Reason);

/// <summary>
/// The one readiness rule, on practice runs only (drills never count): with fewer than
/// <see cref="RunsNeeded"/> practice runs that report a chance of passing, or a latest SE above
/// <see cref="MaxStandardError"/>, there is too little evidence; when each of the last <see cref="RunsNeeded"/> runs gives
/// a chance of passing of at least <see cref="LikelyChance"/>, the learner is likely to pass; otherwise not yet.
/// Requiring agreement between runs keeps one lucky run from saying "ready".
/// </summary>
public static class Readiness
{
    /// <summary>Practice runs the verdict needs and looks at: 2.</summary>
    public const int RunsNeeded = 2;

    /// <summary>Chance of passing each recent run must reach for "likely to pass": 0.80.</summary>
    public const double LikelyChance = 0.80;

    /// <summary>Largest SE of the latest θ̂ the verdict accepts: 0.5 logits.</summary>
    public const double MaxStandardError = 0.5;

    /// <summary>Applies the rule to <paramref name="profile"/>.</summary>
    /// <param name="profile">The learner.</param>
    /// <returns>The verdict and its numbers.</returns>
    public static ReadinessAssessment Assess(LearnerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var runs = profile.PracticeRuns.Where(r => r.ChanceOfPassing is not null).ToArray();
        var recent = runs.Skip(Math.Max(0, runs.Length - RunsNeeded)).ToArray();
        double? lowest = recent.Length > 0 ? recent.Min(r => r.ChanceOfPassing!.Value) : null;
        double? se = recent.Length > 0 ? recent[^1].StandardError : null;
        if (recent.Length < RunsNeeded)
        {
            return new(ReadinessVerdict.TooLittleEvidence, recent, lowest, se, $"Only {recent.Length} practice run{(recent.Length == 1 ? "" : "s")} so far; the verdict needs {RunsNeeded}.");
        }

        if (se > MaxStandardError)
        {
            return new(ReadinessVerdict.TooLittleEvidence, recent, lowest, se, $"The latest estimate is too imprecise (SE {se!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} > 0.50); finish a full run.");
        }

        return lowest >= LikelyChance
            ? new(ReadinessVerdict.LikelyToPass, recent, lowest, se, $"Each of your last {RunsNeeded} practice runs gives at least a {Percent(LikelyChance)} chance of passing (lowest {Percent(lowest!.Value)}).")
            : new(ReadinessVerdict.NotYet, recent, lowest, se, $"Your last {RunsNeeded} practice runs give as little as a {Percent(lowest!.Value)} chance of passing; the rule asks {Percent(LikelyChance)} in each.");
    }

    /// <summary>A probability as a whole percentage, the same on every machine.</summary>
    private static string Percent(double p) => (p * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
