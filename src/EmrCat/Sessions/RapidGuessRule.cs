using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using EmrCat.Banks;

namespace EmrCat.Sessions;

/// <summary>
/// The kernel's view of <see cref="ResponseTimeOptions"/>: each bank item's rapid-guess threshold in whole
/// milliseconds, computed once per (bank, options) and shared by every session on them, and the one decision whether
/// an answer enters the estimate.
/// </summary>
internal sealed class RapidGuessRule
{
    // Thresholds by bank and (record-equal) options: a session reads them, never writes them.
    private static readonly ConditionalWeakTable<ItemBank, ConcurrentDictionary<ResponseTimeOptions, long[]>> Thresholds = new();

    private readonly long[] _thresholdMs;
    private readonly ResponseTimeOptions _options;

    public RapidGuessRule(ItemBank bank, ResponseTimeOptions? options)
    {
        _options = options ?? ResponseTimeOptions.Default;
        var byOptions = Thresholds.GetValue(bank, static _ => new ConcurrentDictionary<ResponseTimeOptions, long[]>());
        if (!byOptions.TryGetValue(_options, out var thresholds))
        {
            // Times that are not the candidate's (a script's) flag nothing: every threshold stays 0.
            thresholds = new long[bank.Count];
            if (!_options.TimesNotMeasured)
            {
                for (int i = 0; i < thresholds.Length; i++) thresholds[i] = _options.RapidGuessThresholdMs(bank.Items[i]);
            }

            thresholds = byOptions.GetOrAdd(_options, thresholds);
        }

        _thresholdMs = thresholds;
    }

    /// <summary>Whether an answer to bank item <paramref name="index"/> after <paramref name="responseTimeMs"/> is a rapid guess; never without a time.</summary>
    public bool IsRapid(int index, long? responseTimeMs) => responseTimeMs is { } ms && ms < _thresholdMs[index];

    /// <summary>Whether an answer enters θ̂, the stopping rules, the decision and the chance of passing (see the static form).</summary>
    public bool EntersEstimate(bool isPilot, bool rapid) => EntersEstimate(isPilot, rapid, _options);

    /// <summary>
    /// Whether an answer enters θ̂, the stopping rules, the decision, the chance of passing and the score report's
    /// domain estimates: scored answers do, except rapid guesses under effort-moderated scoring. The one place this is
    /// decided; the kernel and <c>ScoreReporter</c> both ask here.
    /// </summary>
    public static bool EntersEstimate(bool isPilot, bool rapid, ResponseTimeOptions? options) =>
        !isPilot && !(rapid && (options ?? ResponseTimeOptions.Default).EffortModerated);
}
