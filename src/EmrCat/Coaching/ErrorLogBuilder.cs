using System.Globalization;
using System.Text.RegularExpressions;
using EmrCat.Internal;
using EmrCat.Irt;
using EmrCat.Reporting;
using EmrCat.Scoring;
using EmrCat.Sessions;

namespace EmrCat.Coaching;

/// <summary>
/// Builds an <see cref="ErrorLog"/> from a finished session: one entry per missed scored item (pilot misses are not
/// logged: they cost nothing), each with a suggested bucket and its cost.
/// </summary>
/// <remarks>
/// <para>
/// Suggested bucket, first rule that applies wins:
/// 1. <see cref="ErrorBucket.Pacing"/> when the item timed out, or its response time is below
/// <see cref="ErrorLogOptions.FastResponseFraction"/> (25%) of the candidate's median response time over all answered
/// items with a measured time (scored and pilot, right and wrong), given at least
/// <see cref="ErrorLogOptions.MinimumAnswersForMedian"/> (10) of them;
/// 2. <see cref="ErrorBucket.Sequence"/> for an ordering item (<see cref="Banks.ItemType.Ordered"/>): putting steps
/// in order is what it tests, whatever its tags;
/// 3. the item's tags, in this order: <see cref="ErrorBucket.Scope"/> for the scope tag,
/// <see cref="ErrorBucket.Sequence"/> for the sequence tag, <see cref="ErrorBucket.Reading"/> for the reading tag,
/// <see cref="ErrorBucket.Pacing"/> for the pacing tag (<see cref="ErrorLogOptions.ScopeTag"/> and the others;
/// by default the <see cref="Banks.ItemTags"/> of the same names);
/// 4. only for an item with no tags at all, the stem: <see cref="ErrorBucket.Reading"/> when it contains a key word
/// of <see cref="ErrorLogOptions.ReadingKeyWords"/> (whole word, case-insensitive);
/// 5. otherwise <see cref="ErrorBucket.DomainKnowledge"/>.
/// Behaviour evidence (time) comes first because a rushed answer says nothing about what the candidate knows. Tags come
/// before the stem because the item's writer set them for this purpose; a tagged item without a bucket tag was judged
/// not to turn on its wording, so its stem is not searched. Key words are only a guess for untagged items.
/// </para>
/// <para>
/// Cost of a miss, in scaled points: flipping a response from right to wrong lowers the likelihood score
/// Σ d log L/dθ by w = P′/(P·Q), and one Newton step moves θ̂ by w / I, with I the test information of the scored
/// items. Both are taken at the cut θ, where the pass/fail decision is made, and converted with the scale's points per
/// logit: cost = PointsPerLogit · w(θcut) / I(θcut). For a 2PL item w = D·a, so a miss on a more discriminating item
/// costs more; for a 3PL item guessing lowers w on hard items. The cost is a first-order estimate of the points that
/// answering the item right would have gained, not a guarantee. A partial-credit item that earned category x of K
/// costs the same step from x to K: w = d log P_K/dθ − d log P_x/dθ (for GPCM D·a·(K − x)).
/// </para>
/// Immutable and thread-safe.
/// </remarks>
public sealed class ErrorLogBuilder
{
    private readonly ErrorLogOptions _options;
    private readonly Regex? _keyWords;

    /// <summary>Creates the builder.</summary>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public ErrorLogBuilder(ErrorLogOptions? options = null)
    {
        _options = options ?? new ErrorLogOptions();
        OptionsGuard.ThrowIfInvalid(nameof(ErrorLogOptions), _options.Validate());
        _keyWords = KeyWordPattern(_options.ReadingKeyWords);
    }

    /// <summary>The options in force.</summary>
    public ErrorLogOptions Options => _options;

    /// <summary>
    /// Builds the error log of a finished session from its result alone: its items (with key, tags, stem and parameters)
    /// on the result's metric and scale.
    /// </summary>
    /// <param name="result">The session's result.</param>
    /// <returns>The log of scored misses, in session order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException">The result is inconsistent (e.g. edited); the message lists every problem.</exception>
    public ErrorLog Build(SessionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Build(SessionAnswers.From(result), result.Scale);
    }

    /// <summary>Builds the log.</summary>
    /// <param name="responses">Every answered item of the session, scored and pilot, in the order answered.</param>
    /// <param name="scale">The reporting scale (cut θ and points per logit); <see langword="null"/> for <see cref="ReportingScale.Emr"/>.</param>
    /// <returns>The log.</returns>
    /// <exception cref="ArgumentException">The responses or the scale are invalid; the message lists every problem.</exception>
    public ErrorLog Build(IReadOnlyList<AnsweredItem> responses, ReportingScale? scale = null)
    {
        scale ??= ReportingScale.Emr;
        var problems = AnsweredItem.Problems(responses, nameof(responses));
        problems.AddRange(scale.Validate().Select(p => "Scale: " + p));
        OptionsGuard.ThrowIfInvalid("error log input", problems);

        TimeSpan? median = Median(responses);
        // The items' own metric (the bank's): costs on a normal-ogive bank are not logistic costs.
        var metric = responses.Count > 0 ? responses[0].Metric : IrtMetric.Logistic;
        double scaling = metric.ScalingConstant;
        double information = 0;
        foreach (var r in responses)
        {
            if (r.IsScored) information += ItemResponseFunctions.Information(r.Parameters, scale.CutTheta, metric);
        }

        var entries = new List<ErrorLogEntry>();
        foreach (var r in responses.Where(r => r.IsScored && !r.Correct))
        {
            var (bucket, evidence) = Suggest(r, median);
            entries.Add(new ErrorLogEntry
            {
                ItemId = r.ItemId,
                Domain = r.Domain,
                Chosen = r.Chosen,
                Key = r.Key,
                Type = r.Type,
                Category = r.Category,
                MaxCategory = r.MaxCategory,
                ResponseTime = r.ResponseTime,
                TimedOut = r.TimedOut,
                SuggestedBucket = bucket,
                Evidence = evidence,
                Cost = Cost(r.Parameters, r.Category, scale, information, scaling),
            });
        }

        return new ErrorLog(entries, median);
    }

