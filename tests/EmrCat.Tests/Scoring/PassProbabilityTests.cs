using EmrCat.Estimation;
using EmrCat.Irt;
using EmrCat.Scoring;
using MathNet.Numerics.Distributions;

namespace EmrCat.Tests.Scoring;

public class PassProbabilityTests
{
    private static readonly ThetaRange Range = new(-5.5, 5.5);

    private static ReadOnlySpan<bool> NoAnswers => [];

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(-0.5)]
    public void Compute_NoAnswersAndThePriorAtTheCut_IsOneHalf(double cut)
    {
        // Exactly ½ but for the prior's tails beyond the grid, which differ by ~1e-7 when the cut is off centre.
        Assert.Equal(0.5, PassProbability.Compute([], NoAnswers, cut, Range, 111, cut, 1.0), 1e-6);
    }

    [Fact]
    public void Compute_NoAnswers_IsThePriorsUpperTailOnTheGrid()
    {
        // N(0, 1) prior, cut 0.5: 1 − Φ(0.5) = 0.3085, up to the trapezoid rule on a 0.1 grid.
        Assert.Equal(1 - Normal.CDF(0, 1, 0.5), PassProbability.Compute([], NoAnswers, 0.5, Range, 111, 0, 1), 2e-3);
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
        Assert.Equal(1.0, PassProbability.Compute([], NoAnswers, -9, Range, 111, 0, 1));
        Assert.Equal(0.0, PassProbability.Compute([], NoAnswers, 9, Range, 111, 0, 1));
    }

    [Fact]
    public void Compute_BadInput_ThrowsNamingTheArgument()
    {
        Assert.Throws<ArgumentException>("correct", () => PassProbability.Compute([new ItemParameters(1, 0)], NoAnswers, 0, Range, 111, 0, 1));
        Assert.Throws<ArgumentException>("points", () => PassProbability.Compute([], NoAnswers, 0, Range, 1, 0, 1));
        Assert.Throws<ArgumentException>("priorStandardDeviation", () => PassProbability.Compute([], NoAnswers, 0, Range, 111, 0, 0));
        Assert.Throws<ArgumentException>("cut", () => PassProbability.Compute([], NoAnswers, double.NaN, Range, 111, 0, 1));
    }

    [Theory]
    [InlineData(0.23)]
    [InlineData(-0.4)]
    public void Compute_PolytomousItems_MatchADirectIntegralOfTheCategoryPosterior(double cut)
    {
        // A GRM and a GPCM item beside a 3PL one, answered with partial credit: the posterior is the prior times each
        // item's probability of the category given, written out here from the models' definitions.
        ItemParameters[] items = [ItemParameters.Graded(1.3, [-1.0, 0.2, 1.1]), ItemParameters.GeneralizedPartialCredit(0.9, [-0.6, 0.4]), new(1.2, -0.5, 0.2)];
        int[] categories = [2, 1, 1];

        double above = 0, total = 0;
        for (double t = -5.5; t <= 5.5; t += 1e-4)
        {
            double density = Normal.PDF(0, 1, t) * Graded(1.3, [-1.0, 0.2, 1.1], t, 2) * PartialCredit(0.9, [-0.6, 0.4], t, 1) * ItemResponseFunctions.Probability(items[2], t);
            total += density;
            if (t >= cut) above += density;
        }

        double p = PassProbability.Compute(items, categories, cut, Range, 111, 0, 1);
        Assert.Equal(above / total, p, 3e-3);

        // Right/wrong scoring of the same answers (all but the top category wrong) is another posterior: the categories count.
        int[] allOrNothing = [0, 0, 1];
        Assert.True(Math.Abs(PassProbability.Compute(items, allOrNothing, cut, Range, 111, 0, 1) - p) > 0.05);
    }

    [Fact]
    public void Compute_RightWrongAnswers_EqualTheirCategories()
    {
        ItemParameters[] items = [new(1.2, -0.5, 0.2), new(0.9, 0.3, 0.15), new(1.6, 0.0, 0.2)];
        Assert.Equal(PassProbability.Compute(items, [true, false, true], 0.1, Range, 111, 0, 1), PassProbability.Compute(items, [1, 0, 1], 0.1, Range, 111, 0, 1), 12);
    }

    [Fact]
    public void Compute_PolytomousBadInput_ThrowsNamingTheArgument()
    {
        ItemParameters[] items = [ItemParameters.Graded(1.3, [-1.0, 0.2, 1.1])];
        Assert.Throws<ArgumentException>("categories", () => PassProbability.Compute(items, [4], 0, Range, 111, 0, 1));
        Assert.Throws<ArgumentException>("items", () => PassProbability.Compute(items, [true], 0, Range, 111, 0, 1));
    }

    /// <summary>GRM: P(X = k) = P*(k) − P*(k + 1), P*(k) = 1 / (1 + e^{−a(θ − b_k)}), P*(0) = 1, P*(K) = 0.</summary>
    private static double Graded(double a, double[] b, double theta, int k)
    {
        double Star(int j) => j == 0 ? 1 : j > b.Length ? 0 : 1 / (1 + Math.Exp(-a * (theta - b[j - 1])));
        return Star(k) - Star(k + 1);
    }

    /// <summary>GPCM: P(X = k) ∝ exp(Σ_{j ≤ k} a(θ − d_j)), the empty sum for k = 0.</summary>
    private static double PartialCredit(double a, double[] d, double theta, int k)
    {
        var weights = new double[d.Length + 1];
        double sum = 0;
        for (int j = 1; j <= d.Length; j++)
        {
            sum += a * (theta - d[j - 1]);
            weights[j] = sum;
        }

        return Math.Exp(weights[k]) / weights.Sum(Math.Exp);
    }
}
