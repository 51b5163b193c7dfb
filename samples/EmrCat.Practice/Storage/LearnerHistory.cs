using EmrCat.Learning;

namespace EmrCat.Practice.Storage;

/// <summary>
/// The learner profile, rebuilt from the store: every finished session (with its items, estimate, domain levels and
/// tagged misses) becomes a run. The store stays the one record; the profile is a view of it.
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

        return new LearnerProfile(runs);
    }
}
