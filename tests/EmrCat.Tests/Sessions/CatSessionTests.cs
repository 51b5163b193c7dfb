using System.Text.Json;
using EmrCat.Banks;
using EmrCat.Scoring;
using EmrCat.Sessions;
using EmrCat.Stopping;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;

namespace EmrCat.Tests.Sessions;

public class CatSessionTests
{
    private static readonly ItemBank Bank = TestBanks.Emr;
    private static readonly CatOptions Quick = CatOptions.Quick;

    [Fact]
    public void Start_PresentsAnItemWithoutKeyOrRationale()
    {
        var session = CatSession.Start(Bank, Quick, 1);
        string json = JsonSerializer.Serialize(session.Current);
        Assert.DoesNotContain("Key", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Rationale", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Pilot", json, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, session.Current.Position);
    }

    [Fact]
    public void Submit_AnotherItem_ThrowsAndChangesNothing()
    {
        var session = CatSession.Start(Bank, Quick, 2);
        string before = session.Snapshot().ToJson();
        var current = session.Current;
        string other = Bank.Items.First(i => i.Id != current.ItemId).Id;
        Assert.Throws<InvalidOperationException>(() => session.Submit(other, "A"));
        Assert.Equal(before, session.Snapshot().ToJson());
        Assert.Equal(current, session.Current);
    }

    [Fact]
    public void Submit_TheSameItemTwice_Throws()
    {
        var session = CatSession.Start(Bank, Quick, 3);
        var first = session.Current;
        session.Submit(first.ItemId, "A");
        string before = session.Snapshot().ToJson();
        Assert.Throws<InvalidOperationException>(() => session.Submit(first.ItemId, "A"));
        Assert.Equal(before, session.Snapshot().ToJson());
    }

    [Fact]
    public void Submit_AnOptionTheItemDoesNotHave_ThrowsArgumentAndChangesNothing()
    {
        var session = CatSession.Start(Bank, Quick, 4);
        string before = session.Snapshot().ToJson();
        Assert.Throws<ArgumentException>(() => session.Submit(session.Current.ItemId, "Z"));
        Assert.Equal(before, session.Snapshot().ToJson());
    }

    [Fact]
    public void AfterTheEnd_CurrentSubmitAndAbandonThrow()
    {
        var session = CatSession.Start(Bank, Quick, 5);
        SessionDriver.Run(session, 0.3, 5);
        Assert.True(session.IsFinished);
        Assert.Throws<InvalidOperationException>(() => session.Current);
        Assert.Throws<InvalidOperationException>(() => session.Submit("SCE-0001", "A"));
        Assert.Throws<InvalidOperationException>(() => session.Abandon());
    }

    private sealed class FirstEligibleSelector : EmrCat.Selection.IItemSelector
    {
        public bool TrySelect(in EmrCat.Selection.SelectionContext context, out int item)
        {
            for (item = 0; item < context.Available.Length; item++)
            {
                if (context.IsEligible(item)) return true;
            }

            return false;
        }
    }

    [Fact]
    public void Start_WithCustomStrategies_UsesThem()
    {
        var options = Quick with { PilotItems = 0, ContentBalancing = false };
        var strategies = CatStrategies.For(Bank, options) with { Selector = new FirstEligibleSelector() };
        var session = CatSession.Start(Bank, options, 1, strategies);
        var given = new List<string>();
        for (int k = 0; k < 3; k++)
        {
            given.Add(session.Current.ItemId);
            session.Submit(session.Current.ItemId, "A");
        }

        // The lowest-index scored items, skipping an enemy of an item already given.
        var expected = new List<string>();
        foreach (var item in Bank.Items.Where(i => i.Status == ItemStatus.Scored))
        {
            if (expected.Count == 3) break;
            if (expected.Any(id => Bank.Items.First(i => i.Id == id).EnemyGroups.Intersect(item.EnemyGroups).Any())) continue;
            expected.Add(item.Id);
        }

        Assert.Equal(expected, given);

        var resumed = CatSession.Resume(Bank, session.Snapshot(), strategies: strategies);
        Assert.Equal(session.Current.ItemId, resumed.Current.ItemId);
    }

    [Fact]
    public void Result_BeforeTheEnd_Throws() =>
        Assert.Throws<InvalidOperationException>(() => CatSession.Start(Bank, Quick, 6).Result);

