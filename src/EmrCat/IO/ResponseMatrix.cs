using System.Globalization;
using EmrCat.Sessions;
using nietras.SeparatedValues;

namespace EmrCat.IO;

/// <summary>
/// Responses of several examinees: one row per examinee, one column per item; a cell is the response category
/// (1 correct or 0 wrong for a dichotomous item, 0..K−1 for a polytomous one) or empty/NA (not administered). Read from and written to CSV through Sep; immutable.
/// </summary>
public sealed class ResponseMatrix
{
    private readonly sbyte[][] _cells;

    private ResponseMatrix(IReadOnlyList<string> itemIds, IReadOnlyList<string> examinees, sbyte[][] cells)
    {
        ItemIds = itemIds;
        Examinees = examinees;
        _cells = cells;
    }

    /// <summary>Item ids, in column order.</summary>
    public IReadOnlyList<string> ItemIds { get; }

    /// <summary>Examinee ids, in row order.</summary>
    public IReadOnlyList<string> Examinees { get; }

    /// <summary>The response of examinee <paramref name="row"/> to item <paramref name="column"/>.</summary>
    /// <param name="row">Examinee index.</param>
    /// <param name="column">Item index.</param>
    /// <returns>true (category 1 or above), false (category 0), or null (not administered).</returns>
    public bool? this[int row, int column] => _cells[row][column] switch { < 0 => null, 0 => false, _ => true };

    /// <summary>The response category of examinee <paramref name="row"/> to item <paramref name="column"/>.</summary>
    /// <param name="row">Examinee index.</param>
    /// <param name="column">Item index.</param>
    /// <returns>The category (0..K−1), or null (not administered).</returns>
    public int? Category(int row, int column) => _cells[row][column] is var cell and >= 0 ? cell : null;

    /// <summary>
    /// Loads a CSV whose header is <c>examinee</c> (or an empty name: R's row names) followed by item ids, each of
    /// which must be in <paramref name="knownItemIds"/>; at least one item column and one examinee row.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="knownItemIds">The ids of the items that have parameters.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="InputFormatException">The file is malformed; the message names file, line and column.</exception>
    public static ResponseMatrix Load(string path, IReadOnlySet<string> knownItemIds) => FromTable(CsvTable.Load(path), Dichotomous(knownItemIds));

    /// <summary>
    /// Loads a CSV in the layout of <see cref="Load(string, IReadOnlySet{string})"/> whose cells are response categories:
    /// each item column must be a key of <paramref name="categoryCounts"/>, and its cells integers 0..K−1 (K its value).
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="categoryCounts">Number of categories per known item id (2 for a dichotomous item).</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="InputFormatException">The file is malformed; the message names file, line and column.</exception>
    public static ResponseMatrix Load(string path, IReadOnlyDictionary<string, int> categoryCounts) => FromTable(CsvTable.Load(path), categoryCounts);

    /// <summary>Reads a matrix from a stream (UTF-8, read to its end; the caller keeps ownership).</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="source">A label for error messages.</param>
    /// <param name="knownItemIds">The ids of the items that have parameters.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="InputFormatException">The text is malformed.</exception>
    public static ResponseMatrix Load(Stream stream, string source, IReadOnlySet<string> knownItemIds) => FromTable(CsvTable.Load(stream, source), Dichotomous(knownItemIds));

    /// <summary>Parses CSV text in the layout of <see cref="Load(string, IReadOnlySet{string})"/>.</summary>
    /// <param name="source">A label for error messages.</param>
    /// <param name="csv">The CSV text.</param>
    /// <param name="knownItemIds">The ids of the items that have parameters.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="InputFormatException">The text is malformed.</exception>
    public static ResponseMatrix Parse(string source, string csv, IReadOnlySet<string> knownItemIds) => FromTable(CsvTable.Parse(source, csv), Dichotomous(knownItemIds));

    /// <summary>Parses CSV text of response categories (see <see cref="Load(string, IReadOnlyDictionary{string, int})"/>).</summary>
    /// <param name="source">A label for error messages.</param>
    /// <param name="csv">The CSV text.</param>
    /// <param name="categoryCounts">Number of categories per known item id.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="InputFormatException">The text is malformed.</exception>
    public static ResponseMatrix Parse(string source, string csv, IReadOnlyDictionary<string, int> categoryCounts) => FromTable(CsvTable.Parse(source, csv), categoryCounts);

    private static Dictionary<string, int> Dichotomous(IReadOnlySet<string> knownItemIds)
    {
        ArgumentNullException.ThrowIfNull(knownItemIds);
        return knownItemIds.ToDictionary(id => id, _ => 2, StringComparer.Ordinal);
    }

