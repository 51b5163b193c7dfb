using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Drills;
using Microsoft.Extensions.Time.Testing;

namespace EmrCat.Tests.Drills;

public sealed class RetestPlannerTests
{
    private static readonly DateOnly Failed = new(2026, 10, 5);

    private static RetakePolicy PolicyOn(DateOnly today, RetakePolicyOptions? options = null) =>
        new(options, timeProvider: new FakeTimeProvider(new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)));

    private static readonly BucketSummary[] Costs =
    [
        new(ErrorBucket.Reading, 2, 30, ["R1", "R2"]),
        new(ErrorBucket.Scope, 3, 55, ["S1", "S2", "S3"]),
        new(ErrorBucket.DomainKnowledge, 4, 20, ["K1", "K2", "K3", "K4"]),
    ];

    private static CompletedActivity Did(int day, ErrorBucket bucket) => new(Failed.AddDays(day), PlanActivityKind.Drill, bucket);

    [Fact]
    public void The_plan_is_dated_from_the_failure_whatever_today_is()
    {
        foreach (var today in new[] { Failed.AddDays(1), Failed.AddDays(9), Failed.AddDays(40) })
        {
            var plan = RetestPlanner.Build(Failed, PolicyOn(today), Costs, []);
            Assert.Equal(Failed, plan.FailedOn);
            Assert.Equal(Failed.AddDays(15), plan.EarliestRetest);
            Assert.Equal(14, plan.Days.Count);
            Assert.Equal(Enumerable.Range(1, 14).Select(d => Failed.AddDays(d)), plan.Days.Select(d => d.Date));
            Assert.Equal(Enumerable.Range(1, 14), plan.Days.Select(d => d.DayNumber));
            Assert.Equal(today, plan.Today);
        }
    }

    [Fact]
    public void Drills_rotate_through_the_two_costliest_buckets_with_a_mock_run_near_the_end()
    {
        var plan = RetestPlanner.Build(Failed, PolicyOn(Failed), Costs, []);
        Assert.Equal([ErrorBucket.Scope, ErrorBucket.Reading], plan.Buckets);
        for (int d = 1; d <= 12; d++)
        {
            var activities = plan.Days[d - 1].Activities;
            Assert.Equal(ErrorBucket.Scope, activities[0].Bucket);
            Assert.Equal(d % 2 == 0 ? 2 : 1, activities.Count);
            if (d % 2 == 0) Assert.Equal(ErrorBucket.Reading, activities[1].Bucket);
            Assert.All(activities, a => Assert.Equal(PlanActivityKind.Drill, a.Kind));
        }

        Assert.Equal(PlanActivityKind.MockRun, Assert.Single(plan.Days[12].Activities).Kind);
        Assert.Equal(ErrorBucket.Scope, Assert.Single(plan.Days[13].Activities).Bucket);
        Assert.Equal(14 + 6, plan.ActivityCount);
    }

    [Fact]
    public void Without_an_error_log_the_drills_are_knowledge_and_pacing()
    {
        var plan = RetestPlanner.Build(Failed, PolicyOn(Failed), [], []);
        Assert.Equal([ErrorBucket.DomainKnowledge, ErrorBucket.Pacing], plan.Buckets);
        var single = RetestPlanner.Build(Failed, PolicyOn(Failed), [Costs[0]], []);
        Assert.All(single.Days.Where(d => d.Activities[0].Kind == PlanActivityKind.Drill), d => Assert.Equal(ErrorBucket.Reading, Assert.Single(d.Activities).Bucket));
    }

    [Fact]
    public void Days_are_marked_done_missed_today_and_upcoming_on_the_policys_clock()
    {
        var today = Failed.AddDays(5);
        var plan = RetestPlanner.Build(Failed, PolicyOn(today), Costs,
        [
            Did(1, ErrorBucket.Scope),
            Did(2, ErrorBucket.Scope), Did(2, ErrorBucket.Reading),
            Did(0, ErrorBucket.Scope),                 // the failure day itself: before the plan
            Did(4, ErrorBucket.Reading),                // not planned that day: catches up nothing earlier (day 2 is done)
            Did(5, ErrorBucket.Scope),
            Did(7, ErrorBucket.Scope),                  // after today (a later clock): ignored
        ]);
        Assert.Equal(PlanDayStatus.Done, plan.Days[0].Status);
        Assert.Equal(Failed.AddDays(1), plan.Days[0].Activities[0].DoneOn);
        Assert.Equal(PlanDayStatus.Done, plan.Days[1].Status);
        Assert.Equal(PlanDayStatus.Missed, plan.Days[2].Status);
        Assert.Equal([PlanDayStatus.Missed, PlanDayStatus.Done], plan.Days[3].Activities.Select(a => a.Status)); // day 4's reading done that day
        Assert.Equal(PlanDayStatus.Missed, plan.Days[3].Status);
        Assert.Equal(PlanDayStatus.Done, plan.Days[4].Status);
        Assert.Equal(PlanDayStatus.Upcoming, plan.Days[6].Status);
        Assert.Equal(5, plan.DoneCount);
        Assert.Equal(2, plan.MissedCount);
    }

    [Fact]
    public void A_drill_done_on_a_later_day_catches_up_a_missed_one_and_counts_once()
    {
        var today = Failed.AddDays(3);
        var plan = RetestPlanner.Build(Failed, PolicyOn(today), Costs, [Did(3, ErrorBucket.Scope), Did(3, ErrorBucket.Scope)]);
        // Day 3 takes one (its own day first); the other catches up day 1. Day 2 has nothing left.
        Assert.Equal(PlanDayStatus.Done, plan.Days[2].Status);
        Assert.Equal(PlanDayStatus.Done, plan.Days[0].Status);
        Assert.Equal(Failed.AddDays(3), plan.Days[0].Activities[0].DoneOn);
        Assert.Equal(PlanDayStatus.Missed, plan.Days[1].Activities[0].Status);
        Assert.Equal(2, plan.DoneCount);

        var todayOpen = RetestPlanner.Build(Failed, PolicyOn(today), Costs, []);
        Assert.Equal(PlanDayStatus.Today, todayOpen.Days[2].Status);
    }

    [Fact]
    public void The_mock_run_is_done_by_a_practice_run_on_its_day_or_after()
    {
        var today = Failed.AddDays(14);
        var plan = RetestPlanner.Build(Failed, PolicyOn(today), Costs, [new CompletedActivity(Failed.AddDays(14), PlanActivityKind.MockRun)]);
        Assert.Equal(PlanDayStatus.Done, plan.Days[12].Status);
        var early = RetestPlanner.Build(Failed, PolicyOn(today), Costs, [new CompletedActivity(Failed.AddDays(3), PlanActivityKind.MockRun)]);
        Assert.Equal(PlanDayStatus.Missed, early.Days[12].Status);
    }

    [Fact]
    public void The_wait_comes_from_the_retake_policy()
    {
        var plan = RetestPlanner.Build(Failed, PolicyOn(Failed, new RetakePolicyOptions { WaitAfterFailureDays = 8 }), Costs, []);
        Assert.Equal(Failed.AddDays(8), plan.EarliestRetest);
        Assert.Equal(7, plan.Days.Count);
        Assert.Equal(PlanActivityKind.MockRun, plan.Days[5].Activities[0].Kind);
        Assert.Empty(RetestPlanner.Build(Failed, PolicyOn(Failed, new RetakePolicyOptions { WaitAfterFailureDays = 0 }), Costs, []).Days);
    }
}
