using EmrCat.Coaching;

namespace EmrCat.Drills;

/// <summary>What a day of the retest plan asks for.</summary>
public enum PlanActivityKind
{
    /// <summary>A drill of one bucket.</summary>
    Drill,

    /// <summary>A full practice run under exam conditions (the mock exam near the end).</summary>
    MockRun,
}

/// <summary>Where a planned activity stands on the plan's "today".</summary>
public enum PlanDayStatus
{
    /// <summary>Done on its day, or caught up later.</summary>
    Done,

    /// <summary>Its day has passed and it was not done.</summary>
    Missed,

    /// <summary>Planned for today and not done yet.</summary>
    Today,

    /// <summary>Planned for a later day.</summary>
    Upcoming,
}

/// <summary>An activity the learner completed: a drill of a bucket, or a practice run.</summary>
/// <param name="Date">The local date it was completed.</param>
/// <param name="Kind">A drill or a practice (mock) run.</param>
/// <param name="Bucket">The drill's bucket; ignored for a practice run.</param>
public sealed record CompletedActivity(DateOnly Date, PlanActivityKind Kind, ErrorBucket Bucket = ErrorBucket.DomainKnowledge);

/// <summary>One planned activity on a day.</summary>
/// <param name="Kind">A drill or the mock run.</param>
/// <param name="Bucket">The drill's bucket (for the mock run, <see cref="ErrorBucket.Pacing"/>: it is timed at exam pace).</param>
/// <param name="Status">Done, missed, today or upcoming.</param>
/// <param name="DoneOn">The date of the activity that fulfilled it, when done.</param>
public sealed record PlannedActivity(PlanActivityKind Kind, ErrorBucket Bucket, PlanDayStatus Status, DateOnly? DoneOn);

/// <summary>One day of the retest plan.</summary>
/// <param name="Date">The date.</param>
/// <param name="DayNumber">Days since the failure (1 is the day after).</param>
/// <param name="Activities">What the day asks for (one or two drills, or the mock run).</param>
public sealed record RetestPlanDay(DateOnly Date, int DayNumber, IReadOnlyList<PlannedActivity> Activities)
{
    /// <summary>The day's status: done when every activity is, else missed, today or upcoming.</summary>
    public PlanDayStatus Status =>
        Activities.All(a => a.Status == PlanDayStatus.Done) ? PlanDayStatus.Done : Activities.First(a => a.Status != PlanDayStatus.Done).Status;
}

/// <summary>
/// The days from a recorded failure to the earliest retest, each with its drills (see <see cref="RetestPlanner"/>).
/// </summary>
/// <param name="FailedOn">The recorded failure the plan is dated from.</param>
/// <param name="EarliestRetest">The first day a retest is allowed (failure + the wait).</param>
/// <param name="Today">The day the plan was marked on.</param>
/// <param name="Buckets">The buckets the drills rotate through, costliest first.</param>
/// <param name="Days">The days after the failure up to the day before the earliest retest.</param>
public sealed record RetestPlan(DateOnly FailedOn, DateOnly EarliestRetest, DateOnly Today, IReadOnlyList<ErrorBucket> Buckets, IReadOnlyList<RetestPlanDay> Days)
{
    /// <summary>Activities done so far.</summary>
    public int DoneCount => Days.Sum(d => d.Activities.Count(a => a.Status == PlanDayStatus.Done));

    /// <summary>Activities whose day has passed undone.</summary>
    public int MissedCount => Days.Sum(d => d.Activities.Count(a => a.Status == PlanDayStatus.Missed));

    /// <summary>All planned activities.</summary>
    public int ActivityCount => Days.Sum(d => d.Activities.Count);
}
