using EmrCat.Estimation;
using EmrCat.Irt;

namespace EmrCat.Stopping;

/// <summary>One stopping rule: looks at the state after a scored answer and says whether to stop, and why.</summary>
public interface IStoppingRule
{
    /// <summary>Checks the rule.</summary>
    /// <param name="context">Scored count, current estimate and elapsed time.</param>
    /// <returns>The decision; <see cref="StopCheck.Continue"/> when the rule does not fire.</returns>
    StopCheck Check(in StoppingContext context);
}

/// <summary>The state a stopping rule sees.</summary>
/// <param name="ScoredCount">Scored items answered.</param>
/// <param name="Estimate">The current estimate from scored answers only.</param>
/// <param name="Elapsed">Time used so far.</param>
/// <param name="CutTheta">The passing standard on the θ scale.</param>
public readonly record struct StoppingContext(int ScoredCount, AbilityEstimate Estimate, TimeSpan Elapsed, double CutTheta)
{
    /// <summary>The scored items answered, in order (likelihood-ratio rules read them; empty when not supplied).</summary>
    public ReadOnlyMemory<ItemParameters> Items { get; init; }

    /// <summary>Whether each scored answer was right, aligned with <see cref="Items"/>.</summary>
    public ReadOnlyMemory<bool> Correct { get; init; }

    /// <summary>
    /// The response category of each scored answer, aligned with <see cref="Items"/> (1/0 for a right/wrong item,
    /// 0..K−1 for a polytomous one); likelihood-ratio rules prefer it to <see cref="Correct"/>, which cannot tell a
    /// partial-credit answer apart. Empty when not supplied.
    /// </summary>
    public ReadOnlyMemory<int> Categories { get; init; }

    /// <summary>The bank's scaling constant D.</summary>
    public IrtMetric Metric { get; init; }
}

/// <summary>A stop decision and the rule that made it.</summary>
/// <param name="ShouldStop">Whether to stop now.</param>
/// <param name="Reason">Which rule fired (meaningful only when <paramref name="ShouldStop"/>).</param>
public readonly record struct StopCheck(bool ShouldStop, StopReason Reason)
{
    /// <summary>
    /// The classification a likelihood-ratio rule reached (true: pass, false: fail), or null when the rule does not
    /// classify (then the decision follows θ̂ against the cut).
    /// </summary>
    public bool? Passed { get; init; }

    /// <summary>Stop for <paramref name="reason"/> with a classification.</summary>
    /// <param name="reason">The rule that fired.</param>
    /// <param name="passed">Whether the rule classified the candidate as passing.</param>
    /// <returns>The decision.</returns>
    public static StopCheck Classify(StopReason reason, bool passed) => new(true, reason) { Passed = passed };

    /// <summary>Do not stop.</summary>
    public static StopCheck Continue => default;

    /// <summary>Stop for <paramref name="reason"/>.</summary>
    /// <param name="reason">The rule that fired.</param>
    /// <returns>The decision.</returns>
    public static StopCheck Stop(StopReason reason) => new(true, reason);
}
