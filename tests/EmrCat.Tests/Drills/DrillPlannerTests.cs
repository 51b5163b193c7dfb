using EmrCat.Banks;
using EmrCat.Coaching;
using EmrCat.Drills;
using EmrCat.Learning;
using EmrCat.IO;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Drills;

public sealed class DrillPlannerTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<ItemBank> Bundled = new(() => ItemBankJson.Load(Path.Combine(FixturePaths.Repository, "item-bank", "emr-practice.json")));

    internal static ItemBank Bank => Bundled.Value;

    /// <summary>A practice run that saw <paramref name="seen"/>, with the given domain levels.</summary>
    private static LearnerRun Practice(DateTimeOffset at, double theta, IEnumerable<string> seen, params DomainLevel[] domains) =>
        new(RunKind.Practice, at, seen, theta, 0.3, 0.4, domains, []);

    private static LearnerRun Drill(DateTimeOffset at, DrillSet set) =>
        new(RunKind.Drill, at, set.Items.Select(i => i.Id), 0, double.PositiveInfinity, null, [], []);

    private static readonly DomainLevel[] Levels =
    [
        new("scene", 10, 9), new("primary", 10, 3), new("secondary", 10, 8), new("treatment", 10, 2), new("operations", 10, 7),
    ];

    [Fact]
    public void Knowledge_draws_from_the_two_weakest_domains_of_the_latest_practice_run_in_turn()
    {
        var learner = LearnerProfile.Empty.With(Practice(Day0, -0.4, [], Levels));
        var set = new DrillPlanner().Choose(Bank, learner, ErrorBucket.DomainKnowledge, RecencyWindow.Default, Day0.AddHours(1), 1);
        Assert.Equal(["treatment", "primary"], set.Domains);
        Assert.Equal(10, set.Items.Count);
        Assert.All(set.Items, i => Assert.Contains(i.Domain, set.Domains));
        Assert.Equal(5, set.Items.Count(i => i.Domain == "treatment"));
        Assert.All(set.Items, i => Assert.Equal(ItemStatus.Scored, i.Status));
        Assert.Equal(-0.4, set.TargetTheta);
        Assert.Null(set.TimeLimit);
    }

    [Fact]
    public void Knowledge_items_are_targeted_at_the_learner_not_drawn_blindly()
    {
        // Items drawn for a weak learner are easier on average than those for a strong one.
        var weak = LearnerProfile.Empty.With(Practice(Day0, -2.0, [], Levels));
        var strong = LearnerProfile.Empty.With(Practice(Day0, 2.0, [], Levels));
        double MeanB(LearnerProfile p) => new DrillPlanner().Choose(Bank, p, ErrorBucket.DomainKnowledge, RecencyWindow.None, Day0, 3).Items.Average(i => i.Parameters.B);
        Assert.True(MeanB(weak) + 1 < MeanB(strong), $"{MeanB(weak)} vs {MeanB(strong)}");
    }

    [Theory]
    [InlineData(ErrorBucket.Scope, ItemTags.Scope)]
    [InlineData(ErrorBucket.Reading, ItemTags.Reading)]
    [InlineData(ErrorBucket.Sequence, ItemTags.Sequence)]
    public void Tagged_buckets_draw_only_items_with_their_tag(ErrorBucket bucket, string tag)
    {
        var set = new DrillPlanner().Choose(Bank, LearnerProfile.Empty, bucket, RecencyWindow.Default, Day0, 9);
        Assert.Equal(10, set.Items.Count);
        Assert.All(set.Items, i => Assert.True(i.HasTag(tag), i.Id));
        Assert.Equal(set.Items.Count, set.Items.Select(i => i.Id).Distinct().Count());
        Assert.Empty(set.Domains);
    }

    [Fact]
    public void Sequence_puts_ordering_items_first_then_sequence_tagged_ones()
    {
        var ordered = Enumerable.Range(1, 3).Select(k => new BankItem
        {
            Id = $"ORD-{k}",
            Domain = "primary",
            Type = ItemType.Ordered,
            Scoring = ScoringRule.AdjacentPairs,
            Stem = "Put the steps in order.",
            Options = [new("A", "a"), new("B", "b"), new("C", "c"), new("D", "d")],
            Key = ["B", "D", "A", "C"],
            Parameters = EmrCat.Irt.ItemParameters.Graded(1.3, [-1, 0, 1]),
        });
        var bank = ItemBank.Create(Bank.Metadata, Bank.Scale, Bank.Blueprint, Bank.Items.Concat(ordered), Bank.EnemyGroups, Bank.Metric);
        var set = new DrillPlanner().Choose(bank, LearnerProfile.Empty, ErrorBucket.Sequence, RecencyWindow.Default, Day0, 4);
        Assert.All(set.Items.Take(3), i => Assert.Equal(ItemType.Ordered, i.Type));
        Assert.All(set.Items.Skip(3), i => Assert.True(i.HasTag(ItemTags.Sequence)));
    }

    [Fact]
    public void Check_carries_the_credit_the_score_gives_a_partial_order()
    {
        // The bundled bank's sequence drill starts with its ordering items; answer one with exactly one step in order.
        var planner = new DrillPlanner();
        var set = planner.Choose(Bank, LearnerProfile.Empty, ErrorBucket.Sequence, RecencyWindow.Default, Day0, 4);
        var ordered = set.Items.First(i => i.Type == ItemType.Ordered && i.Scoring == ScoringRule.AdjacentPairs);
        var answer = ordered.AnswerFor(1);

        var feedback = planner.Check(set, ordered, answer, TimeSpan.FromSeconds(20));
        Assert.False(feedback.Correct);
        Assert.Equal(ordered.Credit(answer).Steps, feedback.Credit.Steps);
        Assert.Equal((1, ordered.MaxCategory, true), (feedback.Credit.Category, feedback.Credit.MaxCategory, feedback.Credit.IsPartial));
        Assert.Single(feedback.Credit.Steps, s => s.InOrder);
        Assert.True(planner.Check(set, ordered, ordered.Key, TimeSpan.FromSeconds(20)).Credit.IsFull);
    }

    [Fact]
    public void Pacing_is_timed_at_exam_pace_and_configurable()
    {
        var set = new DrillPlanner().Choose(Bank, LearnerProfile.Empty, ErrorBucket.Pacing, RecencyWindow.Default, Day0, 2);
        Assert.Equal(TimeSpan.FromMinutes(105) / 110, set.Pace);
        Assert.Equal(TimeSpan.FromMinutes(105) / 110 * 10, set.TimeLimit);
        var quick = new DrillPlanner(new DrillOptions { ItemCount = 5, TimePerItem = TimeSpan.FromSeconds(30) }).Choose(Bank, LearnerProfile.Empty, ErrorBucket.Pacing, RecencyWindow.Default, Day0, 2);
        Assert.Equal(TimeSpan.FromSeconds(150), quick.TimeLimit);
        Assert.Equal(5, quick.Items.Count);
    }

    [Fact]
    public void The_same_seed_gives_the_same_set_and_another_seed_varies_it()
    {
        var planner = new DrillPlanner();
        var a = planner.Choose(Bank, LearnerProfile.Empty, ErrorBucket.Scope, RecencyWindow.Default, Day0, 11).Items.Select(i => i.Id);
        var b = planner.Choose(Bank, LearnerProfile.Empty, ErrorBucket.Scope, RecencyWindow.Default, Day0, 11).Items.Select(i => i.Id);
        var c = planner.Choose(Bank, LearnerProfile.Empty, ErrorBucket.Scope, RecencyWindow.Default, Day0, 12).Items.Select(i => i.Id);
        Assert.Equal(a, b);
        Assert.NotEqual(a.Order(), c.Order());
    }

    [Fact]
    public void A_simulated_learner_meets_no_item_twice_within_the_window_across_runs_and_drills()
    {
        // Practice runs and drills of every bucket, a day apart: no drill repeats an item seen within 14 days.
        var planner = new DrillPlanner();
        var window = new RecencyWindow(3, 14);
        var learner = LearnerProfile.Empty.With(Practice(Day0, -0.2, Bank.Items.Where(i => i.Domain == "scene").Take(40).Select(i => i.Id), Levels));
        var seen = new List<(DateTimeOffset At, string Id)>(learner.Runs[0].ItemsSeen.Select(id => (Day0, id)));
        var buckets = new[] { ErrorBucket.DomainKnowledge, ErrorBucket.Sequence, ErrorBucket.Reading, ErrorBucket.Pacing, ErrorBucket.Scope, ErrorBucket.DomainKnowledge, ErrorBucket.Reading };
        for (int d = 0; d < buckets.Length; d++)
        {
            var at = Day0.AddDays(d + 1);
            var set = planner.Choose(Bank, learner, buckets[d], window, at, (ulong)d);
            Assert.Equal(0, set.RecentItemsReused);
            var recent = seen.Where(s => s.At >= at.AddDays(-14)).Select(s => s.Id).ToHashSet();
            Assert.DoesNotContain(set.Items, i => recent.Contains(i.Id));
            learner = learner.With(Drill(at, set));
            seen.AddRange(set.Items.Select(i => (at, i.Id)));
        }
    }

    [Fact]
    public void When_the_pool_runs_low_recent_items_come_back_least_recently_seen_first()
    {
        var scope = Bank.Items.Where(i => i.Status == ItemStatus.Scored && i.HasTag(ItemTags.Scope)).Select(i => i.Id).ToList();
        // All but 4 scope items seen: the oldest sighting on day 0, the rest on day 1.
        var learner = LearnerProfile.Empty
            .With(Practice(Day0, 0, scope.Take(6), Levels))
            .With(Practice(Day0.AddDays(1), 0, scope.Skip(6).Take(scope.Count - 10), Levels));
        var set = new DrillPlanner().Choose(Bank, learner, ErrorBucket.Scope, RecencyWindow.Default, Day0.AddDays(2), 5);
        Assert.Equal(10, set.Items.Count);
        Assert.Equal(6, set.RecentItemsReused);
        Assert.Equal(scope.TakeLast(4).Order(), set.Items.Take(4).Select(i => i.Id).Order());
        Assert.Equal(scope.Take(6).Order(), set.Items.Skip(4).Select(i => i.Id).Order());
    }

    [Fact]
    public void Drills_never_move_readiness_nor_the_next_runs_start()
    {
        var learner = LearnerProfile.Empty
            .With(Practice(Day0, 0.1, ["A1"], Levels) with { })
            .With(new LearnerRun(RunKind.Practice, Day0.AddDays(1), ["A2"], 0.3, 0.3, 0.62, Levels, []));
        var before = Readiness.Assess(learner);
        var withDrills = learner;
        for (int d = 0; d < 5; d++)
        {
            var set = new DrillPlanner().Choose(Bank, withDrills, (ErrorBucket)d, RecencyWindow.Default, Day0.AddDays(2 + d), (ulong)d);
            withDrills = withDrills.With(Drill(Day0.AddDays(2 + d), set));
        }

        var after = Readiness.Assess(withDrills);
        Assert.Equal(before.Verdict, after.Verdict);
        Assert.Equal(before.LowestChance, after.LowestChance);
        Assert.Equal(before.LatestStandardError, after.LatestStandardError);
        Assert.Equal(before.RunsConsidered, after.RunsConsidered);
        Assert.Same(learner.LastPractice, withDrills.LastPractice);
        Assert.Equal(learner.PracticeRuns, withDrills.PracticeRuns);
        var options = EmrCat.Sessions.CatOptions.Quick;
        Assert.Equal(learner.Prepare(options, Bank, RecencyWindow.None, Day0.AddDays(9), true).StartTheta, withDrills.Prepare(options, Bank, RecencyWindow.None, Day0.AddDays(9), true).StartTheta);
    }

    [Fact]
    public void Check_gives_the_key_and_rationale_and_the_buckets_own_aid()
    {
        var planner = new DrillPlanner();
        var scope = planner.Choose(Bank, LearnerProfile.Empty, ErrorBucket.Scope, RecencyWindow.Default, Day0, 1);
        var item = scope.Items[0];
        var right = planner.Check(scope, item, item.Key, TimeSpan.FromSeconds(12));
        Assert.True(right.Correct);
        Assert.Equal(item.Rationale, right.Rationale);
        Assert.Contains(right.ScopeFacts, f => f.StartsWith("EMR cannot: ", StringComparison.Ordinal));
        Assert.Equal(EmrScopeOfPractice.Can.Count + EmrScopeOfPractice.Cannot.Count, right.ScopeFacts.Count);
        var wrong = planner.Check(scope, item, [item.Options.First(o => !item.Key.Contains(o.Id)).Id], TimeSpan.Zero);
        Assert.False(wrong.Correct);
        Assert.Equal(item.Key, wrong.Key);
        Assert.Empty(wrong.KeyWords);

        var reading = planner.Choose(Bank, LearnerProfile.Empty, ErrorBucket.Reading, RecencyWindow.Default, Day0, 1);
        var feedback = planner.Check(reading, reading.Items[0], reading.Items[0].Key, TimeSpan.FromSeconds(30));
        Assert.Empty(feedback.ScopeFacts);
        Assert.Equal(planner.KeyWordsIn(reading.Items[0].Stem), feedback.KeyWords);
        Assert.Throws<ArgumentException>(() => planner.Check(reading, item, item.Key, TimeSpan.Zero));
    }

    [Fact]
    public void Reading_key_words_are_whole_words_in_any_case_and_the_wait_follows_the_stem_length()
    {
        var planner = new DrillPlanner();
        Assert.Equal(["NOT", "first"], planner.KeyWordsIn("Which is NOT done first, knotted or notable?"));
        var reading = planner.Choose(Bank, LearnerProfile.Empty, ErrorBucket.Reading, RecencyWindow.Default, Day0, 1);
        var item = reading.Items[0];
        int words = item.Stem.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.Equal(TimeSpan.FromSeconds(Math.Round(words * 60.0 / 200)), planner.MinimumReadingTime(reading, item));
        Assert.Equal(TimeSpan.Zero, new DrillPlanner(new DrillOptions { ReadingWordsPerMinute = 0 }).MinimumReadingTime(reading, item));
        var scope = planner.Choose(Bank, LearnerProfile.Empty, ErrorBucket.Scope, RecencyWindow.Default, Day0, 1);
        Assert.Equal(TimeSpan.Zero, planner.MinimumReadingTime(scope, scope.Items[0]));
    }

    [Fact]
    public void Suggest_takes_the_repair_plans_costliest_bucket_else_knowledge()
    {
        Assert.Equal(ErrorBucket.DomainKnowledge, DrillPlanner.Suggest(null));
        var log = new ErrorLog(
        [
            Entry("X1", ErrorBucket.Scope, 10), Entry("X2", ErrorBucket.Reading, 25), Entry("X3", ErrorBucket.Scope, 20),
        ]);
        Assert.Equal(ErrorBucket.Scope, DrillPlanner.Suggest(new RepairPlanner().Plan(log)));
        Assert.Equal(ErrorBucket.DomainKnowledge, DrillPlanner.Suggest(new RepairPlanner().Plan(new ErrorLog([]))));
    }

    [Fact]
    public void Options_are_validated_with_every_problem_named()
    {
        var e = Assert.Throws<ArgumentException>(() => new DrillPlanner(new DrillOptions { ItemCount = 0, ReadingWordsPerMinute = -1, DomainsToTarget = 0, TimePerItem = TimeSpan.Zero }));
        Assert.Contains("ItemCount", e.Message);
        Assert.Contains("ReadingWordsPerMinute", e.Message);
        Assert.Contains("DomainsToTarget", e.Message);
        Assert.Contains("TimePerItem", e.Message);
        var defaults = new DrillOptions();
        Assert.Equal(10, defaults.ItemCount);
        Assert.Equal(57.27, defaults.Pace.TotalSeconds, 2);
        Assert.Equal(200, defaults.ReadingWordsPerMinute);
    }

    [Fact]
    public void Pace_meter_says_ahead_or_behind()
    {
        var pace = TimeSpan.FromSeconds(57);
        var ahead = new PaceMeter(3, TimeSpan.FromSeconds(150), pace);
        Assert.True(ahead.OnPace);
        Assert.Equal(TimeSpan.FromSeconds(21), ahead.Ahead);
        Assert.Equal(TimeSpan.FromSeconds(50), ahead.PerItem);
        var behind = new PaceMeter(2, TimeSpan.FromSeconds(130), pace);
        Assert.False(behind.OnPace);
        Assert.Equal(TimeSpan.FromSeconds(-16), behind.Ahead);
    }

    internal static ErrorLogEntry Entry(string id, ErrorBucket bucket, double cost) => new()
    {
        ItemId = id,
        Domain = "primary",
        Chosen = ["A"],
        Key = ["B"],
        SuggestedBucket = bucket,
        Evidence = "test",
        Cost = cost,
    };
}
