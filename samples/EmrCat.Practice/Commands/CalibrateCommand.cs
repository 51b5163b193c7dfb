using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using EmrCat.IO;
using EmrCat.Banks;
using EmrCat.Calibration;

namespace EmrCat.Practice.Commands;

/// <summary>
/// <c>calibrate</c>: estimates item parameters from a response matrix (MML by EM, mirt's defaults) and writes them as
/// an IRT-form item table with SEs; <c>--fixed</c> holds operational items at known values (online pilot calibration).
/// </summary>
internal static class CalibrateCommand
{
    private static readonly string[] Models = ["1pl", "2pl", "3pl", "gpcm", "grm"];

    public static Command Create()
    {
        var responses = new Option<FileInfo>("--responses") { Description = "Responses, CSV: examinee then one column per item id; 0/1 (gpcm/grm: 0..K) or empty.", Required = true };
        var model = new Option<string>("--model") { Description = "1pl, 2pl, 3pl, gpcm or grm: the model of the items to estimate.", Required = true };
        var prior = new Option<string?>("--c-prior") { Description = "Prior on c for 3pl, beta:ALPHA,BETA (e.g. beta:5,17). Default: none (mirt's default)." };
        var fixedItems = new Option<FileInfo?>("--fixed") { Description = "Item table whose items keep their parameters (id,a,b,c,d; a 'fixed' column selects rows marked 1)." };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the item table (IRT form, with se_* columns and n).", Required = true };
        var fitOut = new Option<FileInfo?>("--fit-out") { Description = "Also write S-X² item fit: id,sx2,df,p (complete data only)." };
        var freeLatent = new Option<bool>("--free-latent") { Description = "With --fixed: estimate the latent mean and variance too (the fixed items set the scale)." };
        var quadrature = new Option<int>("--quadpts") { Description = "Quadrature points on [-6, 6]. Default 61 (mirt's).", DefaultValueFactory = _ => 61 };
        var tolerance = new Option<double>("--tol") { Description = "Largest parameter change that counts as converged. Default 1e-6 (mirt's TOL).", DefaultValueFactory = _ => 1e-6 };
        var cycles = new Option<int>("--max-cycles") { Description = "Most EM cycles. Default 10000.", DefaultValueFactory = _ => 10_000 };
        var noSe = new Option<bool>("--no-se") { Description = "Skip the standard errors." };
        var threads = new Option<int>("--threads") { Description = "Threads (0 = all processors). Results do not depend on it.", DefaultValueFactory = _ => 0 };
        var command = new Command("calibrate", "Estimate item parameters from responses by marginal maximum likelihood (EM, mirt's defaults).")
        {
            responses, model, prior, fixedItems, output, fitOut, freeLatent, quadrature, tolerance, cycles, noSe, threads,
        };
        command.SetAction(result => Run(
            new Request(
                result.GetValue(responses)!.FullName,
                result.GetValue(model)!,
                result.GetValue(prior),
                result.GetValue(fixedItems)?.FullName,
                result.GetValue(output)!.FullName,
                result.GetValue(fitOut)?.FullName,
                result.GetValue(freeLatent),
                result.GetValue(quadrature),
                result.GetValue(tolerance),
                result.GetValue(cycles),
                !result.GetValue(noSe),
                result.GetValue(threads)),
            Console.Out,
            Console.Error));
        return command;
    }

    public sealed record Request(
        string Responses,
        string Model,
        string? CPrior,
        string? Fixed,
        string Out,
        string? FitOut = null,
        bool FreeLatent = false,
        int QuadraturePoints = 61,
        double Tolerance = 1e-6,
        int MaxCycles = 10_000,
        bool StandardErrors = true,
        int Threads = 0);

