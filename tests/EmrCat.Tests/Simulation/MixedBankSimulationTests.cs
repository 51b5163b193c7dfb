using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.Irt;
using EmrCat.Selection;
using EmrCat.Sessions;
using EmrCat.Simulation;

namespace EmrCat.Tests.Simulation;

/// <summary>
/// Sessions and simulations on banks that mix 1–4PL items with GRM, GPCM and PCM items (select-all scored right minus
/// wrong): the kernel route equals the public session route, every selector and estimator runs, polytomous items are
/// given and scored in categories, and θ is recovered.
/// </summary>
public class MixedBankSimulationTests
{
    private static readonly Lazy<ItemBank> Mixed = new(() => MixedBank(300, 40));

    /// <summary>One item in four polytomous (GRM, GPCM, PCM in turn, 3–5 categories), on the EMR blueprint.</summary>
    internal static ItemBank MixedBank(int scored, int pilots)
    {
        var random = new Random(23);
        int n = scored + pilots;
        var items = Enumerable.Range(0, n).Select(i =>
        {
            double a = 0.6 + 1.4 * random.NextDouble(), b = 2.4 * (random.NextDouble() * 2 - 1);
            if (i % 4 != 3) return new ItemParameters(a, b, 0.15 * random.NextDouble());
            var thresholds = Enumerable.Range(0, 2 + i % 3).Select(_ => b + 1.5 * (random.NextDouble() * 2 - 1)).ToArray();
            return (i / 4 % 3) switch
            {
                0 => ItemParameters.Graded(a, thresholds.Order().ToArray()),
                1 => ItemParameters.GeneralizedPartialCredit(a, thresholds),
                _ => ItemParameters.PartialCredit(thresholds),
            };
        }).ToArray();
        var domains = Enumerable.Range(0, n).Select(i => i % 5).ToArray();
        var pilot = Enumerable.Range(0, n).Select(i => i >= scored).ToArray();
        var enemies = Enumerable.Range(0, n).Select(i => i < 40 ? i / 4 : -1).ToArray();
        return TestBanks.Of(items, domains, pilot, enemyGroup: enemies);
    }

    public static TheoryData<string> Cases() => ["mfi-eap", "mfi-ml-fixed", "randomesque-map", "wle-se-stop", "kl-eap", "exposure", "quick-pilots"];

    private static CatOptions Options(string name) => name switch
    {
        "mfi-eap" => CatOptions.Quick with { PilotItems = 0 },
        "mfi-ml-fixed" => CatOptions.W1 with { ContentBalancing = true },
        "randomesque-map" => CatOptions.Quick with { PilotItems = 0, RandomesqueK = 4, Estimator = EstimatorKind.MaximumAPosteriori },
        "wle-se-stop" => CatOptions.W1 with { FixedLength = null, MinScoredItems = 5, MaxScoredItems = 40, StandardErrorTarget = 0.35, Estimator = EstimatorKind.WeightedLikelihood },
        "kl-eap" => CatOptions.Quick with { PilotItems = 0, Selection = SelectionMethod.KullbackLeibler },
        "exposure" => CatOptions.Quick with
        {
            PilotItems = 0,
            ExposureParameters = Mixed.Value.Items.Where(i => i.Parameters.IsPolytomous).Take(20).ToDictionary(i => i.Id, _ => 0.3),
        },
        _ => CatOptions.Quick,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_OnAMixedBank_KernelRouteEqualsTheSessionRoute(string name)
    {
        var simulation = new SimulationOptions { Examinees = 40, Seed = 3, Threads = 2, KeepSessions = true };
        var fast = Simulator.Run(Mixed.Value, Options(name), simulation, throughSessions: false).Sessions;
        var reference = Simulator.Run(Mixed.Value, Options(name), simulation, throughSessions: true).Sessions;

        int polytomousGiven = 0;
        for (int e = 0; e < reference.Count; e++)
        {
            var (f, r) = (fast[e], reference[e]);
            Assert.Equal(r.Items.Select(i => (i.ItemId, i.Correct)), f.Items.Select(i => (i.ItemId, i.Correct)));
            Assert.Equal((r.Decision, r.Reason, r.ScoredCount), (f.Decision, f.Reason, f.ScoredCount));
            Assert.Equal(r.Theta, f.Theta, 1e-8);
            polytomousGiven += f.Items.Count(i => Mixed.Value.TryGetIndex(i.ItemId, out int index) && Mixed.Value.Items[index].Parameters.IsPolytomous);
        }

        Assert.True(polytomousGiven > 0, "no polytomous item was given");
    }

    [Fact]
    public void Run_OnAMixedBank_RecoversTheta()
    {
        var report = Simulator.Run(Mixed.Value, CatOptions.W1 with { ContentBalancing = true }, new SimulationOptions { Examinees = 300, Seed = 8, Threads = 2 });
        Assert.InRange(report.Rmse, 0.0, 0.45);
        Assert.InRange(Math.Abs(report.Bias), 0.0, 0.1);
    }

    [Fact]
    public void Session_AnsweringSelectAllItemsPartly_ScoresCategoriesBetweenWrongAndRight()
    {
        var random = new Random(5);
        var bank = TestBanks.Of(Enumerable.Range(0, 30).Select(_ => ItemParameters.GeneralizedPartialCredit(1.2, [random.NextDouble() - 1, random.NextDouble(), random.NextDouble() + 0.5])).ToArray());
        var options = CatOptions.Quick with { PilotItems = 0, MinScoredItems = 10, MaxScoredItems = 10, FixedLength = 10, ContentBalancing = false, ConfidenceStop = false, TimeLimit = null };
        (double Theta, IReadOnlyList<bool> Correct) Run(int category)
        {
            var session = CatSession.Start(bank, options, seed: 4);
            while (!session.IsFinished)
            {
                bank.TryGetIndex(session.Current.ItemId, out int index);
                session.Submit(session.Current.ItemId, bank.Items[index].AnswerFor(category));
            }

            return (session.Result.Theta, session.Result.Items.Select(i => i.Correct).ToArray());
        }

        var wrong = Run(0);
        var partial = Run(1);
        var more = Run(2);
        var right = Run(3);
        Assert.True(wrong.Theta < partial.Theta && partial.Theta < more.Theta && more.Theta < right.Theta, $"θ {wrong.Theta}, {partial.Theta}, {more.Theta}, {right.Theta}");
        Assert.All(partial.Correct, Assert.False);
        Assert.All(right.Correct, Assert.True);
    }
}