    /// <summary>
    /// The scored answers of finished sessions as a matrix (one row per examinee, one column per item any of them
    /// answered, in ordinal order), e.g. to calibrate items with mirt or to score them again with another estimator.
    /// </summary>
    /// <param name="results">Examinee id and result, in row order; ids must be unique.</param>
    /// <param name="includePilotItems">Whether pilot answers get columns too. Default false.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="ArgumentException">An examinee id is empty or repeats.</exception>
    public static ResponseMatrix FromResults(IEnumerable<KeyValuePair<string, SessionResult>> results, bool includePilotItems = false)
    {
        ArgumentNullException.ThrowIfNull(results);
        var rows = results.ToArray();
        var examinees = new List<string>(rows.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (examinee, result) in rows)
        {
            if (string.IsNullOrEmpty(examinee)) throw new ArgumentException("An examinee id is empty.", nameof(results));
            if (!seen.Add(examinee)) throw new ArgumentException($"Examinee '{examinee}' appears twice.", nameof(results));
            ArgumentNullException.ThrowIfNull(result, nameof(results));
            examinees.Add(examinee);
        }

        var ids = rows.SelectMany(r => r.Value.Items).Where(i => includePilotItems || !i.IsPilot).Select(i => i.ItemId)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var column = ids.Select((id, c) => (id, c)).ToDictionary(x => x.id, x => x.c, StringComparer.Ordinal);
        var cells = new sbyte[rows.Length][];
        for (int r = 0; r < rows.Length; r++)
        {
            cells[r] = Enumerable.Repeat((sbyte)-1, ids.Length).ToArray();
            foreach (var item in rows[r].Value.Items)
            {
                if (includePilotItems || !item.IsPilot) cells[r][column[item.ItemId]] = item.Correct ? (sbyte)1 : (sbyte)0;
            }
        }

        return new ResponseMatrix(ids, examinees, cells);
    }

    /// <summary>Writes the matrix as CSV that <see cref="Parse(string, string, IReadOnlySet{string})"/>, R's <c>read.csv</c> and mirt read back (empty cell = not administered).</summary>
    /// <param name="writer">Where to write; left open.</param>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var csv = Sep.New(',').Writer(o => o with { Escape = true, CultureInfo = CultureInfo.InvariantCulture }).To(writer, leaveOpen: true);
        if (Examinees.Count == 0)
        {
            writer.WriteLine(string.Join(',', ["examinee", .. ItemIds.Select(Quote)]));
            return;
        }

        for (int r = 0; r < Examinees.Count; r++)
        {
            using var row = csv.NewRow();
            row["examinee"].Set(Examinees[r]);
            for (int c = 0; c < ItemIds.Count; c++) row[ItemIds[c]].Set(_cells[r][c] < 0 ? "" : _cells[r][c].ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The matrix as CSV text (see <see cref="Write"/>).</summary>
    /// <returns>The CSV text.</returns>
    public string ToCsv()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(writer);
        return writer.ToString();
    }

    private static string Quote(string field) => field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static ResponseMatrix FromTable(CsvTable table, IReadOnlyDictionary<string, int> categoryCounts)
    {
        ArgumentNullException.ThrowIfNull(categoryCounts);
        if (table.Header[0].Length != 0 && !string.Equals(table.Header[0], "examinee", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputFormatException(table.Source, 1, 1, $"The first column must be 'examinee', but was '{table.Header[0]}'. An unnamed first column (R's row names) also holds examinee ids.");
        }

        var ids = new List<string>();
        var counts = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int col = 1; col < table.Header.Length; col++)
        {
            string id = table.Header[col];
            if (!categoryCounts.TryGetValue(id, out int count)) throw new InputFormatException(table.Source, 1, col + 1, $"Item '{id}' is not in the parameter table.");
            if (!seen.Add(id)) throw new InputFormatException(table.Source, 1, col + 1, $"Item '{id}' appears twice in the header.");
            ids.Add(id);
            counts.Add(count);
        }

        if (ids.Count == 0) throw new InputFormatException(table.Source, 1, 0, "The header names no items after 'examinee'.");
        if (table.Rows.Count == 0) throw new InputFormatException(table.Source, 0, 0, "The table has a header but no examinees.");
        var examinees = new List<string>(table.Rows.Count);
        var examineeSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        var cells = new sbyte[table.Rows.Count][];
        for (int r = 0; r < table.Rows.Count; r++)
        {
            var (line, fields) = table.Rows[r];
            if (fields[0].Length == 0) throw new InputFormatException(table.Source, line, 1, "The examinee id is empty.");
            if (examineeSeen.TryGetValue(fields[0], out int first)) throw new InputFormatException(table.Source, line, 1, $"Examinee '{fields[0]}' repeats line {first}.");
            examineeSeen[fields[0]] = line;
            examinees.Add(fields[0]);
            var row = new sbyte[ids.Count];
            for (int col = 1; col < fields.Length; col++)
            {
                string text = fields[col];
                int k = counts[col - 1];
                if (text is "" or "NA")
                {
                    row[col - 1] = -1;
                }
                else if (text.Length == 1 && text[0] >= '0' && text[0] - '0' < k)
                {
                    row[col - 1] = (sbyte)(text[0] - '0');
                }
                else
                {
                    string allowed = k == 2 ? "1, 0" : $"a category 0..{k - 1}";
                    throw new InputFormatException(table.Source, line, col + 1,
                        $"Examinee '{fields[0]}', item '{ids[col - 1]}': a response must be {allowed} or empty, but was '{text}'.");
                }
            }

            cells[r] = row;
        }

        return new ResponseMatrix(ids, examinees, cells);
    }
}
