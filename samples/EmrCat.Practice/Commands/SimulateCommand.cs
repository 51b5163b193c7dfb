using System.CommandLine;
using System.Globalization;
using System.Text;
using EmrCat.Banks;
using EmrCat.Sessions;
using EmrCat.Simulation;

namespace EmrCat.Practice.Commands;

/// <summary><c>simulate</c>: a simulation study on a bank under a workload (emr, quick, w1), with the reviewer's figures.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var bank = new Option<string>("--bank") { Description = "Bank: the JSON bank or an id,a,b,c,d CSV. Default: the bundled bank.", DefaultValueFactory = _ => BankFiles.DefaultBankPath };
        var workload = new Option<string>("--workload") { Description = "emr (the exam preset), quick, or w1 (fixed 30 items, MFI, ML in [-4, 4]).", DefaultValueFactory = _ => "emr" };
        var examinees = new Option<int>("--examinees") { Description = "Simulated examinees.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<ulong>("--seed") { Description = "Study seed.", DefaultValueFactory = _ => 1UL };
        var threads = new Option<int>("--threads") { Description = "Worker threads (default: all cores). Results do not depend on it.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var sessionsOut = new Option<FileInfo?>("--sessions-out") { Description = "Write one JSON line per examinee to this file." };
        var trueTheta = new Option<double?>("--true-theta") { Description = "Give every examinee this true θ instead of drawing from N(0, 1)." };
        var command = new Command("simulate", "Run simulated examinees through the adaptive engine and report precision, classification, length and exposure.")
        {
            bank, workload, examinees, seed, threads, sessionsOut, trueTheta,
        };
        command.SetAction(r => Run(r.GetValue(bank)!, r.GetValue(workload)!, r.GetValue(examinees), r.GetValue(seed), r.GetValue(threads), r.GetValue(sessionsOut)?.FullName, r.GetValue(trueTheta), Console.Out, Console.Error));
        return command;
    }

    public static CatOptions? Workload(string name) => name.ToLowerInvariant() switch
    {
        "emr" => CatOptions.Emr,
        "quick" => CatOptions.Quick,
        "w1" => CatOptions.W1,
        _ => null,
    };

    public static int Run(string bankPath, string workload, int examinees, ulong seed, int threads, string? sessionsOut, double? trueTheta, TextWriter stdout, TextWriter stderr)
    {
        var options = Workload(workload);
        if (options is null)
        {
            stderr.WriteLine($"error: unknown workload '{workload}'; use emr, quick or w1.");
            return 2;
        }

        ItemBank bank;
        try
        {
            bank = BankFiles.Load(bankPath);
        }
        catch (Exception e) when (e is InputFormatException or BankValidationException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }

        if (!bank.Blueprint.IsEmpty || options.PilotItems == 0)
        {
            // keep the preset as it is
        }
        else
        {
            // A CSV bank has no blueprint and no pilot items: run the preset without pilots.
            options = options with { PilotItems = 0 };
        }

        var simulation = new SimulationOptions { Examinees = examinees, Seed = seed, Threads = threads, FixedTrueTheta = trueTheta, KeepSessions = sessionsOut is not null };
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
        stdout.WriteLine(string.Create(inv, $"exposure: max_rate={100 * report.MaxExposure:F2}% items_over_20pct={100 * report.ShareOver20Percent:F2}% mean_overlap={100 * report.MeanOverlap:F2}% unused={100 * report.ShareUnused:F2}%"));
        stdout.WriteLine(string.Create(inv, $"emrcat mode={workload.ToLowerInvariant()} n={report.Examinees} bank={report.BankSize} seconds={report.Seconds:F3} us_per_examinee={1e6 * report.Seconds / report.Examinees:F1} rmse={report.Rmse:F4} mean_len={report.MeanLength:F2} threads={threads}"));
        if (sessionsOut is not null)
        {
            var sb = new StringBuilder();
            foreach (var s in report.Sessions) sb.Append(SimulationJson.ToJsonLine(s)).Append('\n');
            File.WriteAllText(sessionsOut, sb.ToString(), new UTF8Encoding(false));
        }

        return 0;
    }
}