    /// <summary>The bucket the evidence suggests for a miss, and the evidence in plain words.</summary>
    /// <param name="miss">The missed item.</param>
    /// <param name="medianResponseTime">The candidate's median response time, or <see langword="null"/> when there is none to trust.</param>
    /// <returns>The bucket and why.</returns>
    public (ErrorBucket Bucket, string Evidence) Suggest(AnsweredItem miss, TimeSpan? medianResponseTime)
    {
        ArgumentNullException.ThrowIfNull(miss);
        if (miss.TimedOut) return (ErrorBucket.Pacing, "The item's time ran out before you answered.");
        if (medianResponseTime is { } median && miss.ResponseTime is { } time && time < median * _options.FastResponseFraction)
        {
            return (ErrorBucket.Pacing, string.Create(CultureInfo.InvariantCulture,
                $"You answered in {time.TotalSeconds:0.#} s, under {_options.FastResponseFraction * 100:0.#}% of your median {median.TotalSeconds:0.#} s: a rushed answer."));
        }

        if (miss.Type == Banks.ItemType.Ordered)
        {
            return (ErrorBucket.Sequence, miss.Category > 0
                ? string.Create(CultureInfo.InvariantCulture, $"An ordering item: {miss.Category} of {miss.MaxCategory} steps followed the one before in the right order; the sequence is what it tests.")
                : "An ordering item: the sequence of the steps is what it tests.");
        }

        if (miss.HasTag(_options.ScopeTag)) return (ErrorBucket.Scope, "The item tests what an EMR may and may not do (scope of practice).");
        if (miss.HasTag(_options.SequenceTag)) return (ErrorBucket.Sequence, "The item tests the order of actions.");
        if (miss.HasTag(_options.ReadingTag)) return (ErrorBucket.Reading, "The item turns on a qualifier in its stem that is easy to misread.");
        if (miss.HasTag(_options.PacingTag)) return (ErrorBucket.Pacing, "The item is one where a rushed answer is the usual miss.");
        if (miss.Tags.Count == 0 && _keyWords?.Match(miss.Stem) is { Success: true } match)
        {
            return (ErrorBucket.Reading, $"The stem turns on the key word \"{match.Groups[1].Value}\".");
        }

        return (ErrorBucket.DomainKnowledge, $"No pacing, scope, sequence or reading evidence: treated as a knowledge gap in domain '{miss.Domain}'.");
    }

    private TimeSpan? Median(IReadOnlyList<AnsweredItem> responses)
    {
        var times = responses.Where(r => r.ResponseTime is not null).Select(r => r.ResponseTime!.Value.Ticks).Order().ToArray();
        if (times.Length == 0 || times.Length < _options.MinimumAnswersForMedian) return null;
        int mid = times.Length / 2;
        return times.Length % 2 == 1 ? TimeSpan.FromTicks(times[mid]) : TimeSpan.FromTicks(times[mid - 1] + (times[mid] - times[mid - 1]) / 2);
    }

    private static double Cost(in ItemParameters item, int category, ReportingScale scale, double information, double scaling)
    {
        if (!(information > 0) || !double.IsFinite(information)) return 0;
        double weight;
        if (item.IsPolytomous)
        {
            weight = CategoryTerms.Score(item, scale.CutTheta, scaling, item.Categories - 1) - CategoryTerms.Score(item, scale.CutTheta, scaling, category);
        }
        else
        {
            var t = ResponseTerms.At(item, scale.CutTheta, scaling);
            weight = t.DP / (t.P * t.Q);
        }

        return double.IsFinite(weight) ? scale.PointsPerLogit * weight / information : 0;
    }

    private static Regex? KeyWordPattern(IReadOnlyList<string> words)
    {
        if (words.Count == 0) return null;
        var alternatives = words
            .Select(w => w.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(w => w.Length)
            .Select(w => Regex.Escape(w).Replace("\\ ", "\\s+", StringComparison.Ordinal));
        // No lookarounds, so the non-backtracking engine can run it: linear in the stem's length, with no time-out to
        // hit on a very long stem. The boundary characters are matched and trimmed instead: the key word is group 1.
        string pattern = $"(?:^|[^\\p{{L}}\\p{{N}}_])({string.Join('|', alternatives)})(?:$|[^\\p{{L}}\\p{{N}}_])";
        return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }
}
