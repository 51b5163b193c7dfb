using EmrCat.Banks;
using EmrCat.Irt;
using EmrCat.Scoring;
using EmrCat.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace EmrCat.Tests.ResponseTimes;

public class RapidGuessSessionTests
{
    private static readonly ItemBank Bank = TestBanks.Emr;

    /// <summary>Runs a session answering as a simulee at θ = 0.3 (seeded), each answer after <paramref name="responseMs"/>(position).</summary>
    private static CatSession Run(CatOptions options, ulong seed, Func<int, long> responseMs, ItemBank? bank = null)
    {
        bank ??= Bank;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var session = CatSession.Start(bank, options, seed, clock);
        var random = new Random((int)seed);
        while (!session.IsFinished)
        {
            var current = session.Current;
            bank.TryGetIndex(current.ItemId, out int index);
            var item = bank.Items[index];
            bool right = random.NextDouble() < ItemResponseFunctions.Probability(item.Parameters, 0.3);
            clock.Advance(TimeSpan.FromMilliseconds(responseMs(current.Position)));
            session.Submit(current.ItemId, right ? item.Key[0] : item.Options.First(o => o.Id != item.Key[0]).Id);
        }

        return session;
    }

    [Fact]
    public void Flags_AreAnswersStrictlyBelowTenPercentOfTheTypicalTime()
    {
        // Single items without their own time: typical 60 s, so the threshold is 6000 ms; 6000 ms itself is not a rapid guess.
        long[] times = [5999, 6000, 6001, 0, 45_000];
        var result = Run(CatOptions.Quick, 11, p => times[(p - 1) % times.Length]).Result;

        var expected = result.Items.Where(i => i.ResponseTime.TotalMilliseconds < 6000).Select(i => i.ItemId).ToList();
        Assert.Equal(expected, result.RapidGuessItemIds);
        Assert.Equal(result.Items.Where((_, k) => k % 5 is 0 or 3).Select(i => i.ItemId), result.RapidGuessItemIds);
        Assert.Equal(result.RapidGuessItemIds.Count, result.RapidGuessCount);
        Assert.Equal(0, result.LeftOutOfEstimate);
    }

    [Fact]
    public void Flags_UseTheItemsOwnTypicalTimeAndTheConfiguredFraction()
    {
        // Every item typically takes 20 s; a quarter of that is 5000 ms.
        var bank = ItemBank.Create(Bank.Metadata, Bank.Scale, Bank.Blueprint, Bank.Items.Select(i => i with { TypicalSeconds = 20 }), Bank.EnemyGroups, Bank.Metric);
        var options = CatOptions.Quick with { ResponseTimes = new() { RapidGuessFraction = 0.25 } };
        long[] times = [4999, 5000, 1999, 2000];
        var result = Run(options, 12, p => times[(p - 1) % times.Length], bank).Result;

        Assert.Equal(result.Items.Where((_, k) => k % 4 != 1).Select(i => i.ItemId), result.RapidGuessItemIds);
    }

    [Fact]
    public void EffortModerated_TooFewCountedAnswers_GiveNoDecisionOnTheQuickPreset_AndAFailOnTheExam()
    {
        // Every answer a rapid guess: the session runs to its maximum, but θ̂ rests on the prior alone, so the decision
        // counts the answers that entered it, not the items given.
        var quick = Run(CatOptions.Quick with { ResponseTimes = new() { EffortModerated = true } }, 31, _ => 500).Result;
        Assert.Equal(0, quick.Items.Count(i => !i.IsPilot) - quick.LeftOutOfEstimate);
        Assert.Equal(PassFailDecision.Undecided, quick.Decision);
        Assert.Contains("of which only 0 counted", quick.Explanation);
        Assert.Contains("too little evidence for a decision", quick.Explanation);

        var exam = Run(CatOptions.Emr with { ResponseTimes = new() { EffortModerated = true } }, 31, _ => 500).Result;
        Assert.Equal(PassFailDecision.Fail, exam.Decision);
        Assert.Contains("an incomplete exam is a fail", exam.Explanation);

        // At a reading pace the same options decide on θ̂ as before.
        var read = Run(CatOptions.Quick with { ResponseTimes = new() { EffortModerated = true } }, 31, _ => 30_000).Result;
        Assert.NotEqual(PassFailDecision.Undecided, read.Decision);
        Assert.DoesNotContain("counted", read.Explanation);
    }

    [Fact]
    public void TypicalTime_DefaultsByItemType()
    {
        var single = Bank.Items[0];
        var rule = new ResponseTimeOptions { SingleTypicalSeconds = 50, MultipleTypicalSeconds = 80, OrderedTypicalSeconds = 120 };
        Assert.Equal(50, rule.TypicalSeconds(single));
        Assert.Equal(80, rule.TypicalSeconds(single with { Type = ItemType.Multiple }));
        Assert.Equal(120, rule.TypicalSeconds(single with { Type = ItemType.Ordered }));
        Assert.Equal(33, rule.TypicalSeconds(single with { Type = ItemType.Ordered, TypicalSeconds = 33 }));
        Assert.Equal(9000, ResponseTimeOptions.Default.RapidGuessThresholdMs(single with { Type = ItemType.Multiple }));
        Assert.Equal(6000, ResponseTimeOptions.Default.RapidGuessThresholdMs(single));
    }

