using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.Irt;
using EmrCat.IO;
using EmrCat.Sessions;
using EmrCat.Testing;
using EmrCat.Tests.Fixtures;
using EmrCat.Tests.Sessions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmrCat.Tests.Estimation;

/// <summary>
/// The incremental MAP and WLE states (running sums of the estimating equation on the scan grid) give the batch
/// estimator's estimate after every answer, for 1–4PL and GRM/GPCM/PCM patterns, and through a session.
/// </summary>
public class PenalizedEquationStateTests
{
    private static readonly IAbilityEstimator[] Estimators =
    [
        new MapEstimator(),
        new MapEstimator(new MapOptions { Range = new ThetaRange(-4, 4), PriorMean = 0.4, PriorStandardDeviation = 1.3 }),
        new WeightedLikelihoodEstimator(),
        new WeightedLikelihoodEstimator(new WeightedLikelihoodOptions { Range = new ThetaRange(-4, 4), EmptyPatternTheta = 0.5 }),
    ];

    private static bool Agree(AbilityEstimate batch, AbilityEstimate incremental) =>
        batch.Status == incremental.Status
        && Math.Abs(batch.Theta - incremental.Theta) <= 1e-10
        && (batch.StandardError.Equals(incremental.StandardError) || Math.Abs(batch.StandardError - incremental.StandardError) <= 1e-10 * Math.Max(1, batch.StandardError));

    /// <summary>Adds the pattern one answer at a time (after a Clear of a state that held another pattern) and compares with batch after each.</summary>
    private static bool AgreesAfterEveryAnswer(IAbilityEstimator estimator, IEstimatorState state, ItemParameters[] items, int[] categories)
    {
        state.Clear();
        if (!Agree(estimator.Estimate([], ReadOnlySpan<int>.Empty), state.Estimate())) return false;
        for (int i = 0; i < items.Length; i++)
        {
            state.Add(items[i], categories[i]);
            if (!Agree(estimator.Estimate(items.AsSpan(0, i + 1), categories.AsSpan(0, i + 1)), state.Estimate())) return false;
        }

        return true;
    }

    [Fact]
    public void MapAndWle_KeepIncrementalState()
    {
        foreach (var estimator in Estimators) Assert.IsType<PenalizedEquationState>(BatchEstimatorState.For(estimator, 10));
    }

    [Property(MaxTest = 60)]
    public Property DichotomousPatterns_AgreeWithBatchWithin1e10AfterEveryAnswer() =>
        Prop.ForAll(EmrCatGen.Pattern(1, 50).ToArbitrary(), pattern =>
        {
            var categories = pattern.Correct.Select(x => x ? 1 : 0).ToArray();
            return Estimators.All(estimator => AgreesAfterEveryAnswer(estimator, BatchEstimatorState.For(estimator, 50), pattern.Items, categories));
        });

    [Property(MaxTest = 60)]
    public Property MixedPolytomousPatterns_AgreeWithBatchWithin1e10AfterEveryAnswer() =>
        Prop.ForAll(EmrCatGen.CategoryPattern(1, 40).ToArbitrary(), pattern =>
            Estimators.All(estimator => AgreesAfterEveryAnswer(estimator, BatchEstimatorState.For(estimator, 40), pattern.Items, pattern.Categories)));

    [Property(MaxTest = 40)]
    public Property Clear_ForgetsTheEarlierPattern() =>
        Prop.ForAll(EmrCatGen.CategoryPattern(1, 30).ToArbitrary(), EmrCatGen.CategoryPattern(0, 30).ToArbitrary(), (first, second) =>
            Estimators.All(estimator =>
            {
                var state = BatchEstimatorState.For(estimator, 30);
                foreach (var (item, category) in first.Items.Zip(first.Categories)) state.Add(item, category);
                state.Clear();
                foreach (var (item, category) in second.Items.Zip(second.Categories)) state.Add(item, category);
                return estimator.Estimate(second.Items, second.Categories) == state.Estimate();
            }));

