using System.Globalization;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Calibration;

/// <summary>A CSV of the mirt oracle read as id → column → value (empty cells are absent).</summary>
internal sealed class OracleTable
{
    private OracleTable(Dictionary<string, Dictionary<string, double>> rows, List<string> ids)
    {
        Rows = rows;
        Ids = ids;
    }

    public Dictionary<string, Dictionary<string, double>> Rows { get; }

    public List<string> Ids { get; }

    public double this[string id, string column] => Rows[id][column];

    public static OracleTable Load(string design, string file) => Parse(File.ReadAllText(FixturePaths.Mirt(design, file)));

    public static OracleTable Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        var rows = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        var ids = new List<string>();
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            var row = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int c = 1; c < header.Length; c++)
            {
                if (fields[c].Length > 0) row[header[c]] = double.Parse(fields[c], CultureInfo.InvariantCulture);
            }

            rows[fields[0]] = row;
            ids.Add(fields[0]);
        }

        return new OracleTable(rows, ids);
    }

    /// <summary>RMSE of a column of this table against the same column of another, over the given ids.</summary>
    public static double Rmse(IEnumerable<(double Estimate, double Truth)> pairs)
    {
        var list = pairs.ToList();
        return Math.Sqrt(list.Sum(p => (p.Estimate - p.Truth) * (p.Estimate - p.Truth)) / list.Count);
    }
}
