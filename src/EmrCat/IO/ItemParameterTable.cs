using System.Globalization;
using EmrCat.Banks;
using EmrCat.Irt;
using nietras.SeparatedValues;

namespace EmrCat.IO;

/// <summary>The column layout of a parameter table that <see cref="ItemParameterTable"/> writes.</summary>
public enum ParameterTableLayout
{
    /// <summary><c>id,a,b,c,d</c>: catR's item bank columns (difficulty form, c lower and d upper asymptote).</summary>
    CatR,

    /// <summary><c>item,a1,d,g,u</c>: mirt's <c>coef(model, simplify = TRUE)</c> (slope-intercept: d = −a·b).</summary>
    MirtSlopeIntercept,

    /// <summary><c>item,a,b,g,u</c>: mirt's <c>coef(model, IRTpars = TRUE, simplify = TRUE)</c>.</summary>
    MirtIrtParameters,
}

/// <summary>
/// Reads and writes item parameter tables in the layouts catR and mirt export (logistic metric, D = 1), through Sep.
/// </summary>
/// <remarks>
/// Columns are matched case-insensitively, in any order:
/// <list type="bullet">
/// <item>the item id: <c>id</c>, <c>item</c> or <c>name</c>, or a first column with an empty name (R's row names, as
/// <c>write.csv</c> writes them); without one, items are named by their row number (1, 2, …) as R does;</item>
/// <item>catR names: <c>a</c>, <c>b</c>, optional <c>c</c> (default 0) and <c>d</c> (upper asymptote, default 1);</item>
/// <item>mirt names, recognised by <c>a1</c>, <c>g</c> or <c>u</c>: slope <c>a1</c> (or <c>a</c>), intercept <c>d</c>
/// (b = −d / a1) or difficulty <c>b</c>, optional <c>g</c> (lower, default 0) and <c>u</c> (upper, default 1).</item>
/// </list>
/// With a <c>model</c> column the table is catR's model layout <c>id,model,a,t1..t5</c>: <c>grm</c> (t = category
/// boundaries β_k), <c>gpcm</c> (t = step parameters δ_k) or <c>pcm</c> (steps, a = 1), with <c>b,c,d</c> for 1–4PL rows.
/// The <c>se_*</c>, <c>n</c> and <c>fixed</c> columns that <c>calibrate</c> writes are ignored. Any other column is an
/// error, as is a multidimensional slope (<c>a2</c> …). Every error is an
/// <see cref="InputFormatException"/> naming file, line and column.
/// </remarks>
public static class ItemParameterTable
{
    /// <summary>Loads a parameter table file.</summary>
    /// <param name="path">The CSV file.</param>
    /// <returns>The items in file order.</returns>
    /// <exception cref="InputFormatException">The file is malformed; the message names file, line and column.</exception>
    public static IReadOnlyList<CalibratedItem> Load(string path) => FromTable(CsvTable.Load(path));

    /// <summary>Reads a parameter table from a stream (UTF-8, read to its end; the caller keeps ownership).</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="source">A label for error messages (e.g. the file name).</param>
    /// <returns>The items in order.</returns>
    /// <exception cref="InputFormatException">The text is malformed.</exception>
    public static IReadOnlyList<CalibratedItem> Load(Stream stream, string source) => FromTable(CsvTable.Load(stream, source));

    /// <summary>Parses CSV text in the layouts of <see cref="Load(string)"/>.</summary>
    /// <param name="source">A label for error messages (e.g. the file name).</param>
    /// <param name="csv">The CSV text.</param>
    /// <returns>The items in order.</returns>
    /// <exception cref="InputFormatException">The text is malformed.</exception>
    public static IReadOnlyList<CalibratedItem> Parse(string source, string csv) => FromTable(CsvTable.Parse(source, csv));

    /// <summary>The parameters of every item of a bank, in bank order, in the logistic metric (a × the bank's D).</summary>
    /// <param name="bank">The bank.</param>
    /// <returns>The items.</returns>
    public static IReadOnlyList<CalibratedItem> FromBank(ItemBank bank)
    {
        ArgumentNullException.ThrowIfNull(bank);
        double scaling = bank.Metric.ScalingConstant;
        return bank.Items.Select(i => new CalibratedItem(i.Id, scaling == 1.0 ? i.Parameters : new ItemParameters(i.Parameters.A * scaling, i.Parameters.B, i.Parameters.C, i.Parameters.D))).ToArray();
    }

