using EmrCat.Irt;
using EmrCat.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmrCat.Tests.Irt;

public class ItemResponseFunctionsTests
{
    [Fact]
    public void Probability_AtDifficulty_IsMidwayBetweenAsymptotes()
    {
        var item = new ItemParameters(1.7, 0.4, 0.2, 0.9);
        Assert.Equal(0.55, ItemResponseFunctions.Probability(item, 0.4), 12);
    }

    [Fact]
    public void Probability_WithNormalOgiveMetric_ScalesTheSlope()
    {
        var item = new ItemParameters(1.0, 0.0);
        double expected = 1.0 / (1.0 + Math.Exp(-1.702));
        Assert.Equal(expected, ItemResponseFunctions.Probability(item, 1.0, IrtMetric.NormalOgive), 12);
    }

    [Theory]
    [InlineData(50.0)]
    [InlineData(-50.0)]
    public void Kernels_AtExtremeExponent_StayFiniteAndExact(double z)
    {
        var item = new ItemParameters(2.0, 0.0);
        double theta = z / 2.0;
        double p = ItemResponseFunctions.Probability(item, theta);
        double info = ItemResponseFunctions.Information(item, theta);
        double llRight = ItemResponseFunctions.LogLikelihood(item, theta, true);
        double llWrong = ItemResponseFunctions.LogLikelihood(item, theta, false);
        Assert.True(double.IsFinite(p) && double.IsFinite(info) && double.IsFinite(llRight) && double.IsFinite(llWrong));
        Assert.True(info > 0, "information underflowed to zero");

        // For the 2PL, log P = -log(1 + e^{-z}) and log Q = -log(1 + e^{z}); at |z| = 50 these are ~0 and ~-50.
        double expectedRight = z > 0 ? -Math.Exp(-z) : z;
        double expectedWrong = z > 0 ? -z : -Math.Exp(z);
        Assert.Equal(expectedRight, llRight, 9);
        Assert.Equal(expectedWrong, llWrong, 9);

        // The 2PL score is D·a·(x − P) and the information (D·a)²·P·Q, exactly.
        Assert.Equal(2.0 * (1 - p), ItemResponseFunctions.LogLikelihoodFirstDerivative(item, theta, true), 12);
        Assert.Equal(4.0 * Math.Exp(-Math.Abs(z)), info, 1e-12 * info + 1e-300);
    }

    [Fact]
    public void Derivatives_MatchFiniteDifferences_For4PL()
    {
        var item = new ItemParameters(1.4, -0.3, 0.18, 0.93);
        const double h = 1e-5;
        foreach (double theta in new[] { -2.0, 0.1, 1.7 })
        {
            foreach (bool x in new[] { true, false })
            {
                double numeric1 = (ItemResponseFunctions.LogLikelihood(item, theta + h, x) - ItemResponseFunctions.LogLikelihood(item, theta - h, x)) / (2 * h);
                double numeric2 = (ItemResponseFunctions.LogLikelihoodFirstDerivative(item, theta + h, x) - ItemResponseFunctions.LogLikelihoodFirstDerivative(item, theta - h, x)) / (2 * h);
                Assert.Equal(numeric1, ItemResponseFunctions.LogLikelihoodFirstDerivative(item, theta, x), 6);
                Assert.Equal(numeric2, ItemResponseFunctions.LogLikelihoodSecondDerivative(item, theta, x), 6);
            }

            // Fisher information equals minus the expected second derivative.
            double p = ItemResponseFunctions.Probability(item, theta);
            double expected = -(p * ItemResponseFunctions.LogLikelihoodSecondDerivative(item, theta, true)
                + (1 - p) * ItemResponseFunctions.LogLikelihoodSecondDerivative(item, theta, false));
            Assert.Equal(expected, ItemResponseFunctions.Information(item, theta), 10);
        }
    }

    [Property(MaxTest = 500)]
    public Property Probability_RisesWithTheta() =>
        Prop.ForAll(
            (from item in EmrCatGen.Item from t1 in EmrCatGen.Theta from t2 in EmrCatGen.Theta select (item, lo: Math.Min(t1, t2), hi: Math.Max(t1, t2))).ToArbitrary(),
            s => ItemResponseFunctions.Probability(s.item, s.lo) <= ItemResponseFunctions.Probability(s.item, s.hi));

    [Property(MaxTest = 500)]
    public Property Information_IsFiniteAndNonNegative() =>
        Prop.ForAll(
            (from item in EmrCatGen.Item from t in EmrCatGen.Uniform(-60, 60) select (item, t)).ToArbitrary(),
            s =>
            {
                double info = ItemResponseFunctions.Information(s.item, s.t);
                return double.IsFinite(info) && info >= 0;
            });

    [Property(MaxTest = 500)]
    public Property Probability_StaysWithinAsymptotes() =>
        Prop.ForAll(
            (from item in EmrCatGen.Item from t in EmrCatGen.Uniform(-60, 60) select (item, t)).ToArbitrary(),
            s =>
            {
                double p = ItemResponseFunctions.Probability(s.item, s.t);
                return p >= s.item.C && p <= s.item.D;
            });
}
