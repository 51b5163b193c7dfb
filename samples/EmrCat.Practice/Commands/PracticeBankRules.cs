using System.Globalization;
using EmrCat.Banks;

namespace EmrCat.Practice.Commands;

/// <summary>
/// What the practice host can present, beyond what every bank must meet: at most 26 options (one letter each, A–Z, for
/// single-answer, select-all and ordering items alike), and texts a screen can show (a stem or rationale of at most 4,000 characters, an option of at most 1,000).
/// <c>validate --preset emr</c> and the practice run share these rules, so a bank that validates also runs.
/// </summary>
internal static class PracticeBankRules
{
    public const int MaxOptions = 26;
    public const int MaxStemLength = 4_000;
    public const int MaxOptionLength = 1_000;
    public const int MaxRationaleLength = 4_000;

    /// <summary>Every problem, as (JSON path, item id, field, message), in bank order.</summary>
    public static IReadOnlyList<(string Path, string ItemId, string Field, string Message)> Problems(ItemBank bank)
    {
        var problems = new List<(string, string, string, string)>();
        for (int i = 0; i < bank.Items.Count; i++)
        {
            var item = bank.Items[i];
            string at = string.Create(CultureInfo.InvariantCulture, $"$.items[{i}]");
            if (item.Options.Count > MaxOptions)
            {
                problems.Add(($"{at}.options", item.Id, "options", string.Create(CultureInfo.InvariantCulture, $"The item has {item.Options.Count} options; the practice host labels at most {MaxOptions} (A–Z).")));
            }

            if (item.Stem.Length > MaxStemLength) problems.Add(($"{at}.stem", item.Id, "stem", TooLong("stem", item.Stem.Length, MaxStemLength)));
            if (item.Rationale.Length > MaxRationaleLength) problems.Add(($"{at}.rationale", item.Id, "rationale", TooLong("rationale", item.Rationale.Length, MaxRationaleLength)));
            for (int k = 0; k < item.Options.Count; k++)
            {
                if (item.Options[k].Text.Length > MaxOptionLength)
                {
                    problems.Add((string.Create(CultureInfo.InvariantCulture, $"{at}.options[{k}].text"), item.Id, string.Create(CultureInfo.InvariantCulture, $"options[{k}].text"), TooLong("option text", item.Options[k].Text.Length, MaxOptionLength)));
                }
            }
        }

        return problems;
    }

    /// <summary>Throws a <see cref="HostException"/> naming the file and its problems when the bank cannot be run.</summary>
    public static void ThrowIfUnfit(ItemBank bank, string path)
    {
        var problems = Problems(bank);
        if (problems.Count > 0) throw new HostException(Describe(path, problems.Select(p => $"{p.Path} (item {p.ItemId}, field {p.Field}): {p.Message}").ToList()));
    }

    /// <summary>"bank.json cannot be used (3 problems; nothing was loaded):" then up to 10 problems, one per line.</summary>
    public static string Describe(string path, IReadOnlyList<string> problems)
    {
        const int Shown = 10;
        var text = new System.Text.StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"{path} cannot be used ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}; nothing was loaded):"));
        foreach (var problem in problems.Take(Shown)) text.Append(Environment.NewLine).Append("  ").Append(problem);
        if (problems.Count > Shown) text.Append(Environment.NewLine).Append(CultureInfo.InvariantCulture, $"  … and {problems.Count - Shown} more: 'validate {path}' lists them all.");
        return text.ToString();
    }

    private static string TooLong(string what, int length, int max) =>
        string.Create(CultureInfo.InvariantCulture, $"The {what} is {length:N0} characters; the practice host shows at most {max:N0}.");
}
