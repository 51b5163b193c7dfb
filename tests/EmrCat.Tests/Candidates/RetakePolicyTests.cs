using EmrCat.Candidates;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmrCat.Tests.Candidates;

public class RetakePolicyTests
{
    private static readonly DateOnly Mon = new(2026, 3, 2); // a Monday
    private static readonly RetakePolicy Policy = new();

    private static AttemptHistory History(params (DateOnly Date, AttemptResult Result)[] attempts) =>
        new(attempts.Select(a => new ExamAttempt(a.Date, a.Result)));

    private static AttemptHistory ThreeFailures() => History(
        (Mon, AttemptResult.Fail), (Mon.AddDays(15), AttemptResult.Fail), (Mon.AddDays(30), AttemptResult.Fail));

    [Fact]
    public void Evaluate_EmptyHistory_FirstAttemptOpenWithoutDate()
    {
        var s = Policy.Evaluate(AttemptHistory.Empty);
        Assert.Equal((1, 0, 3, 0), (s.Cycle, s.AttemptsUsedInCycle, s.AttemptsRemainingInCycle, s.TotalAttempts));
        Assert.False(s.HasPassed);
        Assert.False(s.RefresherRequired);
        Assert.Equal(AttemptBlocker.None, s.Blocker);
        Assert.Null(s.EarliestNextAttempt);
        Assert.Contains("1st attempt of 3", s.Summary);
    }

    [Fact]
    public void Evaluate_OneFailure_EarliestIsFailurePlus15Days()
    {
        var s = Policy.Evaluate(History((Mon, AttemptResult.Fail)));
        Assert.Equal(1, s.AttemptsUsedInCycle);
        Assert.Equal(2, s.AttemptsRemainingInCycle);
        Assert.Equal(Mon.AddDays(15), s.EarliestNextAttempt);
        Assert.Equal(Mon, s.LastFailure);
        Assert.Contains("Tuesday, March 17, 2026", s.Summary);
    }

    [Fact]
    public void Evaluate_Passed_ReportsPassAndNoFurtherAttempt()
    {
        var s = Policy.Evaluate(History((Mon, AttemptResult.Fail), (Mon.AddDays(20), AttemptResult.Pass)));
        Assert.True(s.HasPassed);
        Assert.Equal(Mon.AddDays(20), s.PassedOn);
        Assert.Equal(AttemptBlocker.AlreadyPassed, s.Blocker);
        Assert.Null(s.EarliestNextAttempt);
        Assert.Equal(0, s.AttemptsRemainingInCycle);
        Assert.Contains("not the right to practice", s.Summary);
    }

    [Fact]
    public void Evaluate_Pending_GivesExpectedResultsDate()
    {
        var s = Policy.Evaluate(History((Mon.AddDays(3), AttemptResult.Pending))); // Thursday
        Assert.Equal(AttemptBlocker.ResultPending, s.Blocker);
        Assert.Equal(Mon.AddDays(3), s.PendingSince);
        Assert.Equal(Mon.AddDays(7), s.ResultsExpectedOn); // next Monday
    }

