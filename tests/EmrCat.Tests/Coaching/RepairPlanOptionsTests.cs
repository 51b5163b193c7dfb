using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;

namespace EmrCat.Tests.Coaching;

public class RepairPlanOptionsTests
{
    [Fact]
    public void Defaults_110ItemsIn105Minutes_About57SecondsEach_TwoDomains()
    {
        var o = new RepairPlanOptions();
        Assert.Equal(110, o.ExamItemCount);
        Assert.Equal(TimeSpan.FromMinutes(105), o.ExamTimeLimit);
        Assert.Equal(2, o.DomainsToReview);
        Assert.Equal(57.27, o.TargetTimePerItem.TotalSeconds, 2);
        Assert.Empty(o.Validate());
    }

    [Fact]
    public void Validate_EveryFieldWrong_ReportsEveryProblem()
    {
        var problems = new RepairPlanOptions { ExamItemCount = 0, ExamTimeLimit = TimeSpan.Zero, DomainsToReview = 0 }.Validate().ToList();
        Assert.Equal(
            [
                "ExamItemCount must be at least 1, but was 0.",
                "ExamTimeLimit must be positive, but was 00:00:00.",
                "DomainsToReview must be at least 1, but was 0.",
            ],
            problems);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RepairPlanner(new RepairPlanOptions { DomainsToReview = -1 }));
        Assert.StartsWith("Invalid RepairPlanOptions: DomainsToReview must be at least 1, but was -1.", ex.Message);
    }
}
