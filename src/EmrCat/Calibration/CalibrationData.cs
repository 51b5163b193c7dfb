using EmrCat.IO;
using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.Internal;

namespace EmrCat.Calibration;

/// <summary>
/// Responses to calibrate from: one row per examinee, one column per item, each cell a category 0..K (0/1 for
/// dichotomous items) or missing (not administered). Missing is by design — CAT and pilot data are sparse — and is
/// skipped in the likelihood, as mirt does with NA. Stored row-compressed, so sparse data costs only what was answered.
/// </summary>
public sealed class CalibrationData
{
    /// <summary>The highest category a loaded file may hold (categories 0..MaxCategory).</summary>
    public const int MaxCategory = 20;

    private readonly int[] _rowStart;
    private readonly int[] _item;
    private readonly byte[] _category;

    private CalibrationData(string[] itemIds, string[] examinees, int[] rowStart, int[] item, byte[] category)
    {
        ItemIds = itemIds;
        Examinees = examinees;
        _rowStart = rowStart;
        _item = item;
        _category = category;
        var counts = new int[itemIds.Length];
        var top = new int[itemIds.Length];
        for (int n = 0; n < item.Length; n++)
        {
            counts[item[n]]++;
            top[item[n]] = Math.Max(top[item[n]], category[n]);
        }

        ResponseCounts = counts;
        HighestCategories = top;
    }

    /// <summary>Item ids, in column order.</summary>
    public IReadOnlyList<string> ItemIds { get; }

    /// <summary>Examinee ids, in row order.</summary>
    public IReadOnlyList<string> Examinees { get; }

    /// <summary>How many examinees answered each item (column order).</summary>
    public IReadOnlyList<int> ResponseCounts { get; }

    /// <summary>The highest category observed for each item (column order).</summary>
    public IReadOnlyList<int> HighestCategories { get; }

    /// <summary>Total number of responses (non-missing cells).</summary>
    public int ResponseTotal => _item.Length;

    internal ReadOnlySpan<int> RowStarts => _rowStart;

    internal ReadOnlySpan<int> Items => _item;

    internal ReadOnlySpan<byte> Categories => _category;

    /// <summary>The response of examinee <paramref name="row"/> to item <paramref name="column"/>, or null when missing.</summary>
    /// <param name="row">Examinee index.</param>
    /// <param name="column">Item index.</param>
    /// <returns>The category, or null.</returns>
    public int? this[int row, int column]
    {
        get
        {
            for (int n = _rowStart[row]; n < _rowStart[row + 1]; n++)
            {
                if (_item[n] == column) return _category[n];
            }

            return null;
        }
    }

    /// <summary>
    /// Builds data from a dense table: <paramref name="cells"/>[examinee][item] is a category 0..<see cref="MaxCategory"/>
    /// or null for not administered. The arrays are copied.
    /// </summary>
    /// <param name="itemIds">Item ids (distinct, non-empty).</param>
    /// <param name="examinees">Examinee ids, one per row.</param>
    /// <param name="cells">Rows of responses, each as long as <paramref name="itemIds"/>.</param>
    /// <returns>The data.</returns>
    /// <exception cref="ArgumentException">Ids repeat, a row has the wrong length or a cell is out of range.</exception>
    public static CalibrationData Create(IReadOnlyList<string> itemIds, IReadOnlyList<string> examinees, IReadOnlyList<IReadOnlyList<int?>> cells)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        ArgumentNullException.ThrowIfNull(examinees);
        ArgumentNullException.ThrowIfNull(cells);
        if (itemIds.Count == 0) throw new ArgumentException("At least one item is needed.", nameof(itemIds));
        if (itemIds.Distinct(StringComparer.Ordinal).Count() != itemIds.Count) throw new ArgumentException("Item ids must be distinct.", nameof(itemIds));
        if (examinees.Count != cells.Count) throw new ArgumentException($"{examinees.Count} examinees but {cells.Count} rows.", nameof(cells));
        var rowStart = new int[cells.Count + 1];
        var items = new List<int>();
        var categories = new List<byte>();
        for (int r = 0; r < cells.Count; r++)
        {
            if (cells[r].Count != itemIds.Count) throw new ArgumentException($"Row {r} has {cells[r].Count} cells, expected {itemIds.Count}.", nameof(cells));
            for (int j = 0; j < itemIds.Count; j++)
            {
                if (cells[r][j] is not { } x) continue;
                if (x < 0 || x > MaxCategory) throw new ArgumentException($"Row {r}, item '{itemIds[j]}': {x} is not a category 0..{MaxCategory} (null marks a missing response).", nameof(cells));
                items.Add(j);
                categories.Add((byte)x);
            }

            rowStart[r + 1] = items.Count;
        }

