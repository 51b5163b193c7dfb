using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;

namespace EmrCat.Tests.Certification;

public class RetakePolicyOptionsTests
{
    [Fact]
    public void Defaults_AreTheEmrRules()
    {
        var o = new RetakePolicyOptions();
        Assert.Equal(3, o.MaxAttemptsBeforeRefresher);
        Assert.Equal(15, o.WaitAfterFailureDays);
        Assert.Equal(2, o.ResultsDelayBusinessDays);
        Assert.Empty(o.Validate());
    }

    [Fact]
    public void Validate_EveryFieldWrong_ReportsEveryProblemWithItsValue()
    {
        var problems = new RetakePolicyOptions { MaxAttemptsBeforeRefresher = 0, WaitAfterFailureDays = -2, ResultsDelayBusinessDays = 61 }.Validate().ToList();
        Assert.Equal(
            [
                "MaxAttemptsBeforeRefresher must be at least 1, but was 0.",
                "WaitAfterFailureDays must be at least 0, but was -2.",
                "ResultsDelayBusinessDays must be in 0..60, but was 61.",
            ],
            problems);
    }

    [Fact]
    public void Validate_NegativeResultsDelay_IsRejected() =>
        Assert.Single(new RetakePolicyOptions { ResultsDelayBusinessDays = -1 }.Validate());

    [Fact]
    public void Constructor_InvalidOptions_MessageNamesTheOptionsAndAllProblems()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RetakePolicy(new RetakePolicyOptions { MaxAttemptsBeforeRefresher = 0, ResultsDelayBusinessDays = -1 }));
        Assert.StartsWith("Invalid RetakePolicyOptions: MaxAttemptsBeforeRefresher must be at least 1, but was 0. ResultsDelayBusinessDays must be in 0..60, but was -1.", ex.Message);
    }

    [Fact]
    public void Options_OtherValues_AreApplied()
    {
        var policy = new RetakePolicy(new RetakePolicyOptions { MaxAttemptsBeforeRefresher = 2, WaitAfterFailureDays = 30, ResultsDelayBusinessDays = 5 });
        var monday = new DateOnly(2026, 3, 2);
        var h = new AttemptHistory([new ExamAttempt(monday, AttemptResult.Fail), new ExamAttempt(monday.AddDays(30), AttemptResult.Fail)]);
        Assert.True(policy.Evaluate(h).RefresherRequired);
        Assert.Equal(monday.AddDays(7), policy.ExpectedResultsDate(monday));
        Assert.Equal(monday.AddDays(30), policy.Evaluate(new AttemptHistory([new ExamAttempt(monday, AttemptResult.Fail)])).EarliestNextAttempt);
    }
}
