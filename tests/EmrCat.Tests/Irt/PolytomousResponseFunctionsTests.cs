using EmrCat.Irt;
using EmrCat.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmrCat.Tests.Irt;

/// <summary>
/// GRM, GPCM and PCM kernels: against the textbook formulas written naively here (catR's <c>Pi</c> definitions),
/// against finite differences for the derivatives, and the special cases that tie them to the 2PL.
/// </summary>
public class PolytomousResponseFunctionsTests
{
    private static readonly Gen<(ItemParameters Item, double Theta)> ItemAndTheta =
        from item in EmrCatGen.PolytomousItem
        from theta in EmrCatGen.Uniform(-5, 5)
        select (item, theta);

    [Property(MaxTest = 300)]
    public Property CategoryProbabilities_MatchTheTextbookFormulasAndSumToOne() =>
        Prop.ForAll(ItemAndTheta.ToArbitrary(), x =>
        {
            Span<double> p = stackalloc double[ItemParameters.MaxCategories];
            int k = ItemResponseFunctions.CategoryProbabilities(x.Item, x.Theta, p);
            var naive = Naive(x.Item, x.Theta);
            double sum = 0;
            for (int c = 0; c < k; c++)
            {
                if (Math.Abs(p[c] - naive[c]) > 1e-12) return false;
                sum += p[c];
            }

            return k == x.Item.Categories && Math.Abs(sum - 1) < 1e-12;
        });

    [Property(MaxTest = 300)]
    public Property Derivatives_MatchFiniteDifferences() =>
        Prop.ForAll(ItemAndTheta.ToArbitrary(), Gen.Choose(0, 5).ToArbitrary(), (x, draw) =>
        {
            int category = draw % x.Item.Categories;
            const double h = 1e-5;
            double Ll(double t) => ItemResponseFunctions.LogLikelihood(x.Item, t, category);
            double d1 = (Ll(x.Theta + h) - Ll(x.Theta - h)) / (2 * h);
            double d2 = (Ll(x.Theta + h) - 2 * Ll(x.Theta) + Ll(x.Theta - h)) / (h * h);
            double first = ItemResponseFunctions.LogLikelihoodFirstDerivative(x.Item, x.Theta, category);
            double second = ItemResponseFunctions.LogLikelihoodSecondDerivative(x.Item, x.Theta, category);
            return (Math.Abs(first - d1) < 1e-5 * (1 + Math.Abs(d1)) && Math.Abs(second - d2) < 1e-3 * (1 + Math.Abs(d2)))
                .Label($"first {first} vs {d1}, second {second} vs {d2}");
        });

    [Property(MaxTest = 300)]
    public Property Information_IsSumOfSquaredProbabilitySlopesOverProbabilities() =>
        Prop.ForAll(ItemAndTheta.ToArbitrary(), x =>
        {
            // catR's Ii: Σ P_k′² / P_k, with P′ by central differences of the naive formulas.
            const double h = 1e-6;
            var up = Naive(x.Item, x.Theta + h);
            var down = Naive(x.Item, x.Theta - h);
            var at = Naive(x.Item, x.Theta);
            double expected = 0;
            for (int c = 0; c < at.Length; c++)
            {
                double slope = (up[c] - down[c]) / (2 * h);
                if (at[c] > 1e-200) expected += slope * slope / at[c];
            }

            double information = ItemResponseFunctions.Information(x.Item, x.Theta);
            return (Math.Abs(information - expected) < 1e-5 * (1 + expected)).Label($"{information} vs {expected}");
        });

    [Property(MaxTest = 200)]
    public Property TwoCategoryGradedAndPartialCreditItems_AreThe2PL() =>
        Prop.ForAll(EmrCatGen.Uniform(0.3, 3).ToArbitrary(), EmrCatGen.Uniform(-3, 3).ToArbitrary(), EmrCatGen.Uniform(-6, 6).ToArbitrary(), (a, b, theta) =>
        {
            var twoPl = new ItemParameters(a, b);
            foreach (var item in new[] { ItemParameters.Graded(a, [b]), ItemParameters.GeneralizedPartialCredit(a, [b]) })
            {
                if (Math.Abs(ItemResponseFunctions.Probability(item, theta) - ItemResponseFunctions.Probability(twoPl, theta)) > 1e-12) return false;
                if (Math.Abs(ItemResponseFunctions.Information(item, theta) - ItemResponseFunctions.Information(twoPl, theta)) > 1e-12) return false;
                for (int x = 0; x < 2; x++)
                {
                    if (Math.Abs(ItemResponseFunctions.LogLikelihoodFirstDerivative(item, theta, x) - ItemResponseFunctions.LogLikelihoodFirstDerivative(twoPl, theta, x == 1)) > 1e-10) return false;
                }
            }

            return true;
        });

    [Property(MaxTest = 200)]
    public Property KullbackLeibler_IsZeroAtTheSameThetaAndPositiveElsewhere() =>
        Prop.ForAll(ItemAndTheta.ToArbitrary(), EmrCatGen.Uniform(0.1, 2).ToArbitrary(), (x, shift) =>
            ItemResponseFunctions.KullbackLeibler(x.Item, x.Theta, x.Theta) < 1e-14
            && ItemResponseFunctions.KullbackLeibler(x.Item, x.Theta, x.Theta + shift) > 0);

