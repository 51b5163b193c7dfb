using EmrCat.Banks;
using EmrCat.Internal;

namespace EmrCat.Estimation;

/// <summary>
/// Dichotomous responses of several examinees: one row per examinee, one column per item; a cell is 1 (correct),
/// 0 (wrong) or empty/NA (not administered).
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
    /// <returns>true (correct), false (wrong), or null (not administered).</returns>
    public bool? this[int row, int column] => _cells[row][column] switch { 1 => true, 0 => false, _ => null };

    /// <summary>
    /// Loads a CSV whose header is <c>examinee</c> followed by item ids, each of which must be in
    /// <paramref name="knownItemIds"/>; at least one item column and one examinee row.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="knownItemIds">The ids of the items that have parameters.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="InputFormatException">The file is malformed; the message names file, line and column.</exception>
    public static ResponseMatrix Load(string path, IReadOnlySet<string> knownItemIds) => FromTable(CsvTable.Load(path), knownItemIds);

    /// <summary>Parses CSV text in the layout of <see cref="Load"/>.</summary>
    /// <param name="source">A label for error messages.</param>
    /// <param name="csv">The CSV text.</param>
    /// <param name="knownItemIds">The ids of the items that have parameters.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="InputFormatException">The text is malformed.</exception>
    public static ResponseMatrix Parse(string source, string csv, IReadOnlySet<string> knownItemIds) => FromTable(CsvTable.Parse(source, csv), knownItemIds);

    private static ResponseMatrix FromTable(CsvTable table, IReadOnlySet<string> knownItemIds)
    {
        if (!string.Equals(table.Header[0], "examinee", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputFormatException(table.Source, 1, 1, $"The first column must be 'examinee', but was '{table.Header[0]}'.");
        }

        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int col = 1; col < table.Header.Length; col++)
        {
            string id = table.Header[col];
            if (!knownItemIds.Contains(id)) throw new InputFormatException(table.Source, 1, col + 1, $"Item '{id}' is not in the parameter table.");
            if (!seen.Add(id)) throw new InputFormatException(table.Source, 1, col + 1, $"Item '{id}' appears twice in the header.");
            ids.Add(id);
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
                row[col - 1] = fields[col] switch
                {
                    "1" => 1,
                    "0" => 0,
                    "" or "NA" => -1,
                    var other => throw new InputFormatException(table.Source, line, col + 1,
                        $"Examinee '{fields[0]}', item '{ids[col - 1]}': a response must be 1, 0 or empty, but was '{other}'."),
                };
            }

            cells[r] = row;
        }

        return new ResponseMatrix(ids, examinees, cells);
    }
}