    /// <summary>Writes a table that <see cref="Load(string)"/>, catR (<c>read.csv</c>) and mirt read back.</summary>
    /// <param name="writer">Where to write; left open.</param>
    /// <param name="items">The items.</param>
    /// <param name="layout">The columns; default catR's <c>id,a,b,c,d</c>.</param>
    public static void Write(TextWriter writer, IEnumerable<CalibratedItem> items, ParameterTableLayout layout = ParameterTableLayout.CatR)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(items);
        if (!Enum.IsDefined(layout)) throw new ArgumentOutOfRangeException(nameof(layout), layout, "Unknown layout.");
        string[] names = layout switch
        {
            ParameterTableLayout.MirtSlopeIntercept => ["item", "a1", "d", "g", "u"],
            ParameterTableLayout.MirtIrtParameters => ["item", "a", "b", "g", "u"],
            _ => ["id", "a", "b", "c", "d"],
        };
        using var csv = Sep.New(',').Writer(o => o with { Escape = true, CultureInfo = CultureInfo.InvariantCulture }).To(writer, leaveOpen: true);
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            var p = item.Parameters;
            double second = layout == ParameterTableLayout.MirtSlopeIntercept ? -p.A * p.B : p.B;
            using var row = csv.NewRow();
            row[names[0]].Set(item.Id);
            row[names[1]].Set(Number(p.A));
            row[names[2]].Set(Number(second));
            row[names[3]].Set(Number(p.C));
            row[names[4]].Set(Number(p.D));
        }
    }

    /// <summary>The table as CSV text (see <see cref="Write(TextWriter, IEnumerable{CalibratedItem}, ParameterTableLayout)"/>).</summary>
    /// <param name="items">The items.</param>
    /// <param name="layout">The columns.</param>
    /// <returns>The CSV text.</returns>
    public static string ToCsv(IEnumerable<CalibratedItem> items, ParameterTableLayout layout = ParameterTableLayout.CatR)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(writer, items, layout);
        return writer.ToString();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static readonly string[] IdNames = ["id", "item", "name"];

    private static readonly string[] Thresholds = ["t1", "t2", "t3", "t4", "t5"];

    private static List<CalibratedItem> FromTable(CsvTable table)
    {
        if (table.Header.Any(h => string.Equals(h, "model", StringComparison.OrdinalIgnoreCase))) return FromModelTable(table);
        string[] header = table.Header.Select(h => h.ToLowerInvariant()).ToArray();
        for (int h = 0; h < header.Length; h++)
        {
            if (header.AsSpan(0, h).Contains(header[h])) throw new InputFormatException(table.Source, 1, 0, "A column name appears twice in the header.");
        }

        bool mirt = header.Any(h => h is "a1" or "g" or "u");
        string expected = mirt ? "expected an item column and a1,d,g,u or a,b,g,u (mirt)" : "expected id,a,b,c,d (catR) or a1,d,g,u (mirt)";
        for (int h = 0; h < header.Length; h++)
        {
            string name = header[h];
            bool known = IdNames.Contains(name) || (name.Length == 0 && h == 0) || name is "a" or "b" or "d" || (mirt ? name is "a1" or "g" or "u" : name is "c");
            // calibrate's output adds SEs, responses per item and a fixed flag; scoring needs none of them.
            bool calibrationExtra = name.StartsWith("se_", StringComparison.Ordinal) || name is "n" or "fixed";
            if (known || calibrationExtra) continue;
            string problem = name.Length > 1 && name[0] == 'a' && name[1..].All(char.IsAsciiDigit)
                ? $"Column '{table.Header[h]}' is a slope of a multidimensional model; only unidimensional items are supported."
                : $"Unknown column '{table.Header[h]}'; {expected}.";
            throw new InputFormatException(table.Source, 1, h + 1, problem);
        }

        int Column(params string[] names) => Array.FindIndex(header, names.Contains);
        int id = Column(IdNames);
        if (id < 0 && header[0].Length == 0) id = 0;
        int a, b, c, d, intercept = -1;
        if (mirt)
        {
            a = Column("a1", "a");
            if (header.Contains("a1") && header.Contains("a")) throw new InputFormatException(table.Source, 1, Column("a") + 1, "Both 'a' and 'a1' name the slope; keep one.");
            b = Column("b");
            intercept = Column("d");
            if (b >= 0 && intercept >= 0) throw new InputFormatException(table.Source, 1, intercept + 1, "Both 'b' (difficulty) and 'd' (mirt's intercept) are given; keep one.");
            if (b < 0 && intercept < 0) throw new InputFormatException(table.Source, 1, 0, "The header has neither 'd' (intercept) nor 'b' (difficulty); expected a1,d,g,u or a,b,g,u.");
            c = Column("g");
            d = Column("u");
        }
        else
        {
            a = Column("a");
            b = Column("b");
            c = Column("c");
            d = Column("d");
            if (b < 0) throw new InputFormatException(table.Source, 1, 0, "The header has no 'b' column; expected id,a,b,c,d.");
        }

        if (a < 0) throw new InputFormatException(table.Source, 1, 0, mirt ? "The header has no 'a1' (slope) column; expected a1,d,g,u." : "The header has no 'a' column; expected id,a,b,c,d.");
        if (table.Rows.Count == 0) throw new InputFormatException(table.Source, 0, 0, "The table has a header but no items.");

        var items = new List<CalibratedItem>(table.Rows.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int r = 0; r < table.Rows.Count; r++)
        {
            var (line, fields) = table.Rows[r];
            string itemId = id >= 0 ? fields[id] : (r + 1).ToString(CultureInfo.InvariantCulture);
            if (itemId.Length == 0) throw new InputFormatException(table.Source, line, id + 1, "The item id is empty.");
            if (seen.TryGetValue(itemId, out int firstLine)) throw new InputFormatException(table.Source, line, id + 1, $"Item id '{itemId}' repeats line {firstLine}.");
            seen[itemId] = line;

            double Number(int column, double fallback)
            {
                if (column < 0) return fallback;
                string text = fields[column];
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                {
                    throw new InputFormatException(table.Source, line, column + 1, $"Item '{itemId}': field '{table.Header[column]}' must be a finite number, but was '{text}'.");
                }

                return value;
            }

            double av = Number(a, 1), cv = Number(c, 0), dv = Number(d, 1);
            double bv = intercept >= 0 ? -Number(intercept, 0) / av : Number(b, 0);
            if (ItemParameters.Validate(av, bv, cv, dv) is { } problem)
            {
                int column = problem.Field switch { "a" => a, "b" => intercept >= 0 ? intercept : b, "c" => c, _ => d };
                throw new InputFormatException(table.Source, line, column + 1, $"Item '{itemId}': {problem.Message}");
            }

            items.Add(new CalibratedItem(itemId, new ItemParameters(av, bv, cv, dv)));
        }

        return items;
    }

    /// <summary>
    /// catR's model layout <c>id,model,a,t1..t5</c> (with <c>b,c,d</c> as well, one table can mix 1–4PL and
    /// GRM/GPCM/PCM rows): <c>grm</c> t = increasing category boundaries β_k, <c>gpcm</c> t = step parameters δ_k,
    /// <c>pcm</c> steps with a = 1 or empty; an item with fewer categories leaves its last t cells empty.
    /// </summary>
    private static List<CalibratedItem> FromModelTable(CsvTable table)
    {
        const string expected = "id,model,a,t1..t5 (and b,c,d for 1-4PL rows)";
        int Column(string name, bool required)
        {
            int found = Array.FindIndex(table.Header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
            if (found < 0 && required) throw new InputFormatException(table.Source, 1, 0, $"The header has no '{name}' column; expected {expected}.");
            return found;
        }

        for (int h = 0; h < table.Header.Length; h++)
        {
            string name = table.Header[h].ToLowerInvariant();
            bool known = name is "id" or "a" or "b" or "c" or "d" or "model" || Thresholds.Contains(name) || name.StartsWith("se_", StringComparison.Ordinal) || name is "n" or "fixed";
            if (!known) throw new InputFormatException(table.Source, 1, h + 1, $"Unknown column '{table.Header[h]}'; expected {expected}.");
        }

        if (table.Header.Distinct(StringComparer.OrdinalIgnoreCase).Count() != table.Header.Length)
        {
            throw new InputFormatException(table.Source, 1, 0, "A column name appears twice in the header.");
        }

        int id = Column("id", true), a = Column("a", false), b = Column("b", false), c = Column("c", false), d = Column("d", false);
        int model = Column("model", true);
        int[] t = Thresholds.Select(name => Column(name, false)).ToArray();
        if (table.Rows.Count == 0) throw new InputFormatException(table.Source, 0, 0, "The table has a header but no items.");

        var items = new List<CalibratedItem>(table.Rows.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, fields) in table.Rows)
        {
            string itemId = fields[id];
            if (itemId.Length == 0) throw new InputFormatException(table.Source, line, id + 1, "The item id is empty.");
            if (seen.TryGetValue(itemId, out int firstLine)) throw new InputFormatException(table.Source, line, id + 1, $"Item id '{itemId}' repeats line {firstLine}.");
            seen[itemId] = line;

            // A cell a row's model does not use is empty.
            double Number(int column, string name, double fallback, bool required = false)
            {
                if (column < 0 || fields[column].Length == 0)
                {
                    if (!required) return fallback;
                    throw new InputFormatException(table.Source, line, column < 0 ? 0 : column + 1, $"Item '{itemId}': field '{name}' is required for this model.");
                }

                string text = fields[column];
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                {
                    throw new InputFormatException(table.Source, line, column + 1, $"Item '{itemId}': field '{name}' must be a finite number, but was '{text}'.");
                }

                return value;
            }

            IrtModel? rowModel = fields[model].ToLowerInvariant() switch
            {
                "1pl" or "2pl" or "3pl" or "4pl" => null,
                "grm" => IrtModel.GradedResponse,
                "gpcm" => IrtModel.GeneralizedPartialCredit,
                "pcm" => IrtModel.PartialCredit,
                var other => throw new InputFormatException(table.Source, line, model + 1,
                    $"Item '{itemId}': model must be 1pl, 2pl, 3pl, 4pl, grm, gpcm or pcm, but was '{other}'."),
            };

            if (rowModel is { } polytomous)
            {
                if (b >= 0 && fields[b].Length > 0) throw new InputFormatException(table.Source, line, b + 1, $"Item '{itemId}': a {fields[model]} item takes a and t1..t5, not b.");
                var values = new List<double>();
                for (int k = 0; k < t.Length; k++)
                {
                    if (t[k] < 0 || fields[t[k]].Length == 0) continue;
                    if (values.Count != k) throw new InputFormatException(table.Source, line, t[k] + 1, $"Item '{itemId}': t{k + 1} is filled but t{values.Count + 1} is empty; fill thresholds from t1 on.");
                    values.Add(Number(t[k], $"t{k + 1}", 0, required: true));
                }

                if (values.Count == 0) throw new InputFormatException(table.Source, line, t[0] < 0 ? 0 : t[0] + 1, $"Item '{itemId}': a {fields[model]} item needs at least t1.");
                double slope = polytomous == IrtModel.PartialCredit ? Number(a, "a", 1.0) : Number(a, "a", 0, required: true);
                if (ItemParameters.ValidatePolytomous(polytomous, slope, values.ToArray()) is { } polyProblem)
                {
                    int column = polyProblem.Field == "a" ? a : polyProblem.Field.StartsWith('t') ? t[polyProblem.Field[1] - '1'] : model;
                    throw new InputFormatException(table.Source, line, column + 1, $"Item '{itemId}': {polyProblem.Message}");
                }

                items.Add(new CalibratedItem(itemId, ItemParameters.Polytomous(polytomous, slope, values.ToArray())));
                continue;
            }

            foreach (int column in t)
            {
                if (column >= 0 && fields[column].Length > 0) throw new InputFormatException(table.Source, line, column + 1, $"Item '{itemId}': a {fields[model]} item takes a,b,c,d, not thresholds.");
            }

            double av = Number(a, "a", 1, required: true), bv = Number(b, "b", 0, required: true), cv = Number(c, "c", 0), dv = Number(d, "d", 1);
            if (ItemParameters.Validate(av, bv, cv, dv) is { } problem)
            {
                int column = problem.Field switch { "a" => a, "b" => b, "c" => c, _ => d };
                throw new InputFormatException(table.Source, line, column + 1, $"Item '{itemId}': {problem.Message}");
            }

            items.Add(new CalibratedItem(itemId, new ItemParameters(av, bv, cv, dv)));
        }

        return items;
    }
}
