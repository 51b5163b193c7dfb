using MathNet.Numerics.Distributions;

namespace EmrCat.Stopping;

/// <summary>Stop after exactly <see cref="Length"/> scored items.</summary>
/// <param name="Length">Scored items to give, ≥ 1.</param>
public sealed record FixedLengthRule(int Length) : IStoppingRule
{
    /// <inheritdoc />
    public StopCheck Check(in StoppingContext context) =>
        context.ScoredCount >= Length ? StopCheck.Stop(StopReason.FixedLength) : StopCheck.Continue;
}

/// <summary>Stop once the standard error is at or below <see cref="Threshold"/>.</summary>
/// <param name="Threshold">SE threshold, &gt; 0.</param>
public sealed record StandardErrorRule(double Threshold) : IStoppingRule
{
    /// <inheritdoc />
    public StopCheck Check(in StoppingContext context) =>
        context.Estimate.StandardError <= Threshold ? StopCheck.Stop(StopReason.StandardError) : StopCheck.Continue;
}

/// <summary>
/// Confidence classification: stop once θ̂ ± z·SE lies wholly above or wholly below the cut, z = Φ⁻¹((1 + confidence)/2)
/// (1.96 for 95%).
/// </summary>
public sealed record ConfidenceClassificationRule : IStoppingRule
{
    /// <summary>Creates the rule.</summary>
    /// <param name="confidence">Two-sided confidence in (0, 1); EMR uses 0.95.</param>
    /// <exception cref="ArgumentOutOfRangeException">Confidence outside (0, 1).</exception>
    public ConfidenceClassificationRule(double confidence)
    {
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be in (0, 1).");
        Confidence = confidence;
        Z = Normal.InvCDF(0, 1, (1 + confidence) / 2);
    }

    /// <summary>The two-sided confidence.</summary>
    public double Confidence { get; }

    /// <summary>The normal quantile for the interval's half-width.</summary>
    public double Z { get; }

    /// <summary>Whether the interval around <paramref name="theta"/> with <paramref name="standardError"/> excludes the cut.</summary>
    /// <param name="theta">θ̂.</param>
    /// <param name="standardError">SE.</param>
    /// <param name="cut">Cut θ.</param>
    /// <returns>True when the classification is confident.</returns>
    public bool IsConfident(double theta, double standardError, double cut) =>
        theta - Z * standardError > cut || theta + Z * standardError < cut;

    /// <inheritdoc />
    public StopCheck Check(in StoppingContext context) =>
        IsConfident(context.Estimate.Theta, context.Estimate.StandardError, context.CutTheta)
            ? StopCheck.Stop(StopReason.ConfidenceClassification)
            : StopCheck.Continue;
}

/// <summary>Stop at <see cref="Maximum"/> scored items.</summary>
/// <param name="Maximum">Most scored items.</param>
public sealed record MaximumItemsRule(int Maximum) : IStoppingRule
{
    /// <inheritdoc />
    public StopCheck Check(in StoppingContext context) =>
        context.ScoredCount >= Maximum ? StopCheck.Stop(StopReason.MaximumItems) : StopCheck.Continue;
}

/// <summary>Stop when the time used reaches <see cref="Limit"/>.</summary>
/// <param name="Limit">The time limit.</param>
public sealed record TimeLimitRule(TimeSpan Limit) : IStoppingRule
{
    /// <inheritdoc />
    public StopCheck Check(in StoppingContext context) =>
        context.Elapsed >= Limit ? StopCheck.Stop(StopReason.TimeLimit) : StopCheck.Continue;
}

/// <summary>
/// Composes rules: the time limit always applies; below <see cref="MinimumItems"/> scored items nothing else may stop
/// the test; then the rules are checked in order and the first that fires is reported.
/// </summary>
public sealed class StoppingPolicy
{
    private readonly IStoppingRule[] _rules;
    private readonly TimeLimitRule? _timeLimit;

    /// <summary>Creates the policy.</summary>
    /// <param name="minimumItems">Scored items before any rule but the time limit may stop the test.</param>
    /// <param name="timeLimit">Time limit rule, or null for none.</param>
    /// <param name="rules">The other rules, in priority order.</param>
    public StoppingPolicy(int minimumItems, TimeLimitRule? timeLimit, IEnumerable<IStoppingRule> rules)
    {
        MinimumItems = minimumItems;
        _timeLimit = timeLimit;
        _rules = rules.ToArray();
    }

    /// <summary>Scored items before a non-time rule may fire.</summary>
    public int MinimumItems { get; }

    /// <summary>The rules, in priority order (time limit excluded).</summary>
    public IReadOnlyList<IStoppingRule> Rules => _rules;

    /// <summary>Checks the time limit only (used before an item is shown).</summary>
    /// <param name="elapsed">Time used.</param>
    /// <returns>Stop for time, or continue.</returns>
    public StopCheck CheckTime(TimeSpan elapsed) =>
        _timeLimit is { } rule && elapsed >= rule.Limit ? StopCheck.Stop(StopReason.TimeLimit) : StopCheck.Continue;

    /// <summary>Checks all rules after a scored answer.</summary>
    /// <param name="context">The state.</param>
    /// <returns>The first rule that fires, or continue.</returns>
    public StopCheck Check(in StoppingContext context)
    {
        var time = CheckTime(context.Elapsed);
        if (time.ShouldStop) return time;
        if (context.ScoredCount < MinimumItems) return StopCheck.Continue;
        foreach (var rule in _rules)
        {
            var check = rule.Check(context);
            if (check.ShouldStop) return check;
        }

        return StopCheck.Continue;
    }
}
