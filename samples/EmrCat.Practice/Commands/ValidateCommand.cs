using System.CommandLine;
using System.Globalization;
using EmrCat.Banks;
using EmrCat.Irt;

namespace EmrCat.Practice.Commands;

/// <summary>
/// <c>validate</c>: checks a bank file and prints a summary of it, or every problem (one per line: path, item id,
/// field, message; exit code 1). JSON banks go through <see cref="ItemBankJson"/>, <c>id,a,b,c,d</c> tables through
/// <see cref="ItemParameterTable"/>.
/// </summary>
internal static class ValidateCommand
{
    private static readonly string[] Formats = ["auto", "json", "csv"];
    private static readonly string[] Presets = ["emr", "none"];

    public static Command Create()
    {
        var bank = new Argument<string>("bank") { Description = "The bank: a JSON bank (item-bank/README.md) or an id,a,b,c,d CSV table." };
        var format = new Option<string>("--format")
        {
            Description = "json, csv, or auto: csv for a .csv file, json otherwise.",
            DefaultValueFactory = _ => "auto",
        };
        format.AcceptOnlyFromAmong(Formats);
        var preset = new Option<string>("--preset")
        {
            Description = "Capacity a JSON bank must have: emr (tests of up to 80 scored and 30 pilot items) or none.",
            DefaultValueFactory = _ => "emr",
        };
        preset.AcceptOnlyFromAmong(Presets);
        var command = new Command("validate", "Check an item bank: print a summary, or every problem with its path, item and field (exit code 1).")
        {
            bank, format, preset,
        };
        command.SetAction(result => Run(result.GetValue(bank)!, result.GetValue(format)!, result.GetValue(preset)!, Console.Out, Console.Error));
        return command;
    }

    public static int Run(string path, string format, string preset, TextWriter stdout, TextWriter stderr)
    {
        if (!Formats.Contains(format) || !Presets.Contains(preset))
        {
            stderr.WriteLine($"error: --format takes {string.Join(", ", Formats)} and --preset takes {string.Join(", ", Presets)}; got '{format}' and '{preset}'.");
            return 2;
        }

        bool csv = format == "csv" || (format == "auto" && string.Equals(Path.GetExtension(path), ".csv", StringComparison.OrdinalIgnoreCase));
        return csv ? RunCsv(path, stdout, stderr) : RunJson(path, preset == "emr" ? BankValidationOptions.Emr : BankValidationOptions.ConsistencyOnly, stdout, stderr);
    }

    private static int RunJson(string path, BankValidationOptions validation, TextWriter stdout, TextWriter stderr)
    {
        ItemBank bank;
        try
        {
            bank = ItemBankJson.Load(path, validation);
        }
        catch (BankValidationException e)
        {
            stderr.WriteLine($"{e.Source}: {Count(e.Problems.Count, "problem")}; nothing was loaded.");
            foreach (var p in e.Problems) stderr.WriteLine($"{p.Path}\t{p.ItemId ?? "-"}\t{p.Field ?? "-"}\t{p.Message}");
            return 1;
        }

        if (validation.MaxScoredItems > 0 || validation.PilotItems > 0)
        {
            // A bank for the EMR preset must also be one the practice host can present.
            var unfit = PracticeBankRules.Problems(bank);
            if (unfit.Count > 0)
            {
                stderr.WriteLine($"{path}: {Count(unfit.Count, "problem")} for the practice host; nothing was loaded.");
                foreach (var (at, id, field, message) in unfit) stderr.WriteLine($"{at}\t{id}\t{field}\t{message}");
                return 1;
            }
        }

        WriteSummary(path, bank, validation, stdout);
        return 0;
    }

    private static int RunCsv(string path, TextWriter stdout, TextWriter stderr)
    {
        IReadOnlyList<CalibratedItem> items;
        try
        {
            items = ItemParameterTable.Load(path);
        }
        catch (InputFormatException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }

        stdout.WriteLine($"{path}: valid id,a,b,c,d table, {Count(items.Count, "item")}");
        stdout.WriteLine($"models: {string.Join(", ", items.GroupBy(i => i.Parameters.Model).OrderBy(g => g.Key).Select(g => $"{Name(g.Key)} {g.Count()}"))}");
        stdout.WriteLine();
        WriteParameterRanges(items.Select(i => i.Parameters).ToList(), includeD: true, stdout);
        return 0;
    }