    public static int Run(Request request, TextWriter stdout, TextWriter stderr)
    {
        string model = request.Model.ToLowerInvariant();
        if (!Models.Contains(model))
        {
            stderr.WriteLine($"error: --model takes {string.Join(", ", Models)}, but was '{request.Model}'.");
            return 2;
        }

        var calibrationModel = model switch
        {
            "1pl" => CalibrationModel.OnePL,
            "2pl" => CalibrationModel.TwoPL,
            "3pl" => CalibrationModel.ThreePL,
            "gpcm" => CalibrationModel.Gpcm,
            _ => CalibrationModel.Grm,
        };
        BetaPrior? prior = null;
        if (request.CPrior is { } text)
        {
            if (calibrationModel != CalibrationModel.ThreePL)
            {
                stderr.WriteLine($"error: --c-prior applies to --model 3pl only, but the model is {model}.");
                return 2;
            }

            if (!BetaPrior.TryParse(text, out prior))
            {
                stderr.WriteLine($"error: --c-prior must be beta:ALPHA,BETA with both numbers > 0 (e.g. beta:5,17), but was '{text}'.");
                return 2;
            }
        }

        if (request.FreeLatent && request.Fixed is null)
        {
            stderr.WriteLine("error: --free-latent needs --fixed: without fixed items nothing sets the scale.");
            return 2;
        }

        var options = new CalibrationOptions
        {
            Model = calibrationModel,
            GuessingPrior = prior,
            QuadraturePoints = request.QuadraturePoints,
            Tolerance = request.Tolerance,
            MaxCycles = request.MaxCycles,
            StandardErrors = request.StandardErrors,
            ItemFit = true,
            EstimateLatentDistribution = request.FreeLatent,
            MaxDegreeOfParallelism = request.Threads,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }

        return OutputFiles.Run(stderr, request.Out, () =>
        {
            var fixedItems = request.Fixed is null ? null : CalibrationTable.LoadFixed(request.Fixed);
            bool dichotomous = calibrationModel is CalibrationModel.OnePL or CalibrationModel.TwoPL or CalibrationModel.ThreePL;
            var data = CalibrationData.Load(request.Responses, dichotomous ? 1 : CalibrationData.MaxCategory);
            int held = fixedItems is null ? 0 : data.ItemIds.Count(fixedItems.ContainsKey);
            stdout.WriteLine($"calibrating {data.ItemIds.Count - held} {model} items ({held} fixed) from {data.Examinees.Count} examinees, {data.ResponseTotal} responses");
            var clock = Stopwatch.StartNew();
            var result = ItemCalibrator.Calibrate(data, options, fixedItems, new ThrottledProgress(stderr, clock));
            clock.Stop();
            string table = CalibrationTable.Write(result);
            string? fit = request.FitOut is null ? null : FitTable(result);
            OutputFiles.WriteAtomically(request.Out, table);
            if (request.FitOut is not null) OutputFiles.WriteAtomically(request.FitOut, fit!);
            Report(result, clock.Elapsed, request, stdout, stderr);
            return 0;
        }, e => e is CalibrationInputException ? $"{request.Responses}: {e.Message}" : null);
    }

    private static void Report(CalibrationResult result, TimeSpan elapsed, Request request, TextWriter stdout, TextWriter stderr)
    {
        var inv = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(inv,
            $"logLik {result.LogLikelihood:F4}, logPrior {result.LogPrior:F4}, {result.Cycles} EM cycles, converged {(result.Converged ? "yes" : "no")}, {result.FreeParameters} free parameters, {elapsed.TotalSeconds:F2} s"));
        if (request.FreeLatent) stdout.WriteLine(string.Create(inv, $"latent mean {result.LatentMean:F5}, variance {result.LatentVariance:F5}"));
        if (!result.Converged) stderr.WriteLine($"warning: not converged after {result.Cycles} cycles (--max-cycles); the estimates are the last EM step's.");
        if (result.InformationPositiveDefinite == false) stderr.WriteLine("warning: the information matrix is not positive definite (no proper maximum): no standard errors written.");
        var misfit = result.Items.Where(i => i.Fit is { PValue: < 0.01 }).ToList();
        bool anyFit = result.Items.Any(i => i.Fit is not null);
        stdout.WriteLine(anyFit
            ? $"item fit (S-X²): {misfit.Count} item(s) with p < .01{(misfit.Count > 0 ? ": " + string.Join(", ", misfit.Select(i => i.Id)) : "")}"
            : "item fit (S-X²): not computed (needs complete data)");
        stdout.WriteLine($"-> {request.Out}");
    }

    private static string FitTable(CalibrationResult result)
    {
        var sb = new StringBuilder("id,sx2,df,p\n");
        foreach (var item in result.Items.Where(i => !i.Fixed))
        {
            sb.Append(item.Id).Append(',');
            sb.Append(item.Fit is { } f ? string.Create(CultureInfo.InvariantCulture, $"{f.ChiSquare:F4},{f.DegreesOfFreedom},{f.PValue:F6}") : ",,").Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Prints a progress line at most once a second, so short runs stay quiet and long ones show life.</summary>
    private sealed class ThrottledProgress(TextWriter stderr, Stopwatch clock) : IProgress<CalibrationProgress>
    {
        private TimeSpan _next = TimeSpan.FromSeconds(1);

        public void Report(CalibrationProgress value)
        {
            if (clock.Elapsed < _next) return;
            _next = clock.Elapsed + TimeSpan.FromSeconds(1);
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  cycle {value.Cycle}: log posterior {value.LogPosterior:F4}, largest change {value.MaxChange:E1} ({clock.Elapsed.TotalSeconds:F0} s)"));
        }
    }
}
