using EmrCat.Learning;

namespace EmrCat.Practice.Storage;

/// <summary>
/// The learner profile, rebuilt from the store: every finished session (with its items, estimate, domain levels and
/// tagged misses) becomes a practice run, and every drill (finished or stopped) a drill run whose answered items count
/// as seen and whose answers are evidence of nothing (<see cref="Readiness"/> reads practice runs only). The store
/// stays the one record; the profile is a view of it.
/// </summary>
internal static class LearnerHistory
{
    public static LearnerProfile Load(PracticeStore store)
    {
        var runs = new List<LearnerRun>();
        foreach (var session in store.Sessions())
        {
            if (session.Result is not { } result) continue;
            var misses = store.Misses(session.Id).Select(m => new MissedItem(m.ItemId, m.Domain, m.Bucket));
            runs.Add(new LearnerRun(
                RunKind.Practice,
                session.StartedAt + result.Elapsed,
                result.Items.Select(i => i.ItemId),
                result.Theta,
                result.StandardError,
                result.PassProbability,
                result.Domains.Select(d => new DomainLevel(d.DomainId, d.Given, d.Correct)),
                misses));
        }

        foreach (var drill in store.Drills())
        {
            if (drill.Answers.Count == 0) continue;
            var at = drill.FinishedAt ?? drill.Answers[^1].AnsweredAt;
            runs.Add(new LearnerRun(RunKind.Drill, at, drill.Answers.Select(a => a.ItemId), 0, double.PositiveInfinity, null, [], []));
        }

        return new LearnerProfile(runs);
    }
}