    [Fact]
    public void DefaultOff_LeavesEverythingButTheFlagsUnchanged()
    {
        // The same seed and answers, once too fast to read and once at a reading pace: the same session, only the flags differ.
        var fast = Run(CatOptions.Quick, 21, _ => 500).Result;
        var slow = Run(CatOptions.Quick, 21, _ => 30_000).Result;
        var explicitOff = Run(CatOptions.Quick with { ResponseTimes = new() { EffortModerated = false } }, 21, _ => 500).Result;

        foreach (var other in new[] { slow, explicitOff })
        {
            Assert.Equal(fast.Items.Select(i => (i.ItemId, i.Correct, i.ThetaAfter)), other.Items.Select(i => (i.ItemId, i.Correct, i.ThetaAfter)));
            Assert.Equal((fast.Theta, fast.StandardError, fast.Decision, fast.Reason, fast.PassProbability, fast.ReportedScore), (other.Theta, other.StandardError, other.Decision, other.Reason, other.PassProbability, other.ReportedScore));
        }

        Assert.Equal(fast.Items.Count, fast.RapidGuessCount);
        Assert.Empty(slow.RapidGuessItemIds);
        Assert.Equal(0, fast.LeftOutOfEstimate);
    }

    [Fact]
    public void DefaultOff_IsNotWrittenToASnapshot()
    {
        var session = CatSession.Start(Bank, CatOptions.Quick, 3, new FakeTimeProvider());
        Assert.DoesNotContain("responseTimes", session.Snapshot().ToJson(), StringComparison.Ordinal);
        var moderated = CatSession.Start(Bank, CatOptions.Quick with { ResponseTimes = new() { EffortModerated = true } }, 3, new FakeTimeProvider());
        var back = SessionSnapshot.FromJson(moderated.Snapshot().ToJson());
        Assert.True(back.Options.ResponseTimes!.EffortModerated);
    }

    [Theory]
    [InlineData(31ul)]
    [InlineData(32ul)]
    [InlineData(33ul)]
    public void EffortModerated_ThetaIsThatOfThePatternWithoutTheFlaggedAnswers(ulong seed)
    {
        var options = CatOptions.Quick with { ResponseTimes = new() { EffortModerated = true } };
        var result = Run(options, seed, p => p % 3 == 0 ? 1_000 : 40_000).Result;

        var flagged = result.RapidGuessItemIds.ToHashSet();
        var kept = result.Items.Where(i => !i.IsPilot && !flagged.Contains(i.ItemId)).ToList();
        var parameters = kept.Select(i => Parameters(i.ItemId)).ToArray();
        int[] categories = kept.Select(i => i.Correct ? 1 : 0).ToArray();
        var batch = CatStrategies.For(Bank, options).Estimator.Estimate(parameters, categories);

        Assert.NotEmpty(flagged);
        Assert.Equal(result.Items.Count(i => !i.IsPilot && flagged.Contains(i.ItemId)), result.LeftOutOfEstimate);
        Assert.True(result.LeftOutOfEstimate > 0);
        Assert.Equal(batch.Theta, result.Theta, 9);
        Assert.Equal(batch.StandardError, result.StandardError, 9);
        double cut = Bank.Scale.CutTheta;
        Assert.Equal(PassProbability.Compute(parameters, categories, cut, options.EstimatorRange, options.QuadraturePoints, options.PriorMeanFor(cut), options.PriorStandardDeviation, Bank.Metric), result.PassProbability, 12);

        // Still recorded: every answer is in the result, and the counts are of items given.
        Assert.Equal(result.ScoredCount + result.PilotCount, result.Items.Count);
        Assert.Equal(result.Items.Count(i => !i.IsPilot), result.ScoredCount);
    }

    [Fact]
    public void EffortModerated_ALeftOutAnswerDoesNotMoveTheEstimate()
    {
        var options = CatOptions.Quick with { ResponseTimes = new() { EffortModerated = true } };
        var result = Run(options, 41, p => p % 2 == 0 ? 100 : 40_000).Result;
        var scored = result.Items.Where(i => !i.IsPilot).ToList();
        for (int k = 1; k < scored.Count; k++)
        {
            if (result.RapidGuessItemIds.Contains(scored[k].ItemId)) Assert.Equal(scored[k - 1].ThetaAfter, scored[k].ThetaAfter);
        }
    }

    [Fact]
    public void Resume_FlagsAndLeavesOutAsTheLiveSessionDid()
    {
        var options = CatOptions.Quick with { ResponseTimes = new() { EffortModerated = true } };
        var live = Run(options, 51, p => p % 4 == 0 ? 2_000 : 20_000);
        var resumed = CatSession.Resume(Bank, SessionSnapshot.FromJson(live.Snapshot().ToJson()), new FakeTimeProvider());

        Assert.Equal(live.Result.RapidGuessItemIds, resumed.Result.RapidGuessItemIds);
        Assert.Equal(live.Result.LeftOutOfEstimate, resumed.Result.LeftOutOfEstimate);
        Assert.Equal(live.Result.Theta, resumed.Result.Theta);
    }

