using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;

namespace EmrCat.Tests.Coaching;

public class ErrorLogSummaryTests
{
    private static readonly ErrorLogSummary Summary = new(
    [
        new BucketSummary(ErrorBucket.Scope, 2, 30.5, ["a", "b"]),
        new BucketSummary(ErrorBucket.Pacing, 1, 4.5, ["c"]),
    ]);

    [Fact]
    public void Totals_SumTheBuckets()
    {
        Assert.Equal(3, Summary.TotalMisses);
        Assert.Equal(35, Summary.TotalCost, 9);
    }

    [Fact]
    public void MissesIn_AbsentBucket_IsZero()
    {
        Assert.Equal(2, Summary.MissesIn(ErrorBucket.Scope));
        Assert.Equal(0, Summary.MissesIn(ErrorBucket.Reading));
    }
}