    [Fact]
    public void Evaluate_ThreeFailures_RequiresRefresher()
    {
        var s = Policy.Evaluate(ThreeFailures());
        Assert.True(s.RefresherRequired);
        Assert.Equal(AttemptBlocker.RefresherRequired, s.Blocker);
        Assert.Equal(3, s.AttemptsUsedInCycle);
        Assert.Equal(0, s.AttemptsRemainingInCycle);
        Assert.Null(s.EarliestNextAttempt);
        Assert.Contains("refresher", s.Summary, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Evaluate_RefresherAfterThirdFailure_StartsNewCycle()
    {
        var s = Policy.Evaluate(ThreeFailures().WithRefresher(Mon.AddDays(60)));
        Assert.False(s.RefresherRequired);
        Assert.Equal((2, 0, 3), (s.Cycle, s.AttemptsUsedInCycle, s.AttemptsRemainingInCycle));
        Assert.Equal(Mon.AddDays(60), s.EarliestNextAttempt);
    }

    [Fact]
    public void Evaluate_RefresherSoonAfterThirdFailure_StillWaits15Days()
    {
        var s = Policy.Evaluate(ThreeFailures().WithRefresher(Mon.AddDays(35)));
        Assert.Equal(Mon.AddDays(45), s.EarliestNextAttempt);
    }

    [Fact]
    public void Evaluate_RefresherBeforeThirdFailure_DoesNotCount()
    {
        var s = Policy.Evaluate(ThreeFailures().WithRefresher(Mon.AddDays(20)));
        Assert.True(s.RefresherRequired);
    }

    [Fact]
    public void Evaluate_FourthAttemptAfterRefresher_IsFirstOfCycleTwo()
    {
        var h = ThreeFailures().WithRefresher(Mon.AddDays(50)).WithAttempt(new ExamAttempt(Mon.AddDays(51), AttemptResult.Fail));
        var s = Policy.Evaluate(h);
        Assert.Equal((2, 1, 2, 4), (s.Cycle, s.AttemptsUsedInCycle, s.AttemptsRemainingInCycle, s.TotalAttempts));
        Assert.Equal(Mon.AddDays(66), s.EarliestNextAttempt);
    }

    [Fact]
    public void CanAttemptOn_WithinWait_RefusedWithPlainReasonAndDate()
    {
        var e = Policy.CanAttemptOn(History((Mon, AttemptResult.Fail)), Mon.AddDays(14));
        Assert.False(e.Allowed);
        Assert.Equal(AttemptBlocker.WaitingPeriod, e.Blocker);
        Assert.Equal(Mon.AddDays(15), e.EarliestAllowed);
        Assert.Equal("You must wait 15 days after a failed attempt: your attempt on Monday, March 2, 2026 failed, so the earliest date is Tuesday, March 17, 2026.", e.Reason);
    }

    [Fact]
    public void CanAttemptOn_ExactlyFifteenDaysAfterFailure_Allowed()
    {
        var e = Policy.CanAttemptOn(History((Mon, AttemptResult.Fail)), Mon.AddDays(15));
        Assert.True(e.Allowed);
        Assert.Equal(AttemptBlocker.None, e.Blocker);
        Assert.Contains("2nd of 3", e.Reason);
    }

    [Fact]
    public void CanAttemptOn_AfterThirdFailureWithoutRefresher_Refused()
    {
        var e = Policy.CanAttemptOn(ThreeFailures(), Mon.AddDays(400));
        Assert.False(e.Allowed);
        Assert.Equal(AttemptBlocker.RefresherRequired, e.Blocker);
        Assert.Null(e.EarliestAllowed);
        Assert.Contains("refresher course", e.Reason);
    }

    [Fact]
    public void CanAttemptOn_BeforeTheRecordedRefresherEnds_Refused()
    {
        var e = Policy.CanAttemptOn(ThreeFailures().WithRefresher(Mon.AddDays(80)), Mon.AddDays(70));
        Assert.False(e.Allowed);
        Assert.Equal(AttemptBlocker.RefresherRequired, e.Blocker);
        Assert.Equal(Mon.AddDays(80), e.EarliestAllowed);
    }

    [Fact]
    public void CanAttemptOn_OnTheRefresherCompletionDay_AllowedAsNewCycle()
    {
        var e = Policy.CanAttemptOn(ThreeFailures().WithRefresher(Mon.AddDays(80)), Mon.AddDays(80));
        Assert.True(e.Allowed);
        Assert.Contains("new cycle", e.Reason);
    }

    [Fact]
    public void CanAttemptOn_AfterPass_Refused()
    {
        var e = Policy.CanAttemptOn(History((Mon, AttemptResult.Pass)), Mon.AddDays(100));
        Assert.Equal(AttemptBlocker.AlreadyPassed, e.Blocker);
        Assert.False(e.Allowed);
    }

    [Fact]
    public void CanAttemptOn_WhileResultPending_Refused()
    {
        var e = Policy.CanAttemptOn(History((Mon, AttemptResult.Pending)), Mon.AddDays(30));
        Assert.Equal(AttemptBlocker.ResultPending, e.Blocker);
        Assert.Contains("Wednesday, March 4, 2026", e.Reason);
    }

    [Fact]
    public void CanAttemptOn_NotAfterPreviousAttempt_Refused()
    {
        var e = Policy.CanAttemptOn(History((Mon, AttemptResult.Fail)), Mon.AddDays(-1));
        Assert.False(e.Allowed);
        Assert.Equal(AttemptBlocker.NotAfterPreviousAttempt, e.Blocker);
    }

    [Fact]
    public void CanAttemptToday_UsesTheInjectedClock()
    {
        var h = History((Mon, AttemptResult.Fail));
        Assert.False(new RetakePolicy(timeProvider: new FixedClock(Mon.AddDays(14))).CanAttemptToday(h).Allowed);
        Assert.True(new RetakePolicy(timeProvider: new FixedClock(Mon.AddDays(15))).CanAttemptToday(h).Allowed);
    }

    [Fact]
    public void Evaluate_AttemptInsideWait_ThrowsNamingTheAttempt()
    {
        var ex = Assert.Throws<InvalidAttemptHistoryException>(() => Policy.Evaluate(History((Mon, AttemptResult.Fail), (Mon.AddDays(10), AttemptResult.Fail))));
        Assert.Equal(2, ex.AttemptNumber);
        Assert.Equal(Mon.AddDays(10), ex.AttemptDate);
        Assert.Contains("attempt 2 on Thursday, March 12, 2026", ex.Message);
        Assert.Contains("wait 15 days", ex.Message);
    }

    [Fact]
    public void Evaluate_AttemptsOutOfOrder_ThrowsNamingTheAttempt()
    {
        var ex = Assert.Throws<InvalidAttemptHistoryException>(() => Policy.Evaluate(History((Mon.AddDays(40), AttemptResult.Fail), (Mon, AttemptResult.Fail))));
        Assert.Equal(2, ex.AttemptNumber);
        Assert.Contains("after your previous attempt", ex.Message);
    }

    [Fact]
    public void Evaluate_FourthAttemptWithoutRefresher_ThrowsNamingTheAttempt()
    {
        var h = ThreeFailures().WithAttempt(new ExamAttempt(Mon.AddDays(60), AttemptResult.Fail));
        var ex = Assert.Throws<InvalidAttemptHistoryException>(() => Policy.Evaluate(h));
        Assert.Equal(4, ex.AttemptNumber);
        Assert.Contains("refresher", ex.Message);
    }

    [Fact]
    public void Evaluate_AttemptAfterPass_Throws()
    {
        var ex = Assert.Throws<InvalidAttemptHistoryException>(() => Policy.Evaluate(History((Mon, AttemptResult.Pass), (Mon.AddDays(30), AttemptResult.Fail))));
        Assert.Equal(2, ex.AttemptNumber);
        Assert.Contains("already passed", ex.Message);
    }

    [Fact]
    public void Evaluate_AttemptAfterPendingResult_Throws()
    {
        var ex = Assert.Throws<InvalidAttemptHistoryException>(() => Policy.Evaluate(History((Mon, AttemptResult.Pending), (Mon.AddDays(30), AttemptResult.Fail))));
        Assert.Equal(2, ex.AttemptNumber);
        Assert.Contains("pending", ex.Message);
    }

    [Fact]
    public void Evaluate_UndefinedResult_Throws()
    {
        var ex = Assert.Throws<InvalidAttemptHistoryException>(() => Policy.Evaluate(History((Mon, (AttemptResult)9))));
        Assert.Equal(1, ex.AttemptNumber);
    }

    [Theory]
    [InlineData("2026-03-02", "2026-03-04")] // Monday -> Wednesday
    [InlineData("2026-03-05", "2026-03-09")] // Thursday -> Monday
    [InlineData("2026-03-06", "2026-03-10")] // Friday -> Tuesday
    [InlineData("2026-03-07", "2026-03-10")] // Saturday -> Tuesday (Mon, Tue)
    [InlineData("2026-03-08", "2026-03-10")] // Sunday -> Tuesday
    public void ExpectedResultsDate_SkipsWeekends(string attempt, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Policy.ExpectedResultsDate(DateOnly.Parse(attempt)));

    [Fact]
    public void ExpectedResultsDate_SkipsHolidays()
    {
        // Thursday 2 July 2026; Friday 3 July is the observed Independence Day holiday.
        var policy = new RetakePolicy(holidays: new HolidayCalendar([new DateOnly(2026, 7, 3)]));
        Assert.Equal(new DateOnly(2026, 7, 7), policy.ExpectedResultsDate(new DateOnly(2026, 7, 2)));
    }

    [Fact]
    public void ExpectedResultsDate_HolidayOnTheLandingDay_MovesToNextBusinessDay()
    {
        // Friday 20 Nov + 2 business days = Tuesday 24 Nov; with 23 and 24 Nov holidays the two days are Wednesday 25 and Thursday 26.
        var policy = new RetakePolicy(holidays: new HolidayCalendar([new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 24)]));
        Assert.Equal(new DateOnly(2026, 11, 26), policy.ExpectedResultsDate(new DateOnly(2026, 11, 20)));
    }

    [Fact]
    public void ExpectedResultsDate_ZeroDelayOnSaturday_IsMonday()
    {
        var policy = new RetakePolicy(new RetakePolicyOptions { ResultsDelayBusinessDays = 0 });
        Assert.Equal(Mon.AddDays(7), policy.ExpectedResultsDate(Mon.AddDays(5)));
        Assert.Equal(Mon, policy.ExpectedResultsDate(Mon));
    }

    [Fact]
    public void IsBusinessDay_WeekendsAndHolidays_AreNot()
    {
        var policy = new RetakePolicy(holidays: new HolidayCalendar([Mon.AddDays(1)]));
        Assert.True(policy.IsBusinessDay(Mon));
        Assert.False(policy.IsBusinessDay(Mon.AddDays(1)));
        Assert.False(policy.IsBusinessDay(Mon.AddDays(5)));
        Assert.False(policy.IsBusinessDay(Mon.AddDays(6)));
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsListingEveryProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RetakePolicy(new RetakePolicyOptions { MaxAttemptsBeforeRefresher = 0, WaitAfterFailureDays = -1 }));
        Assert.Contains("MaxAttemptsBeforeRefresher", ex.Message);
        Assert.Contains("WaitAfterFailureDays", ex.Message);
    }

