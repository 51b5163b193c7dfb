using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;
using EmrCat.Estimation;
using EmrCat.Irt;

namespace EmrCat.Tests.Reporting;

public class ScoreReportOptionsTests
{
    [Fact]
    public void Defaults_Confidence95_FiveItems_MapOnMinus4To4()
    {
        var o = new ScoreReportOptions();
        Assert.Equal(0.95, o.Confidence);
        Assert.Equal(5, o.MinimumItemsPerDomain);
        Assert.Null(o.DomainEstimator);
        var map = Assert.IsType<MapEstimator>(ScoreReportOptions.DefaultDomainEstimator(IrtMetric.Logistic));
        Assert.Equal(new ThetaRange(-4, 4), map.Options.Range);
        Assert.Equal(1.0, map.Options.PriorStandardDeviation);
        Assert.Equal(IrtMetric.Logistic, map.Options.Metric);
        Assert.Equal(IrtMetric.NormalOgive, Assert.IsType<MapEstimator>(ScoreReportOptions.DefaultDomainEstimator(IrtMetric.NormalOgive)).Options.Metric);
        Assert.Equal(new ScoreReportOptions(), o);
        Assert.Empty(o.Validate());
    }

    [Fact]
    public void Validate_EveryFieldWrong_ReportsEveryProblemWithItsValue()
    {
        var problems = new ScoreReportOptions { Confidence = 1.0, MinimumItemsPerDomain = 0 }.Validate().ToList();
        Assert.Equal(
            [
                "Confidence must be in (0, 1), but was 1.",
                "MinimumItemsPerDomain must be at least 1, but was 0.",
            ],
            problems);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void Validate_ConfidenceOutsideZeroToOne_IsRejected(double confidence) =>
        Assert.Single(new ScoreReportOptions { Confidence = confidence }.Validate());

    [Fact]
    public void Constructor_InvalidOptions_ThrowsWithEveryProblemAtOnce()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ScoreReporter(new ScoreReportOptions { Confidence = 2, MinimumItemsPerDomain = -1 }));
        Assert.StartsWith("Invalid ScoreReportOptions: Confidence must be in (0, 1), but was 2. MinimumItemsPerDomain must be at least 1, but was -1.", ex.Message);
    }
}
