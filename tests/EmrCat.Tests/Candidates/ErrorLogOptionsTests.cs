using EmrCat.Candidates;
using EmrCat.Irt;

namespace EmrCat.Tests.Candidates;

public class ErrorLogOptionsTests
{
    [Fact]
    public void Defaults_QuarterOfMedian_TenAnswers_EightKeyWords_ScopeAndSequenceTags()
    {
        var o = new ErrorLogOptions();
        Assert.Equal(0.25, o.FastResponseFraction);
        Assert.Equal(10, o.MinimumAnswersForMedian);
        Assert.Equal(["unresponsive", "unsafe", "not", "except", "first", "most", "least", "best"], o.ReadingKeyWords);
        Assert.Same(ErrorLogOptions.DefaultReadingKeyWords, o.ReadingKeyWords);
        Assert.Equal("scope", o.ScopeTag);
        Assert.Equal("sequence", o.SequenceTag);
        Assert.Equal(("reading", "pacing"), (o.ReadingTag, o.PacingTag));
        Assert.Equal(IrtMetric.Logistic, o.Metric);
        Assert.Empty(o.Validate());
    }

    [Fact]
    public void Validate_EveryFieldWrong_ReportsEveryProblemWithItsValue()
    {
        var problems = new ErrorLogOptions
        {
            FastResponseFraction = 1.0,
            MinimumAnswersForMedian = 0,
            ReadingKeyWords = ["not", ""],
            ScopeTag = "",
            SequenceTag = null!,
            ReadingTag = " ",
            PacingTag = "",
        }.Validate().ToList();
        Assert.Equal(
            [
                "FastResponseFraction must be in (0, 1), but was 1.",
                "MinimumAnswersForMedian must be at least 1, but was 0.",
                "ReadingKeyWords must not contain empty or blank words.",
                "ScopeTag must not be empty.",
                "SequenceTag must not be empty.",
                "ReadingTag must not be empty.",
                "PacingTag must not be empty.",
            ],
            problems);
    }

    [Fact]
    public void Validate_NullKeyWords_IsReported() =>
        Assert.Equal(["ReadingKeyWords must not be null."], new ErrorLogOptions { ReadingKeyWords = null! }.Validate());
}
