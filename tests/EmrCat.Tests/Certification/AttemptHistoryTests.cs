using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;

namespace EmrCat.Tests.Certification;

public class AttemptHistoryTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);

    [Fact]
    public void Constructor_RefreshersInAnyOrder_AreSortedEarliestFirst()
    {
        var h = new AttemptHistory([], [Day.AddDays(9), Day, Day.AddDays(3)]);
        Assert.Equal([Day, Day.AddDays(3), Day.AddDays(9)], h.RefresherCompletions);
    }

    [Fact]
    public void Constructor_NullAttempt_Throws() =>
        Assert.Throws<ArgumentNullException>(() => new AttemptHistory([null!]));

    [Fact]
    public void WithAttempt_ReturnsANewHistory_LeavingThisOneUnchanged()
    {
        var h = AttemptHistory.Empty;
        var h2 = h.WithAttempt(new ExamAttempt(Day, AttemptResult.Fail));
        Assert.Empty(h.Attempts);
        Assert.Single(h2.Attempts);
    }

    [Fact]
    public void WithRefresher_AddsACompletion()
    {
        var h = AttemptHistory.Empty.WithRefresher(Day);
        Assert.Equal([Day], h.RefresherCompletions);
        Assert.Empty(AttemptHistory.Empty.RefresherCompletions);
    }

    [Fact]
    public void WithLastResult_ChangesOnlyTheLastAttempt()
    {
        var h = new AttemptHistory([new ExamAttempt(Day, AttemptResult.Fail), new ExamAttempt(Day.AddDays(20), AttemptResult.Pending)]);
        var posted = h.WithLastResult(AttemptResult.Pass);
        Assert.Equal(AttemptResult.Fail, posted.Attempts[0].Result);
        Assert.Equal(AttemptResult.Pass, posted.Attempts[1].Result);
        Assert.Equal(AttemptResult.Pending, h.Attempts[1].Result);
    }

    [Fact]
    public void WithLastResult_NoAttempts_Throws() =>
        Assert.Throws<InvalidOperationException>(() => AttemptHistory.Empty.WithLastResult(AttemptResult.Pass));

    [Fact]
    public void Equals_SameAttemptsAndRefreshers_AreEqualByValue()
    {
        var a = new AttemptHistory([new ExamAttempt(Day, AttemptResult.Fail)], [Day.AddDays(1)]);
        var b = new AttemptHistory([new ExamAttempt(Day, AttemptResult.Fail)], [Day.AddDays(1)]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b.WithRefresher(Day));
    }
}
