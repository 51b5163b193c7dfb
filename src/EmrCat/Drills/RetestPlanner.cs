using EmrCat.Certification;
using EmrCat.Coaching;

namespace EmrCat.Drills;

/// <summary>
/// Lays out the wait between a failed attempt and the earliest retest (the retake policy's wait, 15 days for the EMR) as
/// daily drills aimed at the error log's costliest buckets, the way the repair advice says to use the wait: one or two
/// buckets, rotating, the costlier one first and more often; a full mock practice run two days before the retest; the
/// last day a short drill of the costliest bucket. The plan is dated from the recorded failure, not from today, and
/// marks each activity done (a matching activity completed on its day, or on a later day before the retest, as a
/// catch-up), missed, today or upcoming. A pure function of its inputs; "today" comes from the policy's clock.
/// </summary>
public static class RetestPlanner
{
    /// <summary>Buckets the drills rotate through: the two costliest.</summary>
    public const int BucketsRotated = 2;

    /// <summary>Plans the wait after <paramref name="failedOn"/>.</summary>
    /// <param name="failedOn">The date of the recorded failed attempt.</param>
    /// <param name="policy">The retake policy: its wait sets the retest date, its clock says what "today" is.</param>
    /// <param name="bucketCosts">Buckets with their costs (for example <see cref="ErrorLog.Summarize"/>'s); empty for a learner with no error log yet, who gets knowledge and pacing drills.</param>
    /// <param name="completed">What the learner has completed, any dates (only those from the day after the failure to the day before the retest count).</param>
    /// <returns>The plan.</returns>
    public static RetestPlan Build(DateOnly failedOn, RetakePolicy policy, IEnumerable<BucketSummary> bucketCosts, IEnumerable<CompletedActivity> completed)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(bucketCosts);
        ArgumentNullException.ThrowIfNull(completed);
        DateOnly retest = failedOn.AddDays(policy.Options.WaitAfterFailureDays);
        DateOnly today = policy.Today;
        var buckets = bucketCosts
            .Where(b => b is not null && b.Misses > 0)
            .OrderByDescending(b => b.Cost).ThenByDescending(b => b.Misses).ThenBy(b => (int)b.Bucket)
            .Select(b => b.Bucket).Distinct().Take(BucketsRotated).ToList();
        if (buckets.Count == 0) buckets = [ErrorBucket.DomainKnowledge, ErrorBucket.Pacing];

        int days = Math.Max(0, policy.Options.WaitAfterFailureDays - 1);
        var planned = new List<(DateOnly Date, PlanActivityKind Kind, ErrorBucket Bucket)>[days];
        for (int d = 1; d <= days; d++)
        {
            var list = planned[d - 1] = [];
            DateOnly date = failedOn.AddDays(d);
            if (days >= 4 && d == days - 1)
            {
                list.Add((date, PlanActivityKind.MockRun, ErrorBucket.Pacing));
            }
            else if (d == days || buckets.Count == 1)
            {
                list.Add((date, PlanActivityKind.Drill, buckets[0]));
            }
            else
            {
                // Rotation: the costliest bucket every day, the second every other day beside it.
                list.Add((date, PlanActivityKind.Drill, buckets[0]));
                if (d % 2 == 0) list.Add((date, PlanActivityKind.Drill, buckets[1]));
            }
        }

        var marked = Mark(planned.SelectMany(p => p).ToList(), completed.Where(c => c is not null && c.Date > failedOn && c.Date < retest && c.Date <= today).ToList(), today);
        var result = new List<RetestPlanDay>(days);
        int at = 0;
        for (int d = 1; d <= days; d++)
        {
            int n = planned[d - 1].Count;
            result.Add(new RetestPlanDay(failedOn.AddDays(d), d, marked.GetRange(at, n)));
            at += n;
        }

        return new RetestPlan(failedOn, retest, today, buckets, result);
    }

    /// <summary>
    /// Marks each planned activity: first with an activity completed on its own day, then (for those still open) with
    /// the earliest unused one completed later, so that catching up on a missed day counts. Each completion counts once.
    /// </summary>
    private static List<PlannedActivity> Mark(List<(DateOnly Date, PlanActivityKind Kind, ErrorBucket Bucket)> planned, List<CompletedActivity> completed, DateOnly today)
    {
        var used = new bool[completed.Count];
        var doneOn = new DateOnly?[planned.Count];
        bool Matches(int p, int c) => !used[c] && completed[c].Kind == planned[p].Kind && (planned[p].Kind == PlanActivityKind.MockRun || completed[c].Bucket == planned[p].Bucket);
        for (int p = 0; p < planned.Count; p++)
        {
            for (int c = 0; c < completed.Count; c++)
            {
                if (!Matches(p, c) || completed[c].Date != planned[p].Date) continue;
                used[c] = true;
                doneOn[p] = completed[c].Date;
                break;
            }
        }

        for (int p = 0; p < planned.Count; p++)
        {
            if (doneOn[p] is not null) continue;
            int best = -1;
            for (int c = 0; c < completed.Count; c++)
            {
                if (Matches(p, c) && completed[c].Date > planned[p].Date && (best < 0 || completed[c].Date < completed[best].Date)) best = c;
            }

            if (best < 0) continue;
            used[best] = true;
            doneOn[p] = completed[best].Date;
        }

        return planned.Select((a, p) => new PlannedActivity(a.Kind, a.Bucket,
            doneOn[p] is not null ? PlanDayStatus.Done : a.Date < today ? PlanDayStatus.Missed : a.Date == today ? PlanDayStatus.Today : PlanDayStatus.Upcoming,
            doneOn[p])).ToList();
    }
}