    [Fact]
    public void PartialCredit_IsTheGeneralizedModelWithUnitSlope()
    {
        double[] steps = [-0.461, 1.472, -0.092];
        var pcm = ItemParameters.PartialCredit(steps);
        var gpcm = ItemParameters.GeneralizedPartialCredit(1.0, steps);
        Assert.Equal(IrtModel.PartialCredit, pcm.Model);
        Assert.Equal(4, pcm.Categories);
        for (double theta = -4; theta <= 4; theta += 0.5)
        {
            Assert.Equal(ItemResponseFunctions.Information(gpcm, theta), ItemResponseFunctions.Information(pcm, theta), 14);
        }
    }

    [Fact]
    public void Kernels_FarOutsideTheThresholds_StayFinite()
    {
        var grm = ItemParameters.Graded(4.0, [-1.0, -1.0, 0.5, 2.0]);
        var gpcm = ItemParameters.GeneralizedPartialCredit(4.0, [3.0, -2.0, 1.0, 0.0, 2.0]);
        foreach (var item in new[] { grm, gpcm })
        {
            foreach (double theta in new[] { -300.0, -6.0, 6.0, 300.0 })
            {
                for (int x = 0; x < item.Categories; x++)
                {
                    Assert.True(double.IsFinite(ItemResponseFunctions.LogLikelihood(item, theta, x)), $"{item} θ={theta} x={x}");
                    Assert.True(double.IsFinite(ItemResponseFunctions.LogLikelihoodFirstDerivative(item, theta, x)));
                }

                Assert.True(double.IsFinite(ItemResponseFunctions.Information(item, theta)));
            }
        }
    }

    [Fact]
    public void GradedItem_WithTiedBoundaries_GivesTheMiddleCategoryProbabilityZero()
    {
        // catR's generated banks round boundaries to three decimals, so ties occur (GRM-037 in the oracle).
        var item = ItemParameters.Graded(1.2, [-0.783, -0.783, 0.4]);
        Span<double> p = stackalloc double[4];
        ItemResponseFunctions.CategoryProbabilities(item, 0.1, p);
        Assert.Equal(0.0, p[1]);
        Assert.Equal(1.0, p[0] + p[2] + p[3], 12);
    }

    [Theory]
    [InlineData(IrtModel.GradedResponse, 1.0, new[] { 0.5, 0.2 }, "t2", "must not decrease")]
    [InlineData(IrtModel.GeneralizedPartialCredit, 0.0, new[] { 0.5 }, "a", "Discrimination a")]
    [InlineData(IrtModel.PartialCredit, 1.3, new[] { 0.5 }, "a", "partial credit model has a = 1")]
    [InlineData(IrtModel.GradedResponse, 1.0, new double[0], "t1", "1 to 5 thresholds")]
    [InlineData(IrtModel.GradedResponse, 1.0, new[] { 0.0, 1, 2, 3, 4, 5 }, "t1", "1 to 5 thresholds")]
    [InlineData(IrtModel.GeneralizedPartialCredit, 1.0, new[] { 0.0, double.NaN }, "t2", "Step t2 must be a finite number")]
    [InlineData(IrtModel.TwoPL, 1.0, new[] { 0.0 }, "model", "GRM, GPCM or PCM")]
    public void ValidatePolytomous_NamesTheField(IrtModel model, double a, double[] thresholds, string field, string message)
    {
        var problem = ItemParameters.ValidatePolytomous(model, a, thresholds);
        Assert.NotNull(problem);
        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message);
        Assert.Throws<ArgumentException>(() => ItemParameters.Polytomous(model, a, thresholds));
    }

    [Fact]
    public void DichotomousOverloads_RefuseAPolytomousItem()
    {
        var item = ItemParameters.Graded(1, [0, 1]);
        Assert.Throws<ArgumentException>(() => ItemResponseFunctions.LogLikelihood(item, 0, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => ItemResponseFunctions.LogLikelihood(item, 0, 3));
    }

    /// <summary>catR's Pi for GRM and (G)PCM, written as directly as possible.</summary>
    private static double[] Naive(ItemParameters item, double theta)
    {
        int k = item.Categories;
        var p = new double[k];
        if (item.Model == IrtModel.GradedResponse)
        {
            var star = new double[k + 1];
            star[0] = 1;
            for (int j = 1; j < k; j++) star[j] = 1 / (1 + Math.Exp(-item.A * (theta - item.Threshold(j))));
            for (int c = 0; c < k; c++) p[c] = star[c] - star[c + 1];
            return p;
        }

        var eta = new double[k];
        for (int c = 1; c < k; c++) eta[c] = eta[c - 1] + item.A * (theta - item.Threshold(c));
        double total = eta.Sum(Math.Exp);
        for (int c = 0; c < k; c++) p[c] = Math.Exp(eta[c]) / total;
        return p;
    }
}
