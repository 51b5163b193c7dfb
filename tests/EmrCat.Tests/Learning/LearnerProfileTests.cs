using EmrCat.Banks;
using EmrCat.Irt;
using EmrCat.Learning;
using EmrCat.Sessions;
using EmrCat.Tests.Sessions;

namespace EmrCat.Tests.Learning;

public sealed class LearnerProfileTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Runs one practice session for the learner and returns the profile with it recorded.</summary>
    private static (LearnerProfile Profile, SessionResult Result) TakeRun(LearnerProfile profile, ItemBank bank, CatOptions options, RecencyWindow window, DateTimeOffset at, double trueTheta, int seed, bool startFromLast = false)
    {
        var prepared = profile.Prepare(options, bank, window, at, startFromLast);
        var session = CatSession.Start(bank, prepared, (ulong)seed);
        SessionDriver.Run(session, trueTheta, seed);
        var result = session.Result;
        var run = new LearnerRun(RunKind.Practice, at, result.Items.Select(i => i.ItemId), result.Theta, result.StandardError, null,
            result.Domains.Select(d => new DomainLevel(d.DomainId, d.Given, d.Correct)), []);
        return (profile.With(run), result);
    }

    [Fact]
    public void A_simulated_learner_meets_no_item_twice_within_the_window_of_runs()
    {
        var bank = TestBanks.Emr;
        var window = new RecencyWindow(runs: 3, days: 0);
        var profile = LearnerProfile.Empty;
        var runs = new List<IReadOnlyList<string>>();
        for (int r = 0; r < 8; r++)
        {
            (profile, var result) = TakeRun(profile, bank, CatOptions.Quick, window, Day0.AddDays(r * 20), trueTheta: -0.3 + 0.1 * r, seed: 100 + r);
            runs.Add(result.Items.Select(i => i.ItemId).ToArray());
        }

        for (int r = 1; r < runs.Count; r++)
        {
            var recent = runs.Skip(Math.Max(0, r - 3)).Take(r - Math.Max(0, r - 3)).SelectMany(x => x).ToHashSet();
            Assert.DoesNotContain(runs[r], recent.Contains);
        }

        // Without the profile the same seeds repeat items: the window is what prevents it.
        var plain = Enumerable.Range(0, 2).Select(r =>
        {
            var s = CatSession.Start(bank, CatOptions.Quick, (ulong)(100 + r));
            SessionDriver.Run(s, -0.3 + 0.1 * r, 100 + r);
            return s.Result.Items.Select(i => i.ItemId).ToHashSet();
        }).ToArray();
        Assert.NotEmpty(plain[0].Intersect(plain[1]));
    }

    [Fact]
    public void The_days_window_holds_back_items_seen_within_that_many_days_whatever_the_run_count()
    {
        var bank = TestBanks.Emr;
        var profile = LearnerProfile.Empty;
        (profile, var first) = TakeRun(profile, bank, CatOptions.Quick, RecencyWindow.None, Day0, 0, 1);
        (profile, _) = TakeRun(profile, bank, CatOptions.Quick, RecencyWindow.None, Day0.AddDays(1), 0, 2);
        var firstIds = first.Items.Select(i => i.ItemId).ToHashSet();

        Assert.Superset(firstIds, profile.RecentItems(bank, new RecencyWindow(0, 7), Day0.AddDays(3)).ToHashSet());
        Assert.Empty(profile.RecentItems(bank, new RecencyWindow(0, 7), Day0.AddDays(30)));
        Assert.Empty(profile.RecentItems(bank, RecencyWindow.None, Day0.AddDays(3)));
        Assert.Equal(first.Items.Count + profile.Runs[1].ItemsSeen.Count(id => !firstIds.Contains(id)), profile.RecentItems(bank, new RecencyWindow(2, 0), Day0.AddDays(300)).Count);
    }

    [Fact]
    public void When_the_bank_runs_low_held_back_items_come_back_least_recently_seen_first()
    {
        // 30 scored items, no pilots, a fixed 20-item run: the second run must reuse 10 items from the first.
        var random = new Random(3);
        var bank = TestBanks.Of(Enumerable.Range(0, 30).Select(_ => new ItemParameters(1 + random.NextDouble(), random.NextDouble() * 2 - 1, 0.2)).ToArray());
        var options = CatOptions.W1 with { MinScoredItems = 20, MaxScoredItems = 20, FixedLength = 20 };
        var window = new RecencyWindow(5, 0);
        var (profile, first) = TakeRun(LearnerProfile.Empty, bank, options, window, Day0, 0, 1);
        var (_, second) = TakeRun(profile, bank, options, window, Day0.AddDays(1), 0, 2);

        var firstOrder = first.Items.Select(i => i.ItemId).ToList();
        var secondIds = second.Items.Select(i => i.ItemId).ToList();
        Assert.Equal(20, secondIds.Count);
        Assert.Equal(20, secondIds.Distinct().Count());
        // The 10 never-seen items come first, then the earliest-seen 10 of the first run.
        Assert.Empty(secondIds.Take(10).Intersect(firstOrder));
        Assert.Equal(firstOrder.Take(10).ToHashSet(), secondIds.Skip(10).ToHashSet());
    }

    [Fact]
    public void A_run_can_start_from_the_last_practice_estimate_and_drills_do_not_move_it()
    {
        var bank = TestBanks.Emr;
        var (profile, result) = TakeRun(LearnerProfile.Empty, bank, CatOptions.Quick, RecencyWindow.Default, Day0, 1.2, 5);
        string drilled = bank.Items.First(i => result.Items.All(r => r.ItemId != i.Id)).Id;
        profile = profile.With(new LearnerRun(RunKind.Drill, Day0.AddHours(1), [drilled], -3, 1, null, [], []));
        var prepared = profile.Prepare(CatOptions.Quick, bank, RecencyWindow.Default, Day0.AddDays(1), startFromLastEstimate: true);
        Assert.Equal(result.Theta, prepared.StartTheta, 12);
        Assert.Equal(0, profile.Prepare(CatOptions.Quick, bank, RecencyWindow.Default, Day0.AddDays(1), startFromLastEstimate: false).StartTheta);
        Assert.Single(profile.PracticeRuns);
        Assert.Contains(drilled, prepared.HeldBackItems);
    }

    [Fact]
    public void Options_naming_an_item_the_bank_lacks_are_refused_with_its_id()
    {
        var problems = (CatOptions.Quick with { HeldBackItems = ["NOPE-1"] }).Validate(TestBanks.Emr);
        Assert.Contains(problems, p => p.Contains("HeldBackItems") && p.Contains("NOPE-1"));
    }

    [Fact]
    public void A_session_with_held_back_items_replays_from_its_snapshot()
    {
        var bank = TestBanks.Emr;
        var (profile, _) = TakeRun(LearnerProfile.Empty, bank, CatOptions.Quick, RecencyWindow.Default, Day0, 0.5, 9);
        var options = profile.Prepare(CatOptions.Quick, bank, RecencyWindow.Default, Day0.AddDays(1), true);
        var session = CatSession.Start(bank, options, 42);
        SessionDriver.Run(session, 0.5, 42, stopAfter: 10);
        var resumed = CatSession.Resume(bank, SessionSnapshot.FromJson(session.Snapshot().ToJson()));
        Assert.Equal(session.Current.ItemId, resumed.Current.ItemId);
        Assert.Equal(options.HeldBackItems, resumed.Options.HeldBackItems);
    }
}
