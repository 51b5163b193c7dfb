using EmrCat.Banks;
using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Drills;
using EmrCat.Practice.Storage;
using EmrCat.Practice.Ui;

namespace EmrCat.Practice.Commands;

/// <summary>
/// What <c>drill</c> and <c>plan</c> read from the store to aim the repair: the latest practice run's error log (costs
/// recomputed from its result, with the candidate's own buckets), what has been completed since, and the
/// retest plan after the last recorded failure.
/// </summary>
internal static class LearnerRepair
{
    /// <summary>
    /// The error log of the latest finished practice run (built from its stored result alone), or null when there is
    /// none (then the plan falls back to knowledge and pacing). Misses the candidate moved to another bucket stay there.
    /// </summary>
    public static ErrorLog? LatestLog(PracticeStore store)
    {
        var session = store.Sessions().LastOrDefault(s => s.Result is not null);
        if (session is null) return null;
        var log = ResultReport.ErrorLogFor(session.Result!);
        foreach (var miss in store.Misses(session.Id))
        {
            if (ResultReport.Parse(miss.Bucket) is { } chosen && log.Find(miss.ItemId) is not null) log = log.WithBucket(miss.ItemId, chosen);
        }

        return log;
    }

    /// <summary>Drills finished and full (emr) practice runs finished, on their local dates.</summary>
    public static IReadOnlyList<CompletedActivity> Completed(PracticeStore store, TimeZoneInfo zone)
    {
        DateOnly Local(DateTimeOffset t) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, zone).DateTime);
        var list = new List<CompletedActivity>();
        foreach (var drill in store.Drills())
        {
            if (drill.FinishedAt is { } at && ResultReport.Parse(drill.Bucket) is { } bucket) list.Add(new CompletedActivity(Local(at), PlanActivityKind.Drill, bucket));
        }

        foreach (var session in store.Sessions())
        {
            if (session.Result is { } r && session.Preset == "emr") list.Add(new CompletedActivity(Local(session.StartedAt + r.Elapsed), PlanActivityKind.MockRun));
        }

        return list;
    }

    /// <summary>
    /// The retest plan after the last failure, when the next step is that retest (no pass, no pending result, no
    /// refresher course required); else null.
    /// </summary>
    public static RetestPlan? CurrentPlan(PracticeStore store, RetakePolicy policy, RetakeStatus exam, ErrorLog? log, TimeZoneInfo zone)
    {
        if (exam.LastFailure is not { } failed || exam.HasPassed || exam.PendingSince is not null || exam.RefresherRequired) return null;
        return RetestPlanner.Build(failed, policy, log?.Summarize().Buckets ?? [], Completed(store, zone));
    }

    /// <summary>The retake status from the recorded attempts, or null when they cannot be judged (plan says why).</summary>
    public static RetakeStatus? Status(PracticeStore store, RetakePolicy policy)
    {
        var rows = store.Attempts().Where(a => a.Date <= policy.Today).ToList();
        var history = new AttemptHistory(
            rows.Where(a => a.Result != "refresher").Select(a => new ExamAttempt(a.Date, Enum.Parse<AttemptResult>(a.Result, ignoreCase: true))),
            rows.Where(a => a.Result == "refresher").Select(a => a.Date));
        try
        {
            return policy.Evaluate(history);
        }
        catch (InvalidAttemptHistoryException)
        {
            return null;
        }
    }
}
