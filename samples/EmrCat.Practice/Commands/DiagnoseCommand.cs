using System.CommandLine;
using System.Globalization;
using System.Text;
using EmrCat.Banks;
using EmrCat.Diagnostics;
using EmrCat.Practice.Ui;
using EmrCat.Sessions;

namespace EmrCat.Practice.Commands;

/// <summary>
/// <c>diagnose</c>: a bank under a workload (emr by default, the bundled bank by default) — information and expected SE
/// by θ per domain, simulated pass rate and length by true θ, exposure, and the bands around the cut where no 95%
/// decision is possible — as tables and charts, and as an SVG file on request. The library
/// (<see cref="BankDiagnostician"/>) computes everything; this command parses and renders.
/// </summary>
internal static class DiagnoseCommand
{
    /// <summary>The command; output goes to <paramref name="stdout"/>/<paramref name="stderr"/> (default the console).</summary>
    public static Command Create(TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var study = new StudyOptions();
        var examinees = new Option<int>("--examinees") { Description = "Simulated examinees in all, spread evenly over the θ grid.", DefaultValueFactory = _ => 5000 };
        var seed = new Option<ulong>("--seed") { Description = "Study seed.", DefaultValueFactory = _ => 1UL };
        var threads = new Option<int>("--threads") { Description = "Worker threads (default: all cores). Results do not depend on it.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var grid = new Option<string>("--grid") { Description = "The θ grid as from:to:step (the cut is added).", DefaultValueFactory = _ => "-3:3:0.25" };
        var limit = new Option<double>("--wrong-limit") { Description = "Wrong-decision rate above which a true θ counts as undecidable.", DefaultValueFactory = _ => 0.05 };
        var svg = new Option<string?>("--svg") { Description = "Also write the charts to this SVG file." };
        var plain = new Option<bool>("--plain") { Description = "No color; charts as plain text." };
        var command = new Command("diagnose", "Diagnose a bank under a workload: information and expected SE by θ per domain, simulated pass rate and length by true θ, exposure, and where no 95% decision is possible.")
        {
            examinees, seed, threads, grid, limit, svg, plain,
        };
        study.AddTo(command);
        command.SetAction(r =>
        {
            var (output, errors) = (stdout ?? Console.Out, stderr ?? Console.Error);
            if (ParseGrid(r.GetValue(grid)!) is not { } thetas)
            {
                errors.WriteLine($"error: --grid '{r.GetValue(grid)}' must be from:to:step with from < to, step > 0 and at most 200 points (e.g. -3:3:0.25).");
                return HostException.BadArguments;
            }

            var diagnostics = new DiagnosticsOptions { ThetaGrid = thetas, Examinees = r.GetValue(examinees), Seed = r.GetValue(seed), Threads = r.GetValue(threads), WrongDecisionLimit = r.GetValue(limit) };
            var problems = diagnostics.Validate();
            if (problems.Count > 0)
            {
                errors.WriteLine("error: " + string.Join(" ", problems));
                return HostException.BadArguments;
            }

            if (r.GetValue(svg) is { } svgPath && Path.GetDirectoryName(Path.GetFullPath(svgPath)) is { } folder && !Directory.Exists(folder))
            {
                errors.WriteLine($"error: --svg {svgPath}: the folder {folder} does not exist.");
                return HostException.BadArguments;
            }

            int code = study.Resolve(r, errors, out var bank, out var options, out string workload);
            if (code != 0) return code;
            return Run(bank, options, workload, diagnostics, r.GetValue(svg), r.GetValue(plain), output, errors);
        });
        return command;
    }

    /// <summary>from:to:step as grid values, or null when malformed.</summary>
    public static double[]? ParseGrid(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 3) return null;
        var values = new double[3];
        for (int i = 0; i < 3; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i])) return null;
        }

        var (from, to, step) = (values[0], values[1], values[2]);
        if (!(from < to && step > 0) || (to - from) / step > 199) return null;
        int count = (int)Math.Floor((to - from) / step + 1e-9) + 1;
        return [.. Enumerable.Range(0, count).Select(k => Math.Round(from + k * step, 10))];
    }

    public static int Run(ItemBank bank, CatOptions options, string workload, DiagnosticsOptions diagnostics, string? svgPath, bool plain, TextWriter stdout, TextWriter stderr)
    {
        BankDiagnostics result;
        try
        {
            result = BankDiagnostician.Diagnose(bank, options, diagnostics);
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return HostException.BadArguments;
        }

        var screens = Screens.Create(plain, stdout == Console.Out ? null : stdout);
        DiagnosticsScreen.Render(screens, bank, workload, options, result);
        if (svgPath is not null)
        {
            try
            {
                File.WriteAllText(svgPath, SvgChart.Render($"{bank.Metadata.Id} under {workload}", DiagnosticsScreen.Charts(bank, result)), new UTF8Encoding(false));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: {svgPath}: cannot write the file: {e.Message}");
                return HostException.BadInput;
            }

            screens.Info($"Charts written to {svgPath}.");
        }

        return 0;
    }
}
