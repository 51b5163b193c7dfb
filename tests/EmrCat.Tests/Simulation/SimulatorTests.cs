using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.Irt;
using EmrCat.Scoring;
using EmrCat.Selection;
using EmrCat.Sessions;
using EmrCat.Simulation;
using EmrCat.Stopping;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Simulation;

public class SimulatorTests
{
    private static readonly Lazy<ItemBank> W1Bank = new(() => TestBanks.W1Like(300));

    /// <summary>A bank with the EMR blueprint, a few enemy groups and (when asked) pilot items.</summary>
    private static ItemBank BlueprintBank(int scored, int pilots)
    {
        var random = new Random(11);
        int n = scored + pilots;
        var items = Enumerable.Range(0, n).Select(_ => new ItemParameters(0.6 + 1.6 * random.NextDouble(), 2.5 * (random.NextDouble() * 2 - 1), 0.15 * random.NextDouble())).ToArray();
        var domains = Enumerable.Range(0, n).Select(i => i % 5).ToArray();
        var pilot = Enumerable.Range(0, n).Select(i => i >= scored).ToArray();
        var enemies = Enumerable.Range(0, n).Select(i => i < 40 ? i / 4 : -1).ToArray();
        return TestBanks.Of(items, domains, pilot, enemyGroup: enemies);
    }

    public static TheoryData<string> RouteCases() =>
        ["w1", "w1-blueprint", "quick-no-pilots", "randomesque-map", "wle-se-stop", "kl-eap", "fail-incomplete", "exhausted",
         "quick-pilots", "emr-pilots", "w1-sympson-hetter", "quick-pilots-sympson-hetter-kl", "kl-ml-pilots"];

    /// <summary>Sympson–Hetter parameters for every other item of <paramref name="bank"/>, K from 0.25 to 0.95.</summary>
    private static Dictionary<string, double> Exposure(ItemBank bank) =>
        bank.Items.Where((_, i) => i % 2 == 0).Select((item, k) => (item.Id, K: 0.25 + 0.1 * (k % 8))).ToDictionary(p => p.Id, p => p.K);

    private static (ItemBank Bank, CatOptions Options) Case(string name) => name switch
    {
        "w1" => (W1Bank.Value, CatOptions.W1),
        "w1-blueprint" => (BlueprintBank(200, 0), CatOptions.W1 with { ContentBalancing = true }),
        "quick-no-pilots" => (BlueprintBank(200, 0), CatOptions.Quick with { PilotItems = 0 }),
        "randomesque-map" => (BlueprintBank(200, 0), CatOptions.Quick with { PilotItems = 0, RandomesqueK = 4, Estimator = EstimatorKind.MaximumAPosteriori }),
        "wle-se-stop" => (W1Bank.Value, CatOptions.W1 with { FixedLength = null, MinScoredItems = 5, MaxScoredItems = 40, StandardErrorTarget = 0.4, Estimator = EstimatorKind.WeightedLikelihood }),
        "kl-eap" => (BlueprintBank(120, 0), CatOptions.Quick with { PilotItems = 0, Selection = SelectionMethod.KullbackLeibler }),
        "fail-incomplete" => (BlueprintBank(50, 0), CatOptions.Quick with { PilotItems = 0, MinScoredItems = 40, MaxScoredItems = 50, IncompleteOutcome = IncompleteOutcome.Fail }),
        "quick-pilots" => (BlueprintBank(200, 20), CatOptions.Quick),
        "emr-pilots" => (TestBanks.Emr, CatOptions.Emr),
        "w1-sympson-hetter" => (W1Bank.Value, CatOptions.W1 with { ExposureParameters = Exposure(W1Bank.Value) }),
        "quick-pilots-sympson-hetter-kl" => (BlueprintBank(200, 20), CatOptions.Quick with { Selection = SelectionMethod.KullbackLeibler, ExposureParameters = Exposure(BlueprintBank(200, 20)) }),
        "kl-ml-pilots" => (TestBanks.Emr, CatOptions.Quick with { Selection = SelectionMethod.KullbackLeibler, Estimator = EstimatorKind.MaximumLikelihood }),
        _ => (BlueprintBank(40, 0), CatOptions.W1), // 40 items in 10 enemy groups of 4: 10 can be given
    };

    [Theory]
    [MemberData(nameof(RouteCases))]
    public void Run_ThroughTheKernel_GivesTheSessionsCatSessionGives(string name)
    {
        var (bank, options) = Case(name);
        var simulation = new SimulationOptions { Examinees = 60, Seed = 5, Threads = 2, KeepSessions = true };

        var fast = Simulator.Run(bank, options, simulation, throughSessions: false).Sessions;
        var reference = Simulator.Run(bank, options, simulation, throughSessions: true).Sessions;
        if (name == "exhausted") Assert.All(reference, s => Assert.Equal(StopReason.BankExhausted, s.Reason));
        if (name == "fail-incomplete") Assert.Contains(reference, s => s.Reason == StopReason.BankExhausted && s.Decision == PassFailDecision.Fail);
        if (name.Contains("pilots", StringComparison.Ordinal)) Assert.All(reference, s => Assert.Equal(options.PilotItems, s.PilotCount));

        for (int e = 0; e < reference.Count; e++)
        {
            var (f, r) = (fast[e], reference[e]);
            Assert.Equal(r.Items.Select(i => (i.ItemId, i.Correct)), f.Items.Select(i => (i.ItemId, i.Correct)));
            Assert.Equal((r.Decision, r.Reason, r.ScoredCount, r.PilotCount, r.TrueTheta), (f.Decision, f.Reason, f.ScoredCount, f.PilotCount, f.TrueTheta));
            Assert.Equal(r.Theta, f.Theta);
            Assert.Equal(r.ScaledScore, f.ScaledScore);
            Assert.Equal(r.StandardError, f.StandardError);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Run_WithOneOrFourThreads_GivesIdenticalSessions(bool workspace)
    {
        var bank = workspace ? W1Bank.Value : BlueprintBank(300, 40);
        var options = workspace ? CatOptions.W1 : CatOptions.Quick;
        var one = Simulator.Run(bank, options, new SimulationOptions { Examinees = 120, Seed = 9, Threads = 1, KeepSessions = true }, throughSessions: false);
        var four = Simulator.Run(bank, options, new SimulationOptions { Examinees = 120, Seed = 9, Threads = 4, KeepSessions = true }, throughSessions: false);

        Assert.Equal(one.Sessions.Select(SimulationJson.ToJsonLine), four.Sessions.Select(SimulationJson.ToJsonLine));
        Assert.Equal((one.Rmse, one.MaxExposure, one.MeanOverlap), (four.Rmse, four.MaxExposure, four.MeanOverlap));
    }

    [Fact]
    public void Run_WithPilotItems_GoesThroughTheSessionAndGivesThem()
    {
        var report = Simulator.Run(BlueprintBank(300, 40), CatOptions.Quick, new SimulationOptions { Examinees = 20, Threads = 1 });
        Assert.All(report.Sessions, s => Assert.Equal(CatOptions.Quick.PilotItems, s.PilotCount));
    }

    [Fact]
    public void Run_WithTooFewPilotItems_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => Simulator.Run(W1Bank.Value, CatOptions.Quick, new SimulationOptions { Examinees = 5, Threads = 2 }));
        Assert.Contains("pilot", error.Message, StringComparison.Ordinal);
    }
}
