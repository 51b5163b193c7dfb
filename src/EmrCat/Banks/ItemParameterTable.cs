using System.Globalization;
using EmrCat.Internal;
using EmrCat.Irt;

namespace EmrCat.Banks;

/// <summary>An item's id with its IRT parameters: one row of an <c>id,a,b,c,d</c> table (the catR/mirt layout).</summary>
/// <param name="Id">The item id.</param>
/// <param name="Parameters">The item's parameters.</param>
public sealed record CalibratedItem(string Id, ItemParameters Parameters);

/// <summary>Reads <c>id,a,b,c,d</c> parameter tables.</summary>
public static class ItemParameterTable
{
    /// <summary>
    /// Loads a CSV table with a header naming <c>id</c>, <c>a</c> and <c>b</c>, and optionally <c>c</c> (default 0)
    /// and <c>d</c> (default 1), in any order. Columns are matched case-insensitively; the <c>se_*</c>, <c>n</c> and <c>fixed</c> columns of <c>calibrate</c>'s output are ignored; other columns are an error.
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

    private static bool IsCalibrationExtra(string column) =>
        column.StartsWith("se_", StringComparison.OrdinalIgnoreCase) || column.Equals("n", StringComparison.OrdinalIgnoreCase) || column.Equals("fixed", StringComparison.OrdinalIgnoreCase);

    private static List<CalibratedItem> FromTable(CsvTable table)
    {
        int Column(string name, bool required)
        {
            int found = Array.FindIndex(table.Header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
            if (found < 0 && required) throw new InputFormatException(table.Source, 1, 0, $"The header has no '{name}' column; expected id,a,b,c,d.");
            return found;
        }

        for (int h = 0; h < table.Header.Length; h++)
        {
            // Calibration output adds SEs, the responses per item and a fixed flag; scoring needs none of them.
            if (IsCalibrationExtra(table.Header[h])) continue;
            if (table.Header[h].ToLowerInvariant() is not ("id" or "a" or "b" or "c" or "d"))
            {
                throw new InputFormatException(table.Source, 1, h + 1, $"Unknown column '{table.Header[h]}'; expected id,a,b,c,d.");
            }
        }

        int id = Column("id", true), a = Column("a", true), b = Column("b", true), c = Column("c", false), d = Column("d", false);
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

            double Number(int column, string name, double fallback)
            {
                if (column < 0) return fallback;
                string text = fields[column];
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                {
                    throw new InputFormatException(table.Source, line, column + 1, $"Item '{itemId}': field '{name}' must be a finite number, but was '{text}'.");
                }

                return value;
            }

            double av = Number(a, "a", 1), bv = Number(b, "b", 0), cv = Number(c, "c", 0), dv = Number(d, "d", 1);
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
