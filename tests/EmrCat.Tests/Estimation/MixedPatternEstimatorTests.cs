using EmrCat.Estimation;
using EmrCat.Irt;
using EmrCat.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmrCat.Tests.Estimation;

/// <summary>The four estimators on mixed dichotomous/polytomous patterns.</summary>
public class MixedPatternEstimatorTests
{
    private static readonly IAbilityEstimator[] All =
        [new EapEstimator(), new MapEstimator(), new MaximumLikelihoodEstimator(), new WeightedLikelihoodEstimator()];

    [Property(MaxTest = 150)]
    public Property EveryEstimator_OnAMixedPattern_IsFiniteAndInRange() =>
        Prop.ForAll(EmrCatGen.CategoryPattern(1, 25).ToArbitrary(), pattern => All.All(estimator =>
        {
            var e = estimator.Estimate(pattern.Items, pattern.Categories);
            return double.IsFinite(e.Theta) && e.Theta >= -6 && e.Theta <= 6 && !double.IsNaN(e.StandardError) && e.StandardError > 0;
        }));

    [Property(MaxTest = 100)]
    public Property TwoCategoryGradedItems_EstimateLikeThe2PLItemsTheyAre() =>
        Prop.ForAll(EmrCatGen.Pattern(3, 20).ToArbitrary(), pattern =>
        {
            var twoPl = pattern.Items.Select(i => new ItemParameters(i.A, i.B)).ToArray();
            var graded = twoPl.Select(i => ItemParameters.Graded(i.A, [i.B])).ToArray();
            var categories = pattern.Correct.Select(x => x ? 1 : 0).ToArray();
            return All.All(estimator =>
            {
                var a = estimator.Estimate(twoPl, pattern.Correct);
                var b = estimator.Estimate(graded, categories);
                return Math.Abs(a.Theta - b.Theta) < 1e-8 && Math.Abs(a.StandardError - b.StandardError) < 1e-8 && a.Status == b.Status;
            });
        });

    [Property(MaxTest = 100)]
    public Property MaximumLikelihood_OnANonExtremeGpcmPattern_IsAStationaryPointOrABound() =>
        Prop.ForAll(EmrCatGen.CategoryPattern(3, 20).ToArbitrary(), pattern =>
        {
            var e = new MaximumLikelihoodEstimator().Estimate(pattern.Items, pattern.Categories);
            double score = 0;
            for (int i = 0; i < pattern.Items.Length; i++) score += ItemResponseFunctions.LogLikelihoodFirstDerivative(pattern.Items[i], e.Theta, pattern.Categories[i]);
            return e.Status != EstimateStatus.Converged || Math.Abs(score) < 1e-6;
        });

    // SE relative beyond 1: at a bound with a steep item far away the information is ~1e-45 and SE ~1e22, where the
    // vector and scalar kernels differ in the last bits.
    [Property(MaxTest = 150)]
    public Property MaximumLikelihoodWorkspace_OnAMixedPattern_EqualsTheEstimator() =>
        Prop.ForAll(EmrCatGen.CategoryPattern(1, 40).ToArbitrary(), pattern =>
        {
            var options = new MaximumLikelihoodOptions { Range = new ThetaRange(-4, 4) };
            var workspace = new MaximumLikelihoodWorkspace(options, pattern.Items.Length);
            for (int i = 0; i < pattern.Items.Length; i++) workspace.Add(pattern.Items[i], pattern.Categories[i]);
            var fast = workspace.Estimate();
            var batch = new MaximumLikelihoodEstimator(options).Estimate(pattern.Items, pattern.Categories);
            return (fast.Status == batch.Status && Math.Abs(fast.Theta - batch.Theta) < 1e-8 && Math.Abs(fast.StandardError - batch.StandardError) < 1e-8 * Math.Max(1, batch.StandardError))
                .Label($"workspace {fast}, estimator {batch}");
        });

    [Fact]
    public void Estimate_CategoryOutsideTheItem_Throws()
    {
        var items = new[] { ItemParameters.PartialCredit([0.2, 0.8]) };
        Assert.Throws<ArgumentException>(() => new EapEstimator().Estimate(items, [3]));
    }

    [Fact]
    public void RightWrongOverload_WithAPolytomousItem_Throws()
    {
        var items = new[] { ItemParameters.PartialCredit([0.2, 0.8]) };
        Assert.Throws<ArgumentException>(() => new MapEstimator().Estimate(items, [true]));
    }

    [Fact]
    public void DefaultInterfaceMethod_ScoresDichotomousCategoriesAndRefusesPolytomousItems()
    {
        IAbilityEstimator custom = new RightWrongOnly();
        var e = custom.Estimate([new ItemParameters(1, 0)], [1]);
        Assert.Equal(1.0, e.Theta);
        Assert.Throws<NotSupportedException>(() => custom.Estimate([ItemParameters.Graded(1, [0, 1])], [2]));
    }

    private sealed class RightWrongOnly : IAbilityEstimator
    {
        public AbilityEstimate Estimate(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<bool> correct) =>
            new(correct.Length > 0 && correct[0] ? 1.0 : -1.0, 1.0, EstimateStatus.Converged);
    }
}
