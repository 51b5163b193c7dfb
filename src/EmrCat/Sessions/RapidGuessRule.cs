using EmrCat.Banks;

namespace EmrCat.Sessions;

/// <summary>
/// The kernel's view of <see cref="ResponseTimeOptions"/>: each bank item's rapid-guess threshold in whole
/// milliseconds, computed once per kernel, and the one decision whether an answer enters the estimate.
/// </summary>
internal sealed class RapidGuessRule
{
    private readonly long[] _thresholdMs;
    private readonly bool _effortModerated;

    public RapidGuessRule(ItemBank bank, ResponseTimeOptions? options)
    {
        var rule = options ?? ResponseTimeOptions.Default;
        _effortModerated = rule.EffortModerated;
        _thresholdMs = new long[bank.Count];
        for (int i = 0; i < _thresholdMs.Length; i++) _thresholdMs[i] = rule.RapidGuessThresholdMs(bank.Items[i]);
    }

    /// <summary>Whether an answer to bank item <paramref name="index"/> after <paramref name="responseTimeMs"/> is a rapid guess; never without a time.</summary>
    public bool IsRapid(int index, long? responseTimeMs) => responseTimeMs is { } ms && ms < _thresholdMs[index];

    /// <summary>
    /// Whether an answer enters θ̂, the stopping rules, the decision and the chance of passing: scored answers do,
    /// except rapid guesses under effort-moderated scoring. The one place this is decided.
    /// </summary>
    public bool EntersEstimate(bool isPilot, bool rapid) => !isPilot && !(rapid && _effortModerated);
}
