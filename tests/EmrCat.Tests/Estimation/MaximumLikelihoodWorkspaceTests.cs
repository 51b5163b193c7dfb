using EmrCat.Estimation;
using EmrCat.Irt;
using EmrCat.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmrCat.Tests.Estimation;

public class MaximumLikelihoodWorkspaceTests
{
    private static readonly MaximumLikelihoodOptions[] Settings =
    [
        new(),
        new() { Range = new ThetaRange(-4, 4), EmptyPatternTheta = 0.5 },
        new() { Range = new ThetaRange(-3, 5), Metric = IrtMetric.NormalOgive },
    ];

    [Property(MaxTest = 400)]
    public Property Estimate_AfterEveryAnswer_MatchesTheEstimatorWithin1e8() =>
        Prop.ForAll(
            (from pattern in EmrCatGen.Pattern(0, 120) from setting in Gen.Choose(0, Settings.Length - 1) select (pattern, setting)).ToArbitrary(),
            s =>
            {
                var options = Settings[s.setting];
                var estimator = new MaximumLikelihoodEstimator(options);
                var workspace = new MaximumLikelihoodWorkspace(options, s.pattern.Items.Length);
                for (int n = 0; n <= s.pattern.Items.Length; n++)
                {
                    if (n > 0) workspace.Add(s.pattern.Items[n - 1], s.pattern.Correct[n - 1]);
                    var expected = estimator.Estimate(s.pattern.Items.AsSpan(0, n), s.pattern.Correct.AsSpan(0, n));
                    var actual = workspace.Estimate();
                    bool sameSe = double.IsInfinity(expected.StandardError)
                        ? double.IsInfinity(actual.StandardError)
                        : Math.Abs(actual.StandardError - expected.StandardError) <= 1e-8 * Math.Max(1, expected.StandardError);
                    if (actual.Status != expected.Status || Math.Abs(actual.Theta - expected.Theta) > 1e-8 || !sameSe)
                    {
                        return false.Label($"after {n} answers: workspace {actual}, estimator {expected}");
                    }
                }

                return true.ToProperty();
            });

    [Fact]
    public void Clear_ForgetsEveryAnswer()
    {
        var workspace = new MaximumLikelihoodWorkspace(new MaximumLikelihoodOptions { EmptyPatternTheta = 1.25 }, 3);
        workspace.Add(new ItemParameters(1.2, 0.3, 0.2), true);
        workspace.Add(new ItemParameters(0.7, -1.0), false);
        workspace.Clear();
        workspace.Add(new ItemParameters(1.5, 0.0), false);

        var expected = new MaximumLikelihoodEstimator(new MaximumLikelihoodOptions { EmptyPatternTheta = 1.25 }).Estimate([new ItemParameters(1.5, 0.0)], [false]);
        Assert.Equal(expected, workspace.Estimate());
        workspace.Clear();
        Assert.Equal(new AbilityEstimate(1.25, double.PositiveInfinity, EstimateStatus.NoFiniteEstimate), workspace.Estimate());
    }

    [Fact]
    public void Add_BeyondCapacity_Throws()
    {
        var workspace = new MaximumLikelihoodWorkspace(new MaximumLikelihoodOptions(), 1);
        workspace.Add(new ItemParameters(1, 0), true);
        Assert.Throws<InvalidOperationException>(() => workspace.Add(new ItemParameters(1, 0), true));
    }
}