    [Fact]
    public void Today_ComesFromTheTimeProvidersLocalDate()
    {
        Assert.Equal(Mon, new RetakePolicy(timeProvider: new FixedClock(Mon)).Today);
    }

    // ---- properties ----

    [Property(MaxTest = 300)]
    public Property CanAttemptOn_NeverWithin15DaysOfAFailure() =>
        Prop.ForAll(
            (from h in AttemptGen.ValidHistoryEndingInFailure from offset in Gen.Choose(-3, 14) select (h, offset)).ToArbitrary(),
            s =>
            {
                var lastFailure = s.h.Attempts[^1].Date;
                var status = Policy.Evaluate(s.h);
                return !Policy.CanAttemptOn(s.h, lastFailure.AddDays(s.offset)).Allowed
                    && (status.EarliestNextAttempt is null || status.EarliestNextAttempt >= lastFailure.AddDays(15));
            });

    [Property(MaxTest = 500)]
    public Property Evaluate_AcceptedHistories_NeverRetestWithin15DaysOfAFailure() =>
        Prop.ForAll(AttemptGen.RawHistory.ToArbitrary(), h =>
        {
            if (!Accepted(h)) return true;
            for (int i = 1; i < h.Attempts.Count; i++)
            {
                if (h.Attempts[i - 1].Result == AttemptResult.Fail && h.Attempts[i].Date < h.Attempts[i - 1].Date.AddDays(15)) return false;
            }

            return true;
        });