    [Fact]
    public void Add_RejectsACategoryOutsideTheItemsAndAFullState()
    {
        var state = BatchEstimatorState.For(new WeightedLikelihoodEstimator(), 1);
        Assert.Throws<ArgumentException>(() => state.Add(new ItemParameters(1.0, 0.0), 2));
        state.Add(new ItemParameters(1.0, 0.0), 1);
        Assert.Throws<InvalidOperationException>(() => state.Add(new ItemParameters(1.0, 0.0), 0));
    }

    [Fact]
    public void AddAndEstimate_AllocateNothing()
    {
        var random = new Random(3);
        var items = Enumerable.Range(0, 40).Select(i => i % 4 == 0
            ? ItemParameters.GeneralizedPartialCredit(1.1, [-1.0, 0.2, 1.3])
            : new ItemParameters(0.6 + random.NextDouble(), random.NextDouble() * 4 - 2, 0.2)).ToArray();
        foreach (var estimator in Estimators)
        {
            var state = BatchEstimatorState.For(estimator, items.Length);
            // Warm up (JIT, the shared scan grid), then count the bytes of a second pass.
            for (int i = 0; i < items.Length; i++)
            {
                state.Add(items[i], i % 3 == 0 ? 0 : 1);
                state.Estimate();
            }

            state.Clear();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < items.Length; i++)
            {
                state.Add(items[i], i % 3 == 0 ? 0 : 1);
                state.Estimate();
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    /// <summary>Hides the incremental interface, so a session re-estimates in batch every step.</summary>
    private sealed class BatchOnly(IAbilityEstimator inner) : IAbilityEstimator
    {
        public AbilityEstimate Estimate(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<bool> correct) => inner.Estimate(items, correct);

        public AbilityEstimate Estimate(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<int> categories) => inner.Estimate(items, categories);
    }

    [Theory]
    [InlineData(EstimatorKind.MaximumAPosteriori)]
    [InlineData(EstimatorKind.WeightedLikelihood)]
    public void Session_WithTheIncrementalState_GivesTheBatchSessionWithin1e10(EstimatorKind kind)
    {
        var bank = ItemBankJson.Load(Path.Combine(FixturePaths.Repository, "item-bank", "emr-practice.json"));
        var options = CatOptions.Emr with { Estimator = kind };
        var strategies = CatStrategies.For(bank, options);
        Assert.IsAssignableFrom<IIncrementalEstimator>(strategies.Estimator);
        var batchStrategies = strategies with { Estimator = new BatchOnly(strategies.Estimator) };
        for (ulong seed = 1; seed <= 6; seed++)
        {
            double trueTheta = -1.5 + 0.6 * seed;
            var incremental = CatSession.Start(bank, options, seed, strategies);
            var batch = CatSession.Start(bank, options, seed, batchStrategies);
            SessionDriver.Run(incremental, trueTheta, (int)seed);
            SessionDriver.Run(batch, trueTheta, (int)seed);

            var a = incremental.Result;
            var b = batch.Result;
            Assert.Equal(b.Items.Select(x => x.ItemId), a.Items.Select(x => x.ItemId));
            Assert.True(a.Items.Count > 10);
            for (int k = 0; k < a.Items.Count; k++)
            {
                Assert.True(Math.Abs(a.Items[k].ThetaAfter - b.Items[k].ThetaAfter) <= 1e-10, $"seed {seed} item {k + 1}: {a.Items[k].ThetaAfter:R} vs {b.Items[k].ThetaAfter:R}");
                // Before the first scored answer (pilot items first) the SE is +∞ on both.
                Assert.True(a.Items[k].StandardErrorAfter.Equals(b.Items[k].StandardErrorAfter) || Math.Abs(a.Items[k].StandardErrorAfter - b.Items[k].StandardErrorAfter) <= 1e-10,
                    $"seed {seed} item {k + 1} SE: {a.Items[k].StandardErrorAfter:R} vs {b.Items[k].StandardErrorAfter:R}");
            }

            Assert.Equal(b.Decision, a.Decision);
            Assert.Equal(b.Reason, a.Reason);
            Assert.True(Math.Abs(a.Theta - b.Theta) <= 1e-10);
            Assert.True(Math.Abs(a.StandardError - b.StandardError) <= 1e-10);
        }
    }
}
