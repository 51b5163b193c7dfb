using System.Text.Json;
using System.Text.Json.Serialization;
using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.Irt;
using EmrCat.Scoring;
using EmrCat.Selection;
using EmrCat.Sessions;
using EmrCat.Simulation;
using EmrCat.Tests.Fixtures;
using EmrCat.IO;
using Microsoft.Extensions.Time.Testing;

namespace EmrCat.Tests.Sessions;

/// <summary>
/// Seeded sessions recorded on the engine before the single-kernel rewrite (issue 20), replayed on today's engine: the
/// same items in the same order, θ and SE after every step within 1e-10, the same stop reason, decision and score.
/// The banks are frozen copies under <c>Fixtures/golden</c> (the bundled bank and the W1 bank as they were), so bank
/// edits elsewhere cannot move the sessions. Set EMRCAT_WRITE_GOLDEN=1 to re-record (only when a change of results is
/// intended and explained).
/// Re-recorded once since: bank format 2 (issue 15) made the rule that a pilot item never keeps a scored enemy out, so the
/// bundled-bank sessions with pilots and enemy groups (emr, emr-kl-sh-map, quick-random seeds 1, 2, 17, 4242 and 26 of
/// the 50 simulated emr/quick lines) changed on purpose; every W1 and every other quick session replayed within 1e-9
/// before the re-recording. The frozen bank was converted to format 2 (enemyGroups lists; the 'certification' tag,
/// no longer in the closed set, dropped) without other edits.
/// </summary>
public class GoldenSessionTests
{
    private const double Tolerance = 1e-10;
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, WriteIndented = false };
    private static readonly Lazy<ItemBank> Bundled = new(() => ItemBankJson.Load(Golden("emr-practice.json")));
    private static readonly Lazy<ItemBank> W1 = new(() => ItemBank.FromParameters("w1-bank", ItemParameterTable.Load(Golden("w1-bank.csv"))));

    private static string Golden(string file) => Path.Combine(FixturePaths.Root, "golden", file);

    /// <summary>Deterministic Sympson–Hetter parameters for a third of a bank's items (K in 0.3..0.9).</summary>
    private static Dictionary<string, double> Exposure(ItemBank bank) =>
        bank.Items.Where((_, i) => i % 3 == 0).Select((item, k) => (item.Id, K: 0.3 + 0.1 * (k % 7))).ToDictionary(p => p.Id, p => p.K);

    /// <summary>
    /// The presets as they were when the file was recorded: issue 17 later widened the estimation range to [-5.5, 5.5]
    /// (111 points) and made an incomplete EMR attempt a fail; the recorded engine is compared on its own settings.
    /// </summary>
    private static CatOptions Emr { get; } = CatOptions.Emr with { EstimatorRange = new(-4, 4), QuadraturePoints = 81, IncompleteOutcome = IncompleteOutcome.Undecided };

    private static CatOptions Quick { get; } = CatOptions.Quick with { EstimatorRange = new(-4, 4), QuadraturePoints = 81 };

    /// <summary>The recorded set-ups: presets, every estimator, KL, exposure control, with and without pilots.</summary>
    private static IEnumerable<(string Name, ItemBank Bank, CatOptions Options)> Cases()
    {
        var bundled = Bundled.Value;
        var w1 = W1.Value;
        yield return ("emr", bundled, Emr);
        yield return ("quick", bundled, Quick);
        yield return ("w1", w1, CatOptions.W1);
        yield return ("w1-wle", w1, CatOptions.W1 with { Estimator = EstimatorKind.WeightedLikelihood });
        yield return ("w1-sh", w1, CatOptions.W1 with { ExposureParameters = Exposure(w1) });
        yield return ("quick-sh", bundled, Quick with { ExposureParameters = Exposure(bundled) });
        yield return ("quick-kl", bundled, Quick with { Selection = SelectionMethod.KullbackLeibler });
        yield return ("quick-map", bundled, Quick with { Estimator = EstimatorKind.MaximumAPosteriori });
        yield return ("quick-ml", bundled, Quick with { Estimator = EstimatorKind.MaximumLikelihood });
        yield return ("quick-wle", bundled, Quick with { Estimator = EstimatorKind.WeightedLikelihood });
        yield return ("quick-eap-se", bundled, Quick with { ConfidenceStop = false, StandardErrorTarget = 0.45, RandomesqueK = 1 });
        yield return ("emr-kl-sh-map", bundled, Emr with { Selection = SelectionMethod.KullbackLeibler, ExposureParameters = Exposure(bundled), Estimator = EstimatorKind.MaximumAPosteriori });
        yield return ("quick-random", bundled, Quick with { Selection = SelectionMethod.Random });
    }

    private static readonly ulong[] Seeds = [1, 2, 3, 17, 4242];

    internal sealed record Step(string Id, bool Correct, double Theta, double Se);

    internal sealed record Session(string Case, ulong Seed, string Reason, string Decision, double Theta, double Se, double Scaled, int Reported, int Scored, int Pilot, List<Step> Steps);

    internal sealed record SimulatedLine(string Workload, string Line);

    internal sealed record GoldenFile(List<Session> Sessions, List<SimulatedLine> Simulated);

    /// <summary>Runs one session through the public API with a seeded examinee (System.Random, independent of the engine's draws).</summary>
    private static Session Record(string name, ItemBank bank, CatOptions options, ulong seed)
    {
        var examinee = new Random((int)(seed * 7919 % int.MaxValue));
        double u1 = 1.0 - examinee.NextDouble(), u2 = examinee.NextDouble();
        double trueTheta = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        var session = CatSession.Start(bank, options, seed, new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero)));
        var steps = new List<Step>();
        while (!session.IsFinished)
        {
            var presented = session.Current;
            bank.TryGetIndex(presented.ItemId, out int index);
            var item = bank.Items[index];
            bool correct = examinee.NextDouble() < ItemResponseFunctions.Probability(item.Parameters, trueTheta, bank.Metric);
            IReadOnlyList<string> answer = correct ? item.Key : [item.Options.First(o => !item.Key.Contains(o.Id)).Id];
            session.Submit(presented.ItemId, answer);
            var estimate = session.Estimate;
            steps.Add(new Step(presented.ItemId, correct, estimate.Theta, estimate.StandardError));
        }

        var r = session.Result;
        return new Session(name, seed, r.Reason.ToString(), r.Decision.ToString(), r.Theta, r.StandardError, r.ScaledScore, r.ReportedScore, r.ScoredCount, r.PilotCount, steps);
    }

    private static IEnumerable<(string Workload, ItemBank Bank, CatOptions Options)> Workloads()
    {
        yield return ("emr", Bundled.Value, Emr);
        yield return ("quick", Bundled.Value, Quick);
        yield return ("w1", W1.Value, CatOptions.W1);
        yield return ("w1-sh", W1.Value, CatOptions.W1 with { ExposureParameters = Exposure(W1.Value) });
    }

    /// <summary>What <c>simulate --sessions-out</c> writes for a fixed seed (the same library call the command makes).</summary>
    private static IEnumerable<SimulatedLine> Simulate()
    {
        foreach (var (workload, bank, options) in Workloads())
        {
            var report = Simulator.Run(bank, options, new SimulationOptions { Examinees = 25, Seed = 9, Threads = 1, KeepSessions = true });
            foreach (var s in report.Sessions) yield return new SimulatedLine(workload, SimulationJson.ToJsonLine(s));
        }
    }

    private static GoldenFile RecordAll() => new(
        Cases().SelectMany(c => Seeds.Select(seed => Record(c.Name, c.Bank, c.Options, seed))).ToList(),
        Simulate().ToList());

    [Fact]
    public void SeededSessions_ReplayAsRecordedBeforeTheKernelRewrite()
    {
        string path = Golden("sessions.json");
        var now = RecordAll();
        if (Environment.GetEnvironmentVariable("EMRCAT_WRITE_GOLDEN") == "1")
        {
            string source = Path.Combine(FixturePaths.Repository, "tests", "EmrCat.Tests", "Fixtures", "golden", "sessions.json");
            File.WriteAllText(source, JsonSerializer.Serialize(now, Json).Replace("{\"Case\"", "\n{\"Case\"", StringComparison.Ordinal) + "\n");
            return;
        }

        // Issue 17 changed Sympson–Hetter on purpose (an item the exposure draw turns down is out for the rest of the
        // test, not for one step), so the recorded exposure-control sessions no longer apply; every other case must
        // replay exactly. SympsonHetterSelectorTests cover the new behaviour.
        var recorded = JsonSerializer.Deserialize<GoldenFile>(File.ReadAllText(path), Json)!;
        var before = new GoldenFile(recorded.Sessions.Where(x => !IsExposureCase(x.Case)).ToList(), recorded.Simulated.Where(x => !IsExposureCase(x.Workload)).ToList());
        now = new GoldenFile(now.Sessions.Where(x => !IsExposureCase(x.Case)).ToList(), now.Simulated.Where(x => !IsExposureCase(x.Workload)).ToList());
        Assert.Equal(before.Sessions.Count, now.Sessions.Count);
        Assert.True(before.Sessions.Count >= 50);
        for (int s = 0; s < before.Sessions.Count; s++)
        {
            var (b, n) = (before.Sessions[s], now.Sessions[s]);
            string at = $"{b.Case} seed {b.Seed}";
            Assert.Equal(b.Steps.Select(x => (x.Id, x.Correct)), n.Steps.Select(x => (x.Id, x.Correct)));
            for (int k = 0; k < b.Steps.Count; k++)
            {
                Close(b.Steps[k].Theta, n.Steps[k].Theta, $"{at} step {k + 1} theta");
                Close(b.Steps[k].Se, n.Steps[k].Se, $"{at} step {k + 1} SE");
            }

            Assert.Equal((at, b.Reason, b.Decision, b.Reported, b.Scored, b.Pilot), (at, n.Reason, n.Decision, n.Reported, n.Scored, n.Pilot));
            Close(b.Theta, n.Theta, at + " theta");
            Close(b.Se, n.Se, at + " SE");
            Close(b.Scaled, n.Scaled, at + " scaled score", 1e-6);
        }

        Assert.Equal(before.Simulated.Count, now.Simulated.Count);
        for (int k = 0; k < before.Simulated.Count; k++)
        {
            var b = SimulationJson.FromJsonLine(before.Simulated[k].Line);
            var n = SimulationJson.FromJsonLine(now.Simulated[k].Line);
            string at = $"simulate {before.Simulated[k].Workload} examinee {b.Examinee}";
            // The recorded lines predate SimulatedItem.Category: compare what they hold, and the category of these
            // right/wrong items must be the answer's 1 or 0.
            Assert.Equal(b.Items.Select(i => (i.ItemId, i.Domain, i.Pilot, i.Correct)), n.Items.Select(i => (i.ItemId, i.Domain, i.Pilot, i.Correct)));
            Assert.All(n.Items, i => Assert.Equal(i.Correct ? 1 : 0, i.Category));
            Assert.Equal((at, b.Examinee, b.TrueTheta, b.Decision, b.Reason, b.ScoredCount, b.PilotCount), (at, n.Examinee, n.TrueTheta, n.Decision, n.Reason, n.ScoredCount, n.PilotCount));
            Close(b.Theta, n.Theta, at + " theta");
            Close(b.StandardError, n.StandardError, at + " SE");
            Close(b.ScaledScore, n.ScaledScore, at + " scaled score", 1e-6);
        }
    }

    private static bool IsExposureCase(string name) => name.EndsWith("-sh", StringComparison.Ordinal) || name.Contains("-sh-", StringComparison.Ordinal);

    private static void Close(double expected, double actual, string what, double tolerance = Tolerance)
    {
        bool same = expected.Equals(actual) || Math.Abs(expected - actual) <= tolerance;
        Assert.True(same, $"{what}: recorded {expected:R}, now {actual:R}");
    }
}