    [Property(MaxTest = 500)]
    public Property Evaluate_AcceptedHistories_NeverHaveAFourthAttemptWithoutARefresher() =>
        Prop.ForAll(AttemptGen.RawHistory.ToArbitrary(), h =>
        {
            if (!Accepted(h)) return true;
            for (int i = 3; i < h.Attempts.Count; i++)
            {
                // Any four consecutive attempts straddle a cycle boundary, so a refresher lies between the first and the last.
                var first = h.Attempts[i - 3].Date;
                var last = h.Attempts[i].Date;
                if (!h.RefresherCompletions.Any(r => r > first && r <= last)) return false;
            }

            return true;
        });

    [Property(MaxTest = 300)]
    public Property CanAttemptOn_AfterThreeFailuresWithoutRefresher_NeverAllowed() =>
        Prop.ForAll(
            (from h in AttemptGen.ValidHistoryEndingInFailure from days in Gen.Choose(0, 2000) select (h, days)).ToArbitrary(),
            s =>
            {
                var lastFailure = s.h.Attempts[^1].Date;
                if (Policy.Evaluate(s.h).AttemptsUsedInCycle != 3 || s.h.RefresherCompletions.Any(r => r > lastFailure)) return true;
                var e = Policy.CanAttemptOn(s.h, lastFailure.AddDays(s.days));
                return !e.Allowed && e.Blocker is AttemptBlocker.RefresherRequired or AttemptBlocker.NotAfterPreviousAttempt;
            });

