using System.CommandLine;
using System.Text;
using EmrCat.IO;
using EmrCat.Banks;
using EmrCat.Practice.Storage;

namespace EmrCat.Practice.Commands;

/// <summary>
/// <c>export-responses</c>: the history database's answers (every run, pilot items included) as a response matrix
/// for <c>calibrate</c>: one row per session (<c>run-ID</c>), one column per item answered in any run, 1/0 scored
/// against the bank's key, empty where the item was not given.
/// </summary>
internal static class ExportResponsesCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--out") { Description = "Where to write the matrix (examinee, then one column per item).", Required = true };
        var bank = new Option<string>("--bank") { Description = "The bank whose keys score the answers. Default: the bundled bank.", DefaultValueFactory = _ => BankFiles.DefaultBankPath };
        var dataDir = new Option<string>("--data-dir") { Description = "Where the history database lives.", DefaultValueFactory = _ => PracticeStore.DefaultDataDirectory };
        var command = new Command("export-responses", "Export the response history (all runs, pilots included) as a response matrix for calibrate.")
        {
            output, bank, dataDir,
        };
        command.SetAction(result => Run(result.GetValue(output)!.FullName, result.GetValue(bank)!, result.GetValue(dataDir)!, Console.Out, Console.Error));
        return command;
    }

    public static int Run(string outPath, string bankPath, string dataDirectory, TextWriter stdout, TextWriter stderr)
    {
        ItemBank bank;
        try
        {
            bank = BankFiles.Load(bankPath);
        }
        catch (InputFormatException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (BankValidationException e)
        {
            foreach (var problem in e.Problems) stderr.WriteLine($"error: {problem}");
            return 1;
        }

        if (!File.Exists(Path.Combine(dataDirectory, "emrcat.db")))
        {
            stderr.WriteLine($"error: {Path.Combine(dataDirectory, "emrcat.db")}:0:0: No history database here (--data-dir).");
            return 1;
        }

        using var store = PracticeStore.Open(dataDirectory);
        var answers = store.AllAnswers();
        var unknown = answers.Select(a => a.ItemId).Where(id => !bank.TryGetIndex(id, out _)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            stderr.WriteLine($"error: {bankPath}: the history has answers to items this bank lacks ({string.Join(", ", unknown.Take(5))}{(unknown.Count > 5 ? ", …" : "")}); pass the bank the runs used (--bank).");
            return 1;
        }

        // Columns in bank order, only items someone answered.
        var answered = answers.Select(a => a.ItemId).ToHashSet(StringComparer.Ordinal);
        var columns = bank.Items.Where(i => answered.Contains(i.Id)).ToList();
        var index = columns.Select((item, col) => (item.Id, col)).ToDictionary(x => x.Id, x => x.col, StringComparer.Ordinal);
        var sb = new StringBuilder("examinee");
        foreach (var item in columns) sb.Append(',').Append(item.Id);
        sb.Append('\n');
        int rows = 0;
        foreach (var run in answers.GroupBy(a => a.SessionId))
        {
            var cells = new string[columns.Count];
            Array.Fill(cells, "");
            foreach (var (_, itemId, answer) in run)
            {
                bank.TryGetIndex(itemId, out int at);
                cells[index[itemId]] = bank.Items[at].IsCorrect(answer) ? "1" : "0";
            }

            sb.Append("run-").Append(run.Key).Append(',').Append(string.Join(",", cells)).Append('\n');
            rows++;
        }

        if (rows == 0)
        {
            stderr.WriteLine("error: the history has no answers yet: nothing to export.");
            return 1;
        }

        try
        {
            OutputFiles.WriteAtomically(outPath, sb.ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write {outPath}: {e.Message}");
            return 1;
        }

        stdout.WriteLine($"exported {rows} run(s) × {columns.Count} item(s) ({columns.Count(i => i.Status == ItemStatus.Pilot)} pilot) -> {outPath}");
        return 0;
    }
}
