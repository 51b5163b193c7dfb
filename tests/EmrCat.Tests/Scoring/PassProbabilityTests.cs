using EmrCat.Estimation;
using EmrCat.Irt;
using EmrCat.Scoring;
using MathNet.Numerics.Distributions;

namespace EmrCat.Tests.Scoring;

public class PassProbabilityTests
{
    private static readonly ThetaRange Range = new(-5.5, 5.5);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(-0.5)]
    public void Compute_NoAnswersAndThePriorAtTheCut_IsOneHalf(double cut)
    {
        // Exactly ½ but for the prior's tails beyond the grid, which differ by ~1e-7 when the cut is off centre.
        Assert.Equal(0.5, PassProbability.Compute([], [], cut, Range, 111, cut, 1.0), 1e-6);
    }

    [Fact]
    public void Compute_NoAnswers_IsThePriorsUpperTailOnTheGrid()
    {
        // N(0, 1) prior, cut 0.5: 1 − Φ(0.5) = 0.3085, up to the trapezoid rule on a 0.1 grid.
        Assert.Equal(1 - Normal.CDF(0, 1, 0.5), PassProbability.Compute([], [], 0.5, Range, 111, 0, 1), 2e-3);
    }

    [Fact]
    public void Compute_AgreesWithAFineBruteForceIntegral()
    {
        ItemParameters[] items = [new(1.2, -0.5, 0.2), new(0.9, 0.3, 0.15), new(1.6, 0.0, 0.2), new(1.1, 0.8, 0.25), new(1.4, -1.0, 0.2)];
        bool[] correct = [true, false, true, true, false];
        double cut = 0.23;

        double above = 0, total = 0;
        for (double t = -5.5; t <= 5.5; t += 1e-4)
        {
            double density = Normal.PDF(0, 1, t);
            for (int i = 0; i < items.Length; i++) density *= correct[i] ? ItemResponseFunctions.Probability(items[i], t) : 1 - ItemResponseFunctions.Probability(items[i], t);
            total += density;
            if (t >= cut) above += density;
        }

        Assert.Equal(above / total, PassProbability.Compute(items, correct, cut, Range, 111, 0, 1), 3e-3);
    }

    [Fact]
    public void Compute_MoreRightAnswers_NeverLowerTheChance()
    {
        var items = Enumerable.Range(0, 20).Select(i => new ItemParameters(1.0 + 0.05 * i, -1 + 0.1 * i, 0.2)).ToArray();
        double previous = 0;
        for (int right = 0; right <= 20; right++)
        {
            var correct = Enumerable.Range(0, 20).Select(i => i < right).ToArray();
            double p = PassProbability.Compute(items, correct, 0, Range, 111, 0, 1);
            Assert.InRange(p, previous - 1e-12, 1.0);
            previous = p;
        }

        Assert.True(previous > 0.99);
    }

    [Fact]
    public void Compute_CutOutsideTheRange_IsCertain()
    {
        Assert.Equal(1.0, PassProbability.Compute([], [], -9, Range, 111, 0, 1));
        Assert.Equal(0.0, PassProbability.Compute([], [], 9, Range, 111, 0, 1));
    }

    [Fact]
    public void Compute_BadInput_ThrowsNamingTheArgument()
    {
        Assert.Throws<ArgumentException>("correct", () => PassProbability.Compute([new ItemParameters(1, 0)], [], 0, Range, 111, 0, 1));
        Assert.Throws<ArgumentException>("points", () => PassProbability.Compute([], [], 0, Range, 1, 0, 1));
        Assert.Throws<ArgumentException>("priorStandardDeviation", () => PassProbability.Compute([], [], 0, Range, 111, 0, 0));
        Assert.Throws<ArgumentException>("cut", () => PassProbability.Compute([], [], double.NaN, Range, 111, 0, 1));
    }
}