    private static void WriteSummary(string path, ItemBank bank, BankValidationOptions validation, TextWriter stdout)
    {
        var m = bank.Metadata;
        var items = bank.Items;
        int scored = items.Count(i => i.Status == ItemStatus.Scored);
        bool capacity = validation.MaxScoredItems > 0 || validation.PilotItems > 0;
        stdout.WriteLine($"{path}: valid");
        stdout.WriteLine($"bank {m.Id} \"{m.Title}\" version {m.Version} ({m.Language}), {m.Calibration.ToString().ToLowerInvariant()} parameters");
        stdout.WriteLine($"{Count(items.Count, "item")}: {scored} scored, {items.Count - scored} pilot; " +
            (capacity ? $"capacity checked for tests of up to {validation.MaxScoredItems} scored and {validation.PilotItems} pilot items" : "capacity not checked"));
        stdout.WriteLine();

        var domains = bank.Blueprint.Domains;
        int nameWidth = Math.Max(6, domains.Select(d => d.Name.Length).DefaultIfEmpty(0).Max());
        int idWidth = Math.Max(6, domains.Select(d => d.Id.Length).DefaultIfEmpty(0).Max());
        stdout.WriteLine($"{"domain".PadRight(idWidth)}  {"name".PadRight(nameWidth)}  scored  pilot   share  blueprint{(capacity ? "  needs" : "")}");
        foreach (var d in domains)
        {
            int s = items.Count(i => i.Domain == d.Id && i.Status == ItemStatus.Scored);
            int p = items.Count(i => i.Domain == d.Id && i.Status == ItemStatus.Pilot);
            string needs = capacity ? $"  {validation.ScoredItemsNeeded(d.MaxShare),5}" : "";
            stdout.WriteLine($"{d.Id.PadRight(idWidth)}  {d.Name.PadRight(nameWidth)}  {s,6}  {p,5}  {Percent(s, scored),6}  {Range(d),9}{needs}");
        }

        stdout.WriteLine($"{"total".PadRight(idWidth)}  {"".PadRight(nameWidth)}  {scored,6}  {items.Count - scored,5}");
        stdout.WriteLine();
        WriteParameterRanges(items.Select(i => i.Parameters).ToList(), includeD: items.Any(i => i.Parameters.D < 1.0), stdout);
        stdout.WriteLine();

        int grouped = items.Count(i => i.EnemyGroups.Count > 0);
        stdout.WriteLine($"enemy groups: {bank.EnemyGroups.Count} ({Count(grouped, "item")})");
        stdout.WriteLine($"item types: {string.Join(", ", items.GroupBy(i => i.Type).OrderBy(g => g.Key).Select(g => $"{g.Key.ToString().ToLowerInvariant()} {g.Count()}"))}");
        var tags = items.SelectMany(i => i.Tags).GroupBy(t => t, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal);
        int untagged = items.Count(i => i.Tags.Count == 0);
        stdout.WriteLine($"tags: {string.Join(", ", tags.Select(g => $"{g.Key} {g.Count()}").Append($"(none) {untagged}"))}");
        stdout.WriteLine();
        BankShapeReport.Write(BankShape.Of(bank), stdout);
    }

    private static void WriteParameterRanges(List<ItemParameters> parameters, bool includeD, TextWriter stdout)
    {
        stdout.WriteLine("parameter      min     mean      max");
        void Row(string name, Func<ItemParameters, double> value)
        {
            var values = parameters.Select(value).ToList();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-9}  {values.Min(),7:F2}  {values.Average(),7:F2}  {values.Max(),7:F2}"));
        }

        Row("a", p => p.A);
        Row("b", p => p.B);
        Row("c", p => p.C);
        if (includeD) Row("d", p => p.D);
    }

    private static string Percent(int part, int whole) =>
        whole == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:F1}%");

    private static string Range(BlueprintDomain d) =>
        string.Create(CultureInfo.InvariantCulture, $"{100 * d.MinShare:0.#}–{100 * d.MaxShare:0.#}%");

    private static string Name(IrtModel model) => model switch
    {
        IrtModel.OnePL => "1PL",
        IrtModel.TwoPL => "2PL",
        IrtModel.ThreePL => "3PL",
        _ => "4PL",
    };

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
