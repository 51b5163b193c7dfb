using System.CommandLine;
using EmrCat.IO;
using EmrCat.Banks;
using EmrCat.Calibration;

namespace EmrCat.Practice.Commands;

/// <summary>
/// <c>bank update</c>: writes a calibration table (from <c>calibrate</c>) into a JSON bank, changing only the IRT
/// values, promoted pilots' status and the calibration flag; everything else in the file stays byte for byte.
/// </summary>
internal static class BankUpdateCommand
{
    public static Command Create()
    {
        var bank = new Option<FileInfo>("--bank") { Description = "The JSON bank to update.", Required = true };
        var parameters = new Option<FileInfo>("--params") { Description = "The item table calibrate wrote (rows marked fixed are skipped).", Required = true };
        var promote = new Option<int?>("--promote-min-responses") { Description = "Promote pilot items calibrated from at least this many responses to scored." };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the updated bank. Default: replace --bank (atomically)." };
        var update = new Command("update", "Write calibrated parameters into a JSON bank (and optionally promote pilots with enough responses).")
        {
            bank, parameters, promote, output,
        };
        update.SetAction(result => Run(
            result.GetValue(bank)!.FullName,
            result.GetValue(parameters)!.FullName,
            result.GetValue(promote),
            result.GetValue(output)?.FullName,
            Console.Out,
            Console.Error));
        return new Command("bank", "Maintain a JSON item bank.") { update };
    }

    public static int Run(string bankPath, string paramsPath, int? promoteMinResponses, string? outPath, TextWriter stdout, TextWriter stderr)
    {
        if (promoteMinResponses is < 1)
        {
            stderr.WriteLine($"error: --promote-min-responses must be at least 1, but was {promoteMinResponses}.");
            return 2;
        }

        outPath ??= bankPath;
        try
        {
            var rows = CalibrationTable.Load(paramsPath);
            string json;
            try
            {
                json = File.ReadAllText(bankPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: {bankPath}:0:0: Cannot read the file: {e.Message}");
                return 1;
            }

            var outcome = BankParameterUpdate.Apply(bankPath, json, rows, promoteMinResponses);
            OutputFiles.WriteAtomically(outPath, outcome.Json);
            stdout.WriteLine($"updated {outcome.Updated.Count} item(s), promoted {outcome.Promoted.Count} pilot(s) to scored{(outcome.MarkedCalibrated ? ", bank marked calibrated" : "")} -> {outPath}");
            if (outcome.Promoted.Count > 0) stdout.WriteLine($"promoted: {string.Join(", ", outcome.Promoted)}");
            if (outcome.NotInBank.Count > 0) stdout.WriteLine($"not in the bank (left out): {string.Join(", ", outcome.NotInBank)}");
            return 0;
        }
        catch (InputFormatException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (CalibrationInputException e)
        {
            stderr.WriteLine($"error: {paramsPath}: {e.Message}");
            return 1;
        }
        catch (BankValidationException e)
        {
            foreach (var problem in e.Problems) stderr.WriteLine($"error: {problem}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write {outPath}: {e.Message}");
            return 1;
        }
    }
}
