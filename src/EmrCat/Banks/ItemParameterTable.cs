using System.Globalization;
using EmrCat.Internal;
using EmrCat.Irt;

namespace EmrCat.Banks;

/// <summary>An item's id with its IRT parameters: one row of an <c>id,a,b,c,d</c> table (the catR/mirt layout).</summary>
/// <param name="Id">The item id.</param>
/// <param name="Parameters">The item's parameters.</param>
public sealed record CalibratedItem(string Id, ItemParameters Parameters);

/// <summary>
/// Reads item parameter tables: the dichotomous <c>id,a,b,c,d</c> layout (catR/mirt), and the model layout
/// <c>id,model,a,t1..t5</c> of catR's polytomous items (with <c>b,c,d</c> columns as well, one table can mix 1–4PL and
/// GRM/GPCM/PCM rows).
/// </summary>
public static class ItemParameterTable
{
    private static readonly string[] Thresholds = ["t1", "t2", "t3", "t4", "t5"];

    /// <summary>
    /// Loads a CSV table. Without a <c>model</c> column the header names <c>id</c>, <c>a</c> and <c>b</c>, and optionally
    /// <c>c</c> (default 0) and <c>d</c> (default 1). With a <c>model</c> column each row names its model: <c>grm</c>
    /// (t = increasing category boundaries β_k), <c>gpcm</c> (t = step parameters δ_k) or <c>pcm</c> (steps, a = 1 or
    /// empty), using <c>a</c> and <c>t1</c>..<c>t5</c> (an item with fewer categories leaves its last t cells empty;
    /// categories = filled t + 1); or <c>1pl</c>..<c>4pl</c>, using <c>a,b,c,d</c>. Columns are matched
    /// case-insensitively, in any order; other columns are an error.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <returns>The items in file order.</returns>
    /// <exception cref="InputFormatException">The file is malformed; the message names file, line and column.</exception>
    public static IReadOnlyList<CalibratedItem> Load(string path) => FromTable(CsvTable.Load(path));

    /// <summary>Parses CSV text in the same layout as <see cref="Load"/>.</summary>
    /// <param name="source">A label for error messages (e.g. the file name).</param>
    /// <param name="csv">The CSV text.</param>
    /// <returns>The items in order.</returns>
    /// <exception cref="InputFormatException">The text is malformed.</exception>
    public static IReadOnlyList<CalibratedItem> Parse(string source, string csv) => FromTable(CsvTable.Parse(source, csv));

    private static List<CalibratedItem> FromTable(CsvTable table)
    {
        bool withModel = table.Header.Any(h => string.Equals(h, "model", StringComparison.OrdinalIgnoreCase));
        string expected = withModel ? "id,model,a,t1..t5 (and b,c,d for 1-4PL rows)" : "id,a,b,c,d";
        int Column(string name, bool required)
        {
            int found = Array.FindIndex(table.Header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
            if (found < 0 && required) throw new InputFormatException(table.Source, 1, 0, $"The header has no '{name}' column; expected {expected}.");
            return found;
        }

        for (int h = 0; h < table.Header.Length; h++)
        {
            string name = table.Header[h].ToLowerInvariant();
            bool known = name is "id" or "a" or "b" or "c" or "d" || (withModel && (name == "model" || Thresholds.Contains(name)));
            if (!known) throw new InputFormatException(table.Source, 1, h + 1, $"Unknown column '{table.Header[h]}'; expected {expected}.");
        }

        int id = Column("id", true), a = Column("a", !withModel), b = Column("b", !withModel), c = Column("c", false), d = Column("d", false);
        int model = Column("model", false);
        int[] t = Thresholds.Select(name => Column(name, false)).ToArray();
        if (table.Header.Distinct(StringComparer.OrdinalIgnoreCase).Count() != table.Header.Length)
        {
            throw new InputFormatException(table.Source, 1, 0, "A column name appears twice in the header.");
        }

        if (table.Rows.Count == 0) throw new InputFormatException(table.Source, 0, 0, "The table has a header but no items.");
        var items = new List<CalibratedItem>(table.Rows.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, fields) in table.Rows)
        {
            string itemId = fields[id];
            if (itemId.Length == 0) throw new InputFormatException(table.Source, line, id + 1, "The item id is empty.");
            if (seen.TryGetValue(itemId, out int firstLine)) throw new InputFormatException(table.Source, line, id + 1, $"Item id '{itemId}' repeats line {firstLine}.");
            seen[itemId] = line;

            double Number(int column, string name, double fallback, bool required = false)
            {
                // In the model layout a cell a row's model does not use is empty; the dichotomous layout fills every cell.
                if (column < 0 || (withModel && fields[column].Length == 0))
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

            IrtModel? rowModel = model < 0 ? null : fields[model].ToLowerInvariant() switch
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
                int lastColumn = -1;
                for (int k = 0; k < t.Length; k++)
                {
                    if (t[k] < 0 || fields[t[k]].Length == 0) continue;
                    if (values.Count != k) throw new InputFormatException(table.Source, line, t[k] + 1, $"Item '{itemId}': t{k + 1} is filled but t{values.Count + 1} is empty; fill thresholds from t1 on.");
                    values.Add(Number(t[k], $"t{k + 1}", 0, required: true));
                    lastColumn = t[k];
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

            double av = Number(a, "a", 1, required: withModel), bv = Number(b, "b", 0, required: withModel), cv = Number(c, "c", 0), dv = Number(d, "d", 1);
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
