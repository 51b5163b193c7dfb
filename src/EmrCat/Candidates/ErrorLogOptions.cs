using System.Collections.Immutable;
using EmrCat.Banks;
using EmrCat.Irt;

namespace EmrCat.Candidates;

/// <summary>Options of <see cref="ErrorLogBuilder"/>: the evidence thresholds behind a suggested bucket.</summary>
public sealed record ErrorLogOptions
{
    /// <summary>The default key words of <see cref="ReadingKeyWords"/>: unresponsive, unsafe, not, except, first, most, least, best.</summary>
    public static IReadOnlyList<string> DefaultReadingKeyWords { get; } =
        ImmutableArray.Create("unresponsive", "unsafe", "not", "except", "first", "most", "least", "best");

    /// <summary>
    /// A response faster than this fraction of the candidate's median response time counts as rushed (pacing), in (0, 1).
    /// Default 0.25.
    /// </summary>
    public double FastResponseFraction { get; init; } = 0.25;

    /// <summary>
    /// Fewest answered items with a measured response time (scored or pilot, right or wrong) before a median is
    /// trusted; with fewer, speed is never evidence of pacing (a time-out still is). At least 1. Default 10.
    /// </summary>
    public int MinimumAnswersForMedian { get; init; } = 10;

    /// <summary>
    /// Words or phrases whose presence in the stem of an item with no tags marks a miss as a reading error (a fallback:
    /// tags come first, see <see cref="ErrorLogBuilder"/>): matched as whole words, case-insensitively (so NOT and EXCEPT
    /// in capitals count). Default <see cref="DefaultReadingKeyWords"/>.
    /// </summary>
    public IReadOnlyList<string> ReadingKeyWords { get; init; } = DefaultReadingKeyWords;

    /// <summary>The item tag that marks a scope-of-practice item (case-insensitive). Default <see cref="ItemTags.Scope"/>.</summary>
    public string ScopeTag { get; init; } = ItemTags.Scope;

    /// <summary>The item tag that marks a sequence (order of actions) item (case-insensitive). Default <see cref="ItemTags.Sequence"/>.</summary>
    public string SequenceTag { get; init; } = ItemTags.Sequence;

    /// <summary>The item tag that marks a stem that is easy to misread (case-insensitive). Default <see cref="ItemTags.Reading"/>.</summary>
    public string ReadingTag { get; init; } = ItemTags.Reading;

    /// <summary>The item tag that marks an item where rushing is the usual miss (case-insensitive). Default <see cref="ItemTags.Pacing"/>.</summary>
    public string PacingTag { get; init; } = ItemTags.Pacing;

    /// <summary>Scaling constant D used for the cost of a miss. Default logistic (1.0).</summary>
    public IrtMetric Metric { get; init; } = IrtMetric.Logistic;

    internal IEnumerable<string> Validate()
    {
        if (!(FastResponseFraction > 0 && FastResponseFraction < 1)) yield return $"FastResponseFraction must be in (0, 1), but was {FastResponseFraction}.";
        if (MinimumAnswersForMedian < 1) yield return $"MinimumAnswersForMedian must be at least 1, but was {MinimumAnswersForMedian}.";
        if (ReadingKeyWords is null) yield return "ReadingKeyWords must not be null.";
        else if (ReadingKeyWords.Any(string.IsNullOrWhiteSpace)) yield return "ReadingKeyWords must not contain empty or blank words.";
        if (string.IsNullOrWhiteSpace(ScopeTag)) yield return "ScopeTag must not be empty.";
        if (string.IsNullOrWhiteSpace(SequenceTag)) yield return "SequenceTag must not be empty.";
        if (string.IsNullOrWhiteSpace(ReadingTag)) yield return "ReadingTag must not be empty.";
        if (string.IsNullOrWhiteSpace(PacingTag)) yield return "PacingTag must not be empty.";
    }
}