    [Fact]
    public void ScoreReport_CarriesTheFlagsAndHowManyWereLeftOut()
    {
        var options = CatOptions.Quick with { ResponseTimes = new() { EffortModerated = true } };
        var result = Run(options, 61, p => p % 3 == 1 ? 300 : 30_000).Result;
        var report = new EmrCat.Reporting.ScoreReporter().Create(result);

        Assert.NotEmpty(report.RapidGuessItemIds);
        Assert.Equal(result.RapidGuessItemIds, report.RapidGuessItemIds);
        Assert.Equal(result.RapidGuessCount, report.RapidGuessCount);
        Assert.Equal(result.LeftOutOfEstimate, report.LeftOutOfEstimate);
        Assert.True(report.LeftOutOfEstimate > 0);
    }

    [Fact]
    public void TimesNotMeasured_FlagsNothingAndLeavesNothingOut_AndTheResultSaysSo()
    {
        // A script's answers in 5 ms: with times marked as not the candidate's, none is a rapid guess, even under effort moderation.
        var options = CatOptions.Quick with { ResponseTimes = new() { EffortModerated = true, TimesNotMeasured = true } };
        var result = Run(options, 81, _ => 5).Result;
        var measured = Run(CatOptions.Quick with { ResponseTimes = new() { EffortModerated = true } }, 81, _ => 5).Result;

        Assert.Empty(result.RapidGuessItemIds);
        Assert.Equal(0, result.LeftOutOfEstimate);
        Assert.True(result.ResponseTimes.TimesNotMeasured);
        Assert.False(measured.ResponseTimes.TimesNotMeasured);
        Assert.Equal(measured.Items.Count(i => !i.IsPilot), measured.LeftOutOfEstimate); // the same answers, measured: every one flagged
        Assert.All(new EmrCat.Reporting.ScoreReporter().Create(result).Domains, d => Assert.Equal(0, d.LeftOutOfEstimate));
    }

    [Fact]
    public void TimesNotMeasured_TheErrorLogDoesNotReadTheTimesAsRushedAnswers()
    {
        // Every other answer in 100 ms against 40 s for the rest: measured, those misses are suggested for pacing; not measured, none is.
        Func<int, long> times = p => p % 2 == 0 ? 100 : 40_000;
        var measured = new EmrCat.Coaching.ErrorLogBuilder().Build(Run(CatOptions.Quick, 91, times).Result);
        var notMeasured = new EmrCat.Coaching.ErrorLogBuilder().Build(Run(CatOptions.Quick with { ResponseTimes = new() { TimesNotMeasured = true } }, 91, times).Result);

        Assert.Contains(measured.Entries, e => e.SuggestedBucket == EmrCat.Coaching.ErrorBucket.Pacing);
        Assert.DoesNotContain(notMeasured.Entries, e => e.SuggestedBucket == EmrCat.Coaching.ErrorBucket.Pacing);
        Assert.Null(notMeasured.MedianResponseTime);
        Assert.All(notMeasured.Entries, e => Assert.Null(e.ResponseTime));
        Assert.Equal(measured.Entries.Select(e => e.ItemId), notMeasured.Entries.Select(e => e.ItemId));
    }

    [Fact]
    public void TimesNotMeasured_IsWrittenToASnapshotOnlyWhenSet_AndResumesTheSame()
    {
        Assert.DoesNotContain("timesNotMeasured", CatSession.Start(Bank, CatOptions.Quick with { ResponseTimes = new() { EffortModerated = true } }, 3, new FakeTimeProvider()).Snapshot().ToJson(), StringComparison.OrdinalIgnoreCase);
        var live = Run(CatOptions.Quick with { ResponseTimes = new() { TimesNotMeasured = true } }, 82, _ => 5);
        var resumed = CatSession.Resume(Bank, SessionSnapshot.FromJson(live.Snapshot().ToJson()), new FakeTimeProvider());
        Assert.True(resumed.Result.ResponseTimes.TimesNotMeasured);
        Assert.Empty(resumed.Result.RapidGuessItemIds);
    }

    [Fact]
    public void Options_BadValues_AreReportedNamingTheProperty()
    {
        var options = CatOptions.Quick with { ResponseTimes = new() { RapidGuessFraction = 1, SingleTypicalSeconds = 0, OrderedTypicalSeconds = double.NaN } };
        var problems = options.Validate();
        Assert.Contains(problems, p => p.StartsWith("ResponseTimes.RapidGuessFraction", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ResponseTimes.SingleTypicalSeconds", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ResponseTimes.OrderedTypicalSeconds", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => CatSession.Start(Bank, options, 1));
        Assert.Empty((CatOptions.Quick with { ResponseTimes = new() { RapidGuessFraction = 0 } }).Validate());
    }

    private static ItemParameters Parameters(string id)
    {
        Bank.TryGetIndex(id, out int index);
        return Bank.Items[index].Parameters;
    }
}
