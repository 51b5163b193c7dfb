using System.Globalization;
using System.Text;
using EmrCat.Banks;
using EmrCat.Internal;

namespace EmrCat.Calibration;

/// <summary>
/// Item tables in IRT form (never slope–intercept), the layouts <c>score</c> and mirt's oracle use:
/// dichotomous <c>id,a,b,c[,d]</c>, GPCM <c>id,a,t1..tK</c>, GRM <c>id,a,b1..bK</c>; written with a <c>fixed</c>
/// column when some items were held, SE columns <c>se_a, se_b, …</c> (empty where not estimated) and <c>n</c>, the
/// responses per item.
/// </summary>
public static class CalibrationTable
{
    /// <summary>Writes the result as CSV.</summary>
    /// <param name="result">The calibration result.</param>
    /// <returns>The CSV text (header first, one row per item, LF line ends).</returns>
    public static string Write(CalibrationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var items = result.Items;
        var family = Family(items[0].Parameters.Model);
        int k = items.Max(i => i.Parameters.IsDichotomous ? 1 : i.Parameters.Locations.Length);
        bool withD = items.Any(i => i.Parameters.D < 1);
        bool withFixed = items.Any(i => i.Fixed);
        var columns = new List<string> { "a" };
        switch (family)
        {
            case "dichotomous":
                columns.AddRange(["b", "c"]);
                if (withD) columns.Add("d");
                break;
            case "gpcm":
                for (int v = 1; v <= k; v++) columns.Add($"t{v}");
                break;
            default:
                for (int v = 1; v <= k; v++) columns.Add($"b{v}");
                break;
        }

        var se = columns.Where(c => c != "d").Select(c => "se_" + c).ToList();
        var sb = new StringBuilder("id,").Append(string.Join(",", columns));
        if (withFixed) sb.Append(",fixed");
        sb.Append(',').Append(string.Join(",", se)).Append(",n\n");
        foreach (var item in items)
        {
            var p = item.Parameters;
            sb.Append(item.Id).Append(',').Append(Number(p.A));
            if (family == "dichotomous")
            {
                sb.Append(',').Append(Number(p.Locations[0])).Append(',').Append(Number(p.C));
                if (withD) sb.Append(',').Append(Number(p.D));
            }
            else
            {
                for (int v = 0; v < k; v++) sb.Append(',').Append(v < p.Locations.Length ? Number(p.Locations[v]) : "");
            }

            if (withFixed) sb.Append(',').Append(item.Fixed ? '1' : '0');
            var e = item.StandardErrors;
            sb.Append(',').Append(Maybe(e?.A));
            for (int v = 0; v < k; v++) sb.Append(',').Append(Maybe(e is not null && v < e.Locations.Length ? e.Locations[v] : null));
            if (family == "dichotomous") sb.Append(',').Append(Maybe(e?.C));
            sb.Append(',').Append(item.Responses.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// Reads items to hold fixed: a table in any layout <see cref="Write"/> produces (also mirt's oracle files).
    /// Columns <c>se_*</c> and <c>n</c> are ignored; with a <c>fixed</c> column only rows marked 1 are taken.
    /// Dichotomous rows are 1PL/2PL/3PL by their values (c &gt; 0 or d &lt; 1 is 3PL/4PL).
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <returns>Parameters by item id.</returns>
    /// <exception cref="InputFormatException">The file is malformed; the message names file, line, column and item.</exception>
    public static IReadOnlyDictionary<string, CalibratedParameters> LoadFixed(string path) => Held(FromTable(CsvTable.Load(path)));

    /// <summary>Parses CSV text in the layout of <see cref="LoadFixed"/>.</summary>
    /// <param name="source">A label for error messages.</param>
    /// <param name="csv">The text.</param>
    /// <returns>Parameters by item id.</returns>
    /// <exception cref="InputFormatException">The text is malformed.</exception>
    public static IReadOnlyDictionary<string, CalibratedParameters> ParseFixed(string source, string csv) => Held(FromTable(CsvTable.Parse(source, csv)));

    /// <summary>Reads every row of a table in the layout of <see cref="LoadFixed"/>, with its fixed flag and response count.</summary>
    /// <param name="path">The CSV file.</param>
    /// <returns>The rows in file order.</returns>
    /// <exception cref="InputFormatException">The file is malformed.</exception>
    public static IReadOnlyList<CalibrationTableRow> Load(string path) => FromTable(CsvTable.Load(path));

    /// <summary>Parses CSV text in the layout of <see cref="Load"/>.</summary>
    /// <param name="source">A label for error messages.</param>
    /// <param name="csv">The text.</param>
    /// <returns>The rows in order.</returns>
    /// <exception cref="InputFormatException">The text is malformed.</exception>
    public static IReadOnlyList<CalibrationTableRow> Parse(string source, string csv) => FromTable(CsvTable.Parse(source, csv));

    private static Dictionary<string, CalibratedParameters> Held(List<CalibrationTableRow> rows)
    {
        bool anyFlag = rows.Any(r => r.Fixed);
        return rows.Where(r => r.Fixed || !anyFlag && r.FixedColumnAbsent).ToDictionary(r => r.Id, r => r.Parameters, StringComparer.Ordinal);
    }

    private static string Family(CalibrationModel model) => model switch
    {
        CalibrationModel.Gpcm => "gpcm",
        CalibrationModel.Grm => "grm",
        _ => "dichotomous",
    };

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Maybe(double? value) => value is double v ? v.ToString("0.######", CultureInfo.InvariantCulture) : "";

    private static List<CalibrationTableRow> FromTable(CsvTable table)
    {
        var header = table.Header.Select(h => h.ToLowerInvariant()).ToArray();
        int Col(string name) => Array.IndexOf(header, name);
        for (int h = 0; h < header.Length; h++)
        {
            string name = header[h];
            bool known = name is "id" or "a" or "b" or "c" or "d" or "fixed" or "n" || name.StartsWith("se_", StringComparison.Ordinal)
                || (name.Length > 1 && name[0] is 't' or 'b' && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= 1);
            if (!known) throw new InputFormatException(table.Source, 1, h + 1, $"Unknown column '{table.Header[h]}'; expected id,a,b,c,d or id,a,t1..tK (GPCM) or id,a,b1..bK (GRM), optionally fixed, se_*, n.");
            if (Array.IndexOf(header, name) != h) throw new InputFormatException(table.Source, 1, h + 1, $"Column '{table.Header[h]}' appears twice.");
        }

        if (Col("id") < 0) throw new InputFormatException(table.Source, 1, 0, "The header has no 'id' column.");
        if (Col("a") < 0) throw new InputFormatException(table.Source, 1, 0, "The header has no 'a' column.");
        var steps = Enumerable.Range(1, 99).Select(v => Col($"t{v}")).TakeWhile(c => c >= 0).ToArray();
        var thresholds = Enumerable.Range(1, 99).Select(v => Col($"b{v}")).TakeWhile(c => c >= 0).ToArray();
        var family = steps.Length > 0 ? CalibrationModel.Gpcm : thresholds.Length > 0 ? CalibrationModel.Grm : CalibrationModel.TwoPL;
        if (steps.Length > 0 && thresholds.Length > 0 || (family != CalibrationModel.TwoPL && Col("b") >= 0))
        {
            throw new InputFormatException(table.Source, 1, 0, "The header mixes layouts: use b (dichotomous), t1..tK (GPCM) or b1..bK (GRM).");
        }

        if (family == CalibrationModel.TwoPL && Col("b") < 0) throw new InputFormatException(table.Source, 1, 0, "The header has no 'b' column (nor t1.. or b1..).");
        var items = new List<CalibrationTableRow>();
        int nCol = Col("n");
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        int fixedCol = Col("fixed");
        foreach (var (line, fields) in table.Rows)
        {
            string id = fields[Col("id")];
            if (id.Length == 0) throw new InputFormatException(table.Source, line, Col("id") + 1, "The item id is empty.");
            if (lines.TryGetValue(id, out int first)) throw new InputFormatException(table.Source, line, Col("id") + 1, $"Item id '{id}' repeats line {first}.");
            lines[id] = line;
            bool isFixed = false;
            if (fixedCol >= 0)
            {
                string flag = fields[fixedCol];
                if (flag is not ("0" or "" or "1")) throw new InputFormatException(table.Source, line, fixedCol + 1, $"Item '{id}': field 'fixed' must be 1 or 0, but was '{flag}'.");
                isFixed = flag == "1";
            }

            int? responses = null;
            if (nCol >= 0 && fields[nCol].Length > 0)
            {
                if (!int.TryParse(fields[nCol], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
                {
                    throw new InputFormatException(table.Source, line, nCol + 1, $"Item '{id}': field 'n' must be a whole number ≥ 0, but was '{fields[nCol]}'.");
                }

                responses = count;
            }

            double Number(int column, string name, double fallback, bool allowEmpty)
            {
                if (column < 0) return fallback;
                string text = fields[column];
                if (allowEmpty && text.Length == 0) return double.NaN;
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                {
                    throw new InputFormatException(table.Source, line, column + 1, $"Item '{id}': field '{name}' must be a finite number, but was '{text}'.");
                }

                return value;
            }

            double a = Number(Col("a"), "a", 1, false);
            CalibrationModel model = family;
            double c = 0, d = 1;
            List<double> locations;
            int[] locationColumns;
            if (family == CalibrationModel.TwoPL)
            {
                locationColumns = [Col("b")];
                locations = [Number(Col("b"), "b", 0, false)];
                c = Number(Col("c"), "c", 0, false);
                d = Number(Col("d"), "d", 1, false);
                model = c > 0 || d < 1 ? CalibrationModel.ThreePL : a == 1 ? CalibrationModel.OnePL : CalibrationModel.TwoPL;
            }
            else
            {
                // Items with fewer categories than the widest leave their last step cells empty.
                locationColumns = family == CalibrationModel.Gpcm ? steps : thresholds;
                string prefix = family == CalibrationModel.Gpcm ? "t" : "b";
                locations = locationColumns.Select((col, v) => Number(col, $"{prefix}{v + 1}", 0, true)).ToList();
                int used = locations.FindIndex(double.IsNaN);
                if (used == 0) throw new InputFormatException(table.Source, line, locationColumns[0] + 1, $"Item '{id}': field '{prefix}1' is empty.");
                if (used > 0)
                {
                    if (locations.Skip(used).Any(v => !double.IsNaN(v))) throw new InputFormatException(table.Source, line, locationColumns[used] + 1, $"Item '{id}': field '{prefix}{used + 1}' is empty but a later one is not.");
                    locations = locations.Take(used).ToList();
                }
            }

            if (CalibratedParameters.Problem(model, a, locations, c, d) is { } problem)
            {
                string field = problem.StartsWith("Discrimination", StringComparison.Ordinal) ? "a" : problem.StartsWith("Lower", StringComparison.Ordinal) ? "c" : problem.StartsWith("Upper", StringComparison.Ordinal) ? "d" : "b";
                int column = field switch { "a" => Col("a"), "c" => Col("c"), "d" => Col("d"), _ => locationColumns[0] };
                throw new InputFormatException(table.Source, line, column + 1, $"Item '{id}': {problem}");
            }

            items.Add(new CalibrationTableRow(id, new CalibratedParameters(model, a, locations, c, d), isFixed, responses, line) { FixedColumnAbsent = fixedCol < 0 });
        }

        if (table.Rows.Count == 0) throw new InputFormatException(table.Source, 0, 0, "The table has a header but no items.");
        return items;
    }
}

/// <summary>One row of an item table.</summary>
/// <param name="Id">The item id.</param>
/// <param name="Parameters">Its parameters.</param>
/// <param name="Fixed">Whether the row is marked fixed (held, not estimated).</param>
/// <param name="Responses">The <c>n</c> column: how many responses the estimate rests on, when the table has it.</param>
/// <param name="Line">The row's line in the file.</param>
public sealed record CalibrationTableRow(string Id, CalibratedParameters Parameters, bool Fixed, int? Responses, int Line)
{
    internal bool FixedColumnAbsent { get; init; }
}