    [Fact]
    public void Start_WithImpossibleOptions_ListsEveryProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => CatSession.Start(Bank, Quick with { MinScoredItems = 30, MaxScoredItems = 20, Confidence = 1.5, TimeLimit = TimeSpan.FromMinutes(-1) }, 1));
        Assert.Contains("MaxScoredItems", ex.Message);
        Assert.Contains("Confidence", ex.Message);
        Assert.Contains("TimeLimit", ex.Message);
    }

    [Fact]
    public void Start_WithMorePilotsThanTheBankHas_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => CatSession.Start(Bank, Quick with { PilotItems = 41 }, 1));
        Assert.Contains("pilot", ex.Message);
    }

    [Fact]
    public void TimeLimit_EndsTheSessionAndDoesNotCountTheLateAnswer()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var session = CatSession.Start(Bank, Quick, 7, clock);
        for (int i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            session.Submit(session.Current.ItemId, "A");
        }

        clock.Advance(TimeSpan.FromMinutes(30));
        session.Submit(session.Current.ItemId, "A");
        Assert.True(session.IsFinished);
        Assert.Equal(StopReason.TimeLimit, session.Result.Reason);
        Assert.Equal(3, session.Result.Items.Count);
        Assert.Equal(PassFailDecision.Undecided, session.Result.Decision);
        Assert.Equal(TimeSpan.FromMinutes(20), session.Result.Elapsed);
    }

    [Fact]
    public void CheckTimeLimit_FromATimer_EndsTheSession()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var session = CatSession.Start(Bank, Quick, 8, clock);
        Assert.False(session.CheckTimeLimit());
        clock.Advance(TimeSpan.FromMinutes(21));
        Assert.True(session.CheckTimeLimit());
        Assert.Equal(StopReason.TimeLimit, session.Result.Reason);
    }

    [Fact]
    public void TimeLimit_AfterTheMinimum_DecidesByTheEstimate()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var options = Quick with { ConfidenceStop = false, MaxScoredItems = 40 };
        var session = CatSession.Start(Bank, options, 9, clock);
        SessionDriver.Run(session, 2.5, 9, stopAfter: 24);
        clock.Advance(TimeSpan.FromMinutes(25));
        Assert.True(session.CheckTimeLimit());
        Assert.True(session.Result.ScoredCount >= options.MinScoredItems);
        Assert.Equal(session.Result.Theta >= 0 ? PassFailDecision.Pass : PassFailDecision.Fail, session.Result.Decision);
    }

    [Fact]
    public void Abandon_IsUndecidedAndReplays()
    {
        var session = CatSession.Start(Bank, Quick, 10);
        SessionDriver.Run(session, 0, 10, stopAfter: 4);
        session.Abandon();
        Assert.Equal(PassFailDecision.Undecided, session.Result.Decision);
        var resumed = CatSession.Resume(Bank, SessionSnapshot.FromJson(session.Snapshot().ToJson()));
        Assert.True(resumed.IsFinished);
        Assert.Equal(StopReason.Abandoned, resumed.Result.Reason);
    }

    [Fact]
    public void Resume_OnAnotherBank_IsRefused()
    {
        var session = CatSession.Start(Bank, Quick, 11);
        SessionDriver.Run(session, 0, 11, stopAfter: 3);
        var other = TestBanks.Build(8, [76, 140, 22, 79, 43], [8, 16, 2, 9, 5], 12);
        Assert.Throws<InvalidSnapshotException>(() => CatSession.Resume(other, session.Snapshot()));
    }

    [Fact]
    public void FromJson_TamperedSnapshot_IsRefused()
    {
        var session = CatSession.Start(Bank, Quick, 12);
        SessionDriver.Run(session, 0, 12, stopAfter: 3);
        string json = session.Snapshot().ToJson();
        string tampered = json.Replace("\"responseTimeMs\":0", "\"responseTimeMs\":1", StringComparison.Ordinal);
        Assert.NotEqual(json, tampered);
        Assert.Throws<InvalidSnapshotException>(() => SessionSnapshot.FromJson(tampered));
        Assert.Throws<InvalidSnapshotException>(() => SessionSnapshot.FromJson("{not json"));
    }

    [Fact]
    public void Resume_SnapshotWhoseAnswersDoNotReplay_IsRefused()
    {
        var session = CatSession.Start(Bank, Quick, 13);
        SessionDriver.Run(session, 0, 13, stopAfter: 3);
        var snapshot = session.Snapshot();
        var answers = snapshot.Answers.ToList();
        answers[1] = answers[1] with { ItemId = Bank.Items[^1].Id };
        Assert.Throws<InvalidSnapshotException>(() => CatSession.Resume(Bank, snapshot with { Answers = answers }));
    }

    public static Gen<(int Seed, double Theta)> SeedAndTheta { get; } =
        from seed in Gen.Choose(1, 1_000_000) from theta in global::EmrCat.Testing.EmrCatGen.Uniform(-2.5, 2.5) select (seed, theta);

    [Property(MaxTest = 40)]
    public Property EmrSessions_RespectLengthsBlueprintRepeatsEnemiesAndPilots() =>
        Prop.ForAll(SeedAndTheta.ToArbitrary(), s =>
        {
            var options = CatOptions.Emr;
            var session = CatSession.Start(Bank, options, (ulong)s.Seed);
            SessionDriver.Run(session, s.Theta, s.Seed);
            var r = session.Result;
            var ids = r.Items.Select(i => i.ItemId).ToList();
            bool noRepeats = ids.Distinct().Count() == ids.Count;
            var given = ids.Select(id => Bank.Items.First(i => i.Id == id)).ToList();
            bool noEnemies = !given.Where((later, k) => given.Take(k).Any(earlier => earlier.EnemyGroups.Intersect(later.EnemyGroups).Any()
                && !(earlier.Status == ItemStatus.Pilot && later.Status == ItemStatus.Scored))).Any();
            bool lengths = r.ScoredCount >= options.MinScoredItems && r.ScoredCount <= options.MaxScoredItems && r.PilotCount == options.PilotItems;
            bool pilotsInWindow = r.Items.Where(i => i.IsPilot).All(i => i.Position <= options.MinScoredItems + options.PilotItems);
            bool shares = r.Domains.All(d => d.Given >= Math.Floor(d.MinShare * r.ScoredCount) - 1 && d.Given <= Math.Ceiling(d.MaxShare * r.ScoredCount) + 1);
            return (noRepeats && noEnemies && lengths && pilotsInWindow && shares).Label($"repeats={noRepeats} enemies={noEnemies} lengths={lengths} pilots={pilotsInWindow} shares={shares}");
        });

    [Property(MaxTest = 30)]
    public Property PilotAnswers_ChangeNothing() =>
        Prop.ForAll(SeedAndTheta.ToArbitrary(), s =>
        {
            SessionResult Run(bool pilotsRight)
            {
                var session = CatSession.Start(Bank, Quick, (ulong)s.Seed);
                var random = new Random(s.Seed);
                SessionDriver.Run(session, s.Theta, s.Seed, item => item.Status == ItemStatus.Pilot ? pilotsRight : null);
                return session.Result;
            }

            var right = Run(true);
            var wrong = Run(false);
            var scoredRight = right.Items.Where(i => !i.IsPilot).Select(i => (i.ItemId, i.Correct));
            var scoredWrong = wrong.Items.Where(i => !i.IsPilot).Select(i => (i.ItemId, i.Correct));
            return scoredRight.SequenceEqual(scoredWrong) && right.Theta == wrong.Theta && right.Decision == wrong.Decision
                && right.ReportedScore == wrong.ReportedScore && right.Reason == wrong.Reason;
        });

    [Property(MaxTest = 30)]
    public Property SnapshotThenResume_ContinuesIdentically() =>
        Prop.ForAll((from st in SeedAndTheta from cut in Gen.Choose(0, 24) select (st.Seed, st.Theta, cut)).ToArbitrary(), s =>
        {
            var straight = CatSession.Start(Bank, Quick, (ulong)s.Seed);
            SessionDriver.Run(straight, s.Theta, s.Seed, item => Answer(item, s.Seed));

            var interrupted = CatSession.Start(Bank, Quick, (ulong)s.Seed);
            SessionDriver.Run(interrupted, s.Theta, s.Seed, item => Answer(item, s.Seed), stopAfter: s.cut);
            var resumed = CatSession.Resume(Bank, SessionSnapshot.FromJson(interrupted.Snapshot().ToJson()));
            SessionDriver.Run(resumed, s.Theta, s.Seed, item => Answer(item, s.Seed));

            return straight.Result.Items.Select(i => i.ItemId).SequenceEqual(resumed.Result.Items.Select(i => i.ItemId))
                && straight.Result.Theta == resumed.Result.Theta && straight.Result.Decision == resumed.Result.Decision;
        });

    // Answers as a pure function of (item, seed), so an interrupted run answers exactly like an uninterrupted one.
    private static bool Answer(BankItem item, int seed) => (item.Id.GetHashCode(StringComparison.Ordinal) ^ seed) % 3 != 0 ? item.Parameters.B < 0.5 : false;
}
