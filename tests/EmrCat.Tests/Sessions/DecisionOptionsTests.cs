using EmrCat.Estimation;
using EmrCat.Scoring;
using EmrCat.Sessions;
using EmrCat.Simulation;
using EmrCat.Stopping;

namespace EmrCat.Tests.Sessions;

public class DecisionOptionsTests
{
    private static SessionResult Run(CatOptions options, ulong seed, Func<int, bool> right)
    {
        var bank = TestBanks.Emr;
        var session = CatSession.Start(bank, options, seed, new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        int k = 0;
        while (!session.IsFinished)
        {
            var item = session.Current;
            bank.TryGetIndex(item.ItemId, out int index);
            var key = bank.Items[index].Key[0];
            session.Submit(item.ItemId, right(k++) ? key : item.Options.First(o => o.Id != key).Id);
        }

        return session.Result;
    }

    [Fact]
    public void Result_CarriesTheChanceOfPassingTheScaledSeAndTheBand()
    {
        var result = Run(CatOptions.Quick, 3, k => k % 3 != 0);
        Assert.InRange(result.PassProbability, 0.0, 1.0);
        Assert.Equal(result.StandardError * 100, result.ScaledStandardError, 1e-9);
        Assert.True(result.ScoreBand.Low < result.ScaledScore && result.ScaledScore < result.ScoreBand.High);
        Assert.Equal(result.Decision == PassFailDecision.Pass, result.PassProbability > 0.5);
    }

    [Fact]
    public void Abandon_BeforeTheMinimumInTheEmrPreset_IsAFailButUndecidedInQuick()
    {
        foreach (var (options, expected) in new[] { (CatOptions.Emr, PassFailDecision.Fail), (CatOptions.Quick, PassFailDecision.Undecided) })
        {
            var session = CatSession.Start(TestBanks.Emr, options, 1, new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
            session.Submit(session.Current.ItemId, session.Current.Options[0].Id);
            session.Abandon();
            Assert.Equal(expected, session.Result.Decision);
        }
    }

    [Fact]
    public void DecisionEstimator_GivesTheFinalEstimate()
    {
        var eap = Run(CatOptions.Quick, 5, k => k % 2 == 0);
        var wle = Run(CatOptions.Quick with { DecisionEstimator = EstimatorKind.WeightedLikelihood }, 5, k => k % 2 == 0);

        // Same items (interim estimates are EAP in both), but the final θ̂ is Warm's.
        Assert.Equal(eap.Items.Select(i => i.ItemId), wle.Items.Select(i => i.ItemId));
        var scored = wle.Items.Where(i => !i.IsPilot).ToArray();
        var bank = TestBanks.Emr;
        var parameters = scored.Select(i => { bank.TryGetIndex(i.ItemId, out int x); return bank.Items[x].Parameters; }).ToArray();
        var expected = new WeightedLikelihoodEstimator(new WeightedLikelihoodOptions { Range = new(-5.5, 5.5) }).Estimate(parameters, scored.Select(i => i.Correct).ToArray());
        Assert.Equal(expected.Theta, wle.Theta, 1e-9);
        Assert.NotEqual(eap.Theta, wle.Theta);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-0.5)]
    public void PriorAtCut_KeepsThePassRateAtTheCutNearHalf(double cut)
    {
        var bank = TestBanks.Emr;
        var moved = EmrCat.Banks.ItemBank.Create(bank.Metadata, bank.Scale with { CutTheta = cut }, bank.Blueprint, bank.Items, bank.EnemyGroups, bank.Metric);
        var options = CatOptions.Quick with { PriorAtCut = true };
        var report = Simulator.Run(moved, options, new SimulationOptions { Examinees = 1500, Seed = 8, Threads = 2, FixedTrueTheta = cut });
        double passRate = report.Sessions.Count(s => s.Decision == PassFailDecision.Pass) / 1500.0;
        Assert.InRange(passRate, 0.46, 0.54);
    }

    [Fact]
    public void Options_NewFields_AreValidated()
    {
        var problems = (CatOptions.Emr with { PriorStandardDeviation = 0, IndifferenceHalfWidth = -1, Classification = (ClassificationMethod)9 }).Validate();
        Assert.Contains(problems, p => p.StartsWith("PriorStandardDeviation", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("IndifferenceHalfWidth", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Unknown Classification", StringComparison.Ordinal));
        Assert.Equal(0.5, (CatOptions.Emr with { PriorAtCut = true }).PriorMeanFor(0.5));
        Assert.Equal(IncompleteOutcome.Fail, CatOptions.Emr.IncompleteOutcome);
    }
}