        return new CalibrationData(itemIds.ToArray(), examinees.ToArray(), rowStart, items.ToArray(), categories.ToArray());
    }

    /// <summary>Takes the responses of a dichotomous <see cref="ResponseMatrix"/> (the layout <c>score</c> reads).</summary>
    /// <param name="matrix">The matrix.</param>
    /// <returns>The data.</returns>
    public static CalibrationData FromResponseMatrix(ResponseMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var rows = new List<IReadOnlyList<int?>>(matrix.Examinees.Count);
        for (int r = 0; r < matrix.Examinees.Count; r++)
        {
            var row = new int?[matrix.ItemIds.Count];
            for (int j = 0; j < row.Length; j++) row[j] = matrix[r, j] switch { true => 1, false => 0, null => null };
            rows.Add(row);
        }

        return Create(matrix.ItemIds, matrix.Examinees, rows);
    }

    /// <summary>
    /// Loads a response CSV in the layout <c>score</c> reads: header <c>examinee</c> then item ids; each cell a
    /// category 0..<paramref name="maxCategory"/> (0/1 for dichotomous models), or empty/NA for not administered.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="maxCategory">The highest category allowed: 1 for dichotomous models.</param>
    /// <returns>The data.</returns>
    /// <exception cref="InputFormatException">The file is malformed; the message names file, line and column.</exception>
    public static CalibrationData Load(string path, int maxCategory) => FromTable(CsvTable.Load(path), maxCategory);

    /// <summary>Parses CSV text in the layout of <see cref="Load"/>.</summary>
    /// <param name="source">A label for error messages.</param>
    /// <param name="csv">The text.</param>
    /// <param name="maxCategory">The highest category allowed.</param>
    /// <returns>The data.</returns>
    /// <exception cref="InputFormatException">The text is malformed.</exception>
    public static CalibrationData Parse(string source, string csv, int maxCategory) => FromTable(CsvTable.Parse(source, csv), maxCategory);

    private static CalibrationData FromTable(CsvTable table, int maxCategory)
    {
        if (maxCategory < 1 || maxCategory > MaxCategory) throw new ArgumentOutOfRangeException(nameof(maxCategory), maxCategory, $"Must be in [1, {MaxCategory}].");
        if (!string.Equals(table.Header[0], "examinee", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputFormatException(table.Source, 1, 1, $"The first column must be 'examinee', but was '{table.Header[0]}'.");
        }

        var ids = new string[table.Header.Length - 1];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int col = 1; col < table.Header.Length; col++)
        {
            string id = table.Header[col];
            if (id.Length == 0) throw new InputFormatException(table.Source, 1, col + 1, "An item id in the header is empty.");
            if (!seen.Add(id)) throw new InputFormatException(table.Source, 1, col + 1, $"Item '{id}' appears twice in the header.");
            ids[col - 1] = id;
        }

        if (ids.Length == 0) throw new InputFormatException(table.Source, 1, 0, "The header names no items after 'examinee'.");
        if (table.Rows.Count == 0) throw new InputFormatException(table.Source, 0, 0, "The table has a header but no examinees.");
        var examinees = new string[table.Rows.Count];
        var examineeSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        var rowStart = new int[table.Rows.Count + 1];
        var items = new List<int>(table.Rows.Count * ids.Length);
        var categories = new List<byte>(table.Rows.Count * ids.Length);
        string allowed = maxCategory == 1 ? "1, 0 or empty" : $"a whole number 0..{maxCategory} or empty";
        for (int r = 0; r < table.Rows.Count; r++)
        {
            var (line, fields) = table.Rows[r];
            if (fields[0].Length == 0) throw new InputFormatException(table.Source, line, 1, "The examinee id is empty.");
            if (examineeSeen.TryGetValue(fields[0], out int first)) throw new InputFormatException(table.Source, line, 1, $"Examinee '{fields[0]}' repeats line {first}.");
            examineeSeen[fields[0]] = line;
            examinees[r] = fields[0];
            for (int col = 1; col < fields.Length; col++)
            {
                string cell = fields[col];
                if (cell.Length == 0 || cell == "NA") continue;
                if (cell.Length > 2 || !int.TryParse(cell, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int x) || x > maxCategory)
                {
                    throw new InputFormatException(table.Source, line, col + 1,
                        $"Examinee '{fields[0]}', item '{ids[col - 1]}': a response must be {allowed}, but was '{cell}'.");
                }

                items.Add(col - 1);
                categories.Add((byte)x);
            }

            rowStart[r + 1] = items.Count;
        }

        return new CalibrationData(ids, examinees, rowStart, items.ToArray(), categories.ToArray());
    }
}