    [Property(MaxTest = 300)]
    public Property Evaluate_ValidHistories_AreAcceptedAndConsistent() =>
        Prop.ForAll(AttemptGen.ValidHistory.ToArbitrary(), h =>
        {
            var s = Policy.Evaluate(h);
            bool consistent = s.TotalAttempts == h.Attempts.Count
                && s.AttemptsUsedInCycle is >= 0 and <= 3
                && s.AttemptsUsedInCycle + s.AttemptsRemainingInCycle == (s.HasPassed ? s.AttemptsUsedInCycle : 3)
                && (s.Blocker == AttemptBlocker.None) == (s.EarliestNextAttempt is not null || h.Attempts.Count == 0);
            if (s.EarliestNextAttempt is { } earliest)
            {
                consistent &= Policy.CanAttemptOn(h, earliest).Allowed && !Policy.CanAttemptOn(h, earliest.AddDays(-1)).Allowed;
            }

            return consistent;
        });

    [Property(MaxTest = 500)]
    public Property ExpectedResultsDate_IsABusinessDayExactlyTwoBusinessDaysLater() =>
        Prop.ForAll(AttemptGen.DateWithHolidays.ToArbitrary(), s =>
        {
            var policy = new RetakePolicy(holidays: new HolidayCalendar(s.Holidays));
            var results = policy.ExpectedResultsDate(s.Date);
            int businessDaysBetween = 0;
            for (var d = s.Date.AddDays(1); d <= results; d = d.AddDays(1))
            {
                if (policy.IsBusinessDay(d)) businessDaysBetween++;
            }

            return results > s.Date && policy.IsBusinessDay(results) && businessDaysBetween == 2;
        });

    private static bool Accepted(AttemptHistory h)
    {
        try
        {
            Policy.Evaluate(h);
            return true;
        }
        catch (InvalidAttemptHistoryException)
        {
            return false;
        }
    }
}
