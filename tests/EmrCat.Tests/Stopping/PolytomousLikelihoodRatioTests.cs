using EmrCat.Estimation;
using EmrCat.Irt;
using EmrCat.Sessions;
using EmrCat.Simulation;
using EmrCat.Stopping;
using EmrCat.Tests.Simulation;

namespace EmrCat.Tests.Stopping;

/// <summary>
/// SPRT and GLR on banks that mix 1–4PL and polytomous items: each answer's term is its item's log P(category | θ),
/// the term the estimators use, so a partial-credit answer moves the ratio part-way and a session on a mixed bank
/// classifies as its answers say.
/// </summary>
public class PolytomousLikelihoodRatioTests
{
    private static readonly ThetaRange Range = new(-5.5, 5.5);

    [Fact]
    public void SprtLogRatio_OfAGpcmItem_IsTheCategoryLogProbabilityDifference()
    {
        var item = ItemParameters.GeneralizedPartialCredit(1.3, [-0.6, 0.4, 1.1]);
        for (int category = 0; category < 4; category++)
        {
            double expected = ItemResponseFunctions.LogLikelihood(item, 0.3, category, IrtMetric.Logistic) - ItemResponseFunctions.LogLikelihood(item, -0.3, category, IrtMetric.Logistic);
            Assert.Equal(expected, SequentialProbabilityRatioRule.LogRatio([item], [category], 0, 0.3, IrtMetric.Logistic), 1e-12);
        }

        // A higher category is more likely higher up: the ratio rises with the category.
        double[] ratios = Enumerable.Range(0, 4).Select(c => SequentialProbabilityRatioRule.LogRatio([item], [c], 0, 0.3, IrtMetric.Logistic)).ToArray();
        Assert.Equal(ratios.Order(), ratios);
        Assert.True(ratios[0] < 0 && ratios[3] > 0);
    }

    [Fact]
    public void LogRatios_OnDichotomousItems_AreTheSameFromRightWrongAndFromCategories()
    {
        ItemParameters[] items = [new(1.1, -0.2, 0.15), new(0.8, 0.5), new(1.6, 0.1, 0.2, 0.97)];
        bool[] correct = [true, false, true];
        int[] categories = [1, 0, 1];
        Assert.Equal(SequentialProbabilityRatioRule.LogRatio(items, correct, 0.1, 0.2, IrtMetric.Logistic), SequentialProbabilityRatioRule.LogRatio(items, categories, 0.1, 0.2, IrtMetric.Logistic), 1e-12);
        Assert.Equal(GeneralizedLikelihoodRatioRule.LogRatio(items, correct, 0.1, 0.2, Range, IrtMetric.Logistic), GeneralizedLikelihoodRatioRule.LogRatio(items, categories, 0.1, 0.2, Range, IrtMetric.Logistic), 1e-12);
    }

    [Fact]
    public void LogRatio_RejectsRightWrongForAPolytomousItemAndAnOutOfRangeCategory()
    {
        var item = ItemParameters.Graded(1.2, [-0.5, 0.5]);
        Assert.Throws<ArgumentException>(() => SequentialProbabilityRatioRule.LogRatio([item], [true], 0, 0.2, IrtMetric.Logistic));
        Assert.Throws<ArgumentException>(() => SequentialProbabilityRatioRule.LogRatio([item], [3], 0, 0.2, IrtMetric.Logistic));
        Assert.Throws<ArgumentException>(() => GeneralizedLikelihoodRatioRule.LogRatio([item], [-1], 0, 0.2, Range, IrtMetric.Logistic));
    }

    [Fact]
    public void Check_ReadsCategoriesWhenGiven_SoPartialCreditDoesNotCountAsWrong()
    {
        // Forty GRM items answered in category 2 of 0..3: as categories the evidence points up (+0.082 each, 3.28 in
        // all, above log 19 = 2.94); read as right/wrong (only the top category right) it would point down (−0.058 each).
        var items = Enumerable.Repeat(ItemParameters.Graded(1.5, [-1.5, -0.8, 1.5]), 40).ToArray();
        int[] categories = Enumerable.Repeat(2, 40).ToArray();
        var context = new StoppingContext(items.Length, new AbilityEstimate(0, 0.3, EstimateStatus.Converged), TimeSpan.Zero, 0)
        {
            Items = items,
            Categories = categories,
        };
        var bounds = new LikelihoodRatioBounds(0.2, 0.05, 0.05);
        var sprt = new SequentialProbabilityRatioRule(bounds).Check(context);
        var glr = new GeneralizedLikelihoodRatioRule(bounds, Range).Check(context);
        Assert.Equal(40 * 0.0819027, SequentialProbabilityRatioRule.LogRatio(items, categories, 0, 0.2, IrtMetric.Logistic), 1e-4);
        Assert.Equal((true, (bool?)true), (sprt.ShouldStop, sprt.Passed));
        Assert.Equal((true, (bool?)true), (glr.ShouldStop, glr.Passed));
    }

    [Theory]
    [InlineData(ClassificationMethod.SequentialProbabilityRatio)]
    [InlineData(ClassificationMethod.GeneralizedLikelihoodRatio)]
    public void Simulation_OnAMixedBank_ClassifiesByTheRatioAndMostlyRight(ClassificationMethod method)
    {
        var bank = MixedBankSimulationTests.MixedBank(300, 0);
        var options = CatOptions.Quick with { PilotItems = 0, MinScoredItems = 10, MaxScoredItems = 40, Classification = method, IndifferenceHalfWidth = 0.3 };
        var report = Simulator.Run(bank, options, new SimulationOptions { Examinees = 200, Seed = 11, Threads = 2, TrueThetaGrid = [-1.0, 1.0], KeepSessions = true });
        var reason = method == ClassificationMethod.SequentialProbabilityRatio ? StopReason.SequentialProbabilityRatio : StopReason.GeneralizedLikelihoodRatio;
        int byRatio = report.Sessions.Count(s => s.Reason == reason);
        Assert.True(byRatio > 150, $"only {byRatio} of 200 sessions stopped by the ratio");
        Assert.True(report.ClassificationAccuracy > 0.95, $"accuracy {report.ClassificationAccuracy}");
        Assert.Contains(report.Sessions.SelectMany(s => s.Items), i => bank.TryGetIndex(i.ItemId, out int index) && bank.Items[index].Parameters.IsPolytomous);
    }
}
