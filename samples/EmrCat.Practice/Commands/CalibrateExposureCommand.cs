using System.CommandLine;
using System.Globalization;
using EmrCat.IO;
using EmrCat.Banks;
using EmrCat.Simulation;

namespace EmrCat.Practice.Commands;

/// <summary>
/// <c>calibrate-exposure</c>: derives Sympson–Hetter parameters for a bank and options by the iterative simulation
/// procedure (<see cref="ExposureCalibrator"/>), prints each round, and writes them to an exposure parameter file.
/// </summary>
internal static class CalibrateExposureCommand
{
    /// <summary>The command; output goes to <paramref name="stdout"/>/<paramref name="stderr"/> (default the console).</summary>
    public static Command Create(TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var study = new StudyOptions();
        var target = new Option<double>("--target") { Description = "Highest exposure rate allowed for a scored item.", DefaultValueFactory = _ => 0.25 };
        var tolerance = new Option<double?>("--tolerance") { Description = "How far above the target a round's highest observed rate may be (default: 3 binomial SEs at the target, its sampling noise)." };
        var examinees = new Option<int>("--examinees") { Description = "Simulated examinees per round.", DefaultValueFactory = _ => 2000 };
        var rounds = new Option<int>("--rounds") { Description = "Most rounds.", DefaultValueFactory = _ => 25 };
        var stable = new Option<int>("--stable-rounds") { Description = "Rounds in a row within the target before stopping.", DefaultValueFactory = _ => 3 };
        var seed = new Option<ulong>("--seed") { Description = "Study seed.", DefaultValueFactory = _ => 1UL };
        var threads = new Option<int>("--threads") { Description = "Worker threads (results do not depend on it).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var conditional = new Option<string?>("--conditional") { Description = "Conditional (θ-band) parameters: comma-separated band edges in θ, e.g. -1.5,-0.75,-0.25,0.25,0.75,1.5 (7 bands); --examinees is then per band." };
        var output = new Option<string?>("--out") { Description = "Where to write the parameters. Default: <bank>.exposure.json beside the bank." };
        var command = new Command("calibrate-exposure", "Derive Sympson–Hetter exposure parameters for a bank and options by iterative simulation, to a target maximum exposure rate.")
        {
            target, tolerance, examinees, rounds, stable, seed, threads, conditional, output,
        };
        study.AddTo(command);
        command.SetAction(r =>
        {
            var (o, e) = (stdout ?? Console.Out, stderr ?? Console.Error);
            int code = study.Resolve(r, e, out var bank, out var options, out string workload);
            if (code != 0) return code;
            double[]? edges = null;
            if (r.GetValue(conditional) is { } text && (edges = SimulateCommand.ParseThetas(text, e)) is null) return 2;
            var calibration = new ExposureCalibrationOptions
            {
                BandEdges = edges,
                TargetRate = r.GetValue(target),
                Tolerance = r.GetValue(tolerance),
                Examinees = r.GetValue(examinees),
                MaxRounds = r.GetValue(rounds),
                StableRounds = r.GetValue(stable),
                Seed = r.GetValue(seed),
                Threads = r.GetValue(threads),
            };
            var problems = calibration.Validate();
            if (problems.Count > 0)
            {
                e.WriteLine("error: " + string.Join(" ", problems));
                return 2;
            }

            string path = r.GetValue(output) ?? ExposureParameterFile.PathFor(r.GetValue(study.Bank)!);
            return Run(bank, options with { ExposureParameters = new Dictionary<string, double>(), ConditionalExposure = null }, workload, calibration, path, o, e);
        });
        return command;
    }

    private static int Run(ItemBank bank, Sessions.CatOptions options, string workload, ExposureCalibrationOptions calibration, string path, TextWriter stdout, TextWriter stderr)
    {
        var inv = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(inv, $"calibrating Sympson-Hetter parameters: bank={bank.Metadata.Id} workload={workload} target={calibration.TargetRate:F3} tolerance={calibration.EffectiveTolerance:F3} examinees/round={calibration.Examinees}"));
        var progress = new Progress(r => stdout.WriteLine(string.Create(inv,
            $"round {r.Round,2}: max_scored_rate={100 * r.MaxScoredRate:F2}% above_target={r.ItemsAboveTarget} max_selection_rate={100 * r.MaxSelectionRate:F2}% controlled_items={r.ControlledItems} mean_len={r.MeanLength:F2} accuracy={100 * r.ClassificationAccuracy:F2}%")));
        ExposureCalibration result;
        try
        {
            result = ExposureCalibrator.Calibrate(bank, options, calibration, progress);
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }

        var file = new ExposureParameterFile
        {
            BankId = bank.Metadata.Id,
            BankVersion = bank.Metadata.Version,
            BankFingerprint = bank.Fingerprint,
            TargetRate = calibration.TargetRate,
            Provenance = string.Create(inv, $"calibrate-exposure --workload {workload} --target {calibration.TargetRate} --tolerance {calibration.EffectiveTolerance:F4} --examinees {calibration.Examinees} --seed {calibration.Seed}{(calibration.BandEdges is { } edges ? " --conditional " + string.Join(",", edges.Select(x => x.ToString("R", inv))) : "")}; {result.Rounds.Count} rounds, {(result.Converged ? "converged" : "not converged")}"),
            Parameters = result.Parameters,
            Conditional = result.Conditional,
        };
        try
        {
            file.Save(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {path}: cannot write the file: {e.Message}");
            return 1;
        }

        int controlled = result.Conditional is { } c ? c.Bands.Sum(b => b.Count) : result.Parameters.Count;
        string what = result.Conditional is { } bands ? $"{controlled} (item, band) parameters with K < 1 in {bands.Bands.Count} θ bands" : $"{controlled} items with K < 1";
        stdout.WriteLine(string.Create(inv, $"{(result.Converged ? "converged" : "NOT converged")} after {result.Rounds.Count} rounds; {what} written to {path}"));
        return result.Converged ? 0 : 4;
    }

    /// <summary>Reports rounds synchronously (System.Progress would post them to the thread pool, out of order).</summary>
    private sealed class Progress(Action<ExposureCalibrationRound> report) : IProgress<ExposureCalibrationRound>
    {
        public void Report(ExposureCalibrationRound value) => report(value);
    }
}
