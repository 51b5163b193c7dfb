using System.CommandLine;
using System.Globalization;
using System.Text;
using EmrCat.Banks;
using EmrCat.IO;
using EmrCat.Sessions;
using EmrCat.Simulation;

namespace EmrCat.Practice.Commands;

/// <summary><c>simulate</c>: a simulation study on a bank under a workload (emr, quick, w1), with the reviewer's figures.</summary>
internal static class SimulateCommand
{
    /// <summary>The command; output goes to <paramref name="stdout"/>/<paramref name="stderr"/> (default the console).</summary>
    public static Command Create(TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var study = new StudyOptions();
        var examinees = new Option<int>("--examinees") { Description = "Simulated examinees.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<ulong>("--seed") { Description = "Study seed.", DefaultValueFactory = _ => 1UL };
        var threads = new Option<int>("--threads") { Description = "Worker threads (default: all cores). Results do not depend on it.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var sessionsOut = new Option<FileInfo?>("--sessions-out") { Description = "Write one JSON line per examinee to this file." };
        var trueTheta = new Option<double?>("--true-theta") { Description = "Give every examinee this true θ instead of drawing from N(0, 1)." };
        var trueThetas = new Option<string?>("--true-thetas") { Description = "Comma-separated true θ values the examinees cycle through (e.g. -0.5,0,0.5); reports classification at each." };
        var command = new Command("simulate", "Run simulated examinees through the adaptive engine and report precision, classification, length and exposure.")
        {
            examinees, seed, threads, sessionsOut, trueTheta, trueThetas,
        };
        study.AddTo(command);
        command.SetAction(r =>
        {
            var (output, errors) = (stdout ?? Console.Out, stderr ?? Console.Error);
            int code = study.Resolve(r, errors, out var bank, out var options, out string workload);
            if (code != 0) return code;
            return Run(bank, options, workload, r.GetValue(examinees), r.GetValue(seed), r.GetValue(threads), r.GetValue(sessionsOut)?.FullName, r.GetValue(trueTheta), r.GetValue(trueThetas), output, errors);
        });
        return command;
    }

    public static CatOptions? Workload(string name) => name.ToLowerInvariant() switch
    {
        "emr" => CatOptions.Emr,
        "quick" => CatOptions.Quick,
        "w1" => CatOptions.W1,
        _ => null,
    };

    /// <summary>Parses a comma-separated list of θ values, or returns null and writes the error.</summary>
    public static double[]? ParseThetas(string text, TextWriter stderr)
    {
        var values = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            {
                stderr.WriteLine($"error: --true-thetas: '{part}' is not a finite number.");
                return null;
            }

            values.Add(v);
        }

        return values.ToArray();
    }

    public static int Run(EmrCat.Banks.ItemBank bank, CatOptions options, string workload, int examinees, ulong seed, int threads, string? sessionsOut, double? trueTheta, string? trueThetas, TextWriter stdout, TextWriter stderr)
    {
        double[]? grid = null;
        if (trueThetas is not null && (grid = ParseThetas(trueThetas, stderr)) is null) return 2;
        var simulation = new SimulationOptions { Examinees = examinees, Seed = seed, Threads = threads, FixedTrueTheta = trueTheta, TrueThetaGrid = grid, KeepSessions = sessionsOut is not null };
        var problems = options.Validate(bank).Concat(simulation.Validate()).ToList();
        if (problems.Count > 0)
        {
            stderr.WriteLine("error: " + string.Join(" ", problems));
            return 2;
        }

        SimulationReport report;
        try
        {
            report = Simulator.Run(bank, options, simulation);
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }

        var inv = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(inv, $"precision: bias={report.Bias:F4} rmse={report.Rmse:F4}"));
        stdout.WriteLine(string.Create(inv, $"length (scored items): mean={report.MeanLength:F2} min={report.MinLength} max={report.MaxLength}"));
        stdout.WriteLine(string.Create(inv, $"classification vs true theta: accuracy={100 * report.ClassificationAccuracy:F2}% false_pass={100 * report.FalsePassRate:F2}% false_fail={100 * report.FalseFailRate:F2}% undecided={100 * report.UndecidedRate:F2}%"));
        WriteExposure(stdout, "scored", report.ScoredExposure);
        if (report.PilotExposure.Items > 0) WriteExposure(stdout, "pilot", report.PilotExposure);
        foreach (var at in report.ByTrueTheta)
        {
            stdout.WriteLine(string.Create(inv, $"at true theta {at.TrueTheta:F2}: n={at.Examinees} pass={100 * at.PassRate:F2}% accuracy={100 * at.Accuracy:F2}% undecided={100 * at.UndecidedRate:F2}% mean_len={at.MeanLength:F2} rmse={at.Rmse:F4}"));
        }

        stdout.WriteLine(string.Create(inv, $"emrcat mode={workload} n={report.Examinees} bank={report.BankSize} seconds={report.Seconds:F3} us_per_examinee={1e6 * report.Seconds / report.Examinees:F1} rmse={report.Rmse:F4} mean_len={report.MeanLength:F2} threads={threads}"));
        if (sessionsOut is not null)
        {
            var sb = new StringBuilder();
            foreach (var s in report.Sessions) sb.Append(SimulationJson.ToJsonLine(s)).Append('\n');
            File.WriteAllText(sessionsOut, sb.ToString(), new UTF8Encoding(false));
        }

        return 0;
    }

    private static void WriteExposure(TextWriter stdout, string kind, ExposureSummary e) =>
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exposure ({kind}, {e.Items} items): max_rate={100 * e.MaxRate:F2}% items_over_20pct={100 * e.ShareOver20Percent:F2}% mean_overlap={100 * e.MeanOverlap:F2}% unused={100 * e.ShareUnused:F2}%"));
}
