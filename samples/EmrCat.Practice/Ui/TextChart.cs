using System.Globalization;
using System.Text;

namespace EmrCat.Practice.Ui;

/// <summary>One line of a chart: a name, a mark for the text chart, and (x, y) points in x order.</summary>
internal sealed record ChartSeries(string Name, char Mark, IReadOnlyList<(double X, double Y)> Points);

/// <summary>A chart: title, axes, series, and an optional vertical marker (the cut) and shaded x band.</summary>
internal sealed record Chart(string Title, string XLabel, string YLabel, double YMin, double YMax, IReadOnlyList<ChartSeries> Series)
{
    public double? Marker { get; init; }

    public (double Lower, double Upper)? Band { get; init; }

    public double XMin => Series.SelectMany(s => s.Points).Min(p => p.X);

    public double XMax => Series.SelectMany(s => s.Points).Max(p => p.X);

    /// <summary>y clamped to the chart's range (an infinite SE draws at the top).</summary>
    public double Clamp(double y) => double.IsNaN(y) ? YMax : Math.Clamp(y, YMin, YMax);
}

/// <summary>
/// Draws a <see cref="Chart"/> as plain text that fits <c>width</c> columns: y labels on the left, one character cell
/// per (x, y) step, series marks joined by interpolation, the cut as a column of '|', and a legend line.
/// </summary>
internal static class TextChart
{
    private const int Height = 12;

    public static string Render(Chart chart, int width)
    {
        var inv = CultureInfo.InvariantCulture;
        string top = chart.YMax.ToString("0.##", inv), bottom = chart.YMin.ToString("0.##", inv);
        int margin = Math.Max(top.Length, bottom.Length) + 2;
        int columns = Math.Max(10, width - margin - 1);
        double x0 = chart.XMin, x1 = chart.XMax;
        var cells = new char[Height, columns];
        for (int r = 0; r < Height; r++)
        {
            for (int c = 0; c < columns; c++) cells[r, c] = ' ';
        }

        int Column(double x) => x1 > x0 ? (int)Math.Round((x - x0) / (x1 - x0) * (columns - 1)) : 0;
        int Row(double y) => Height - 1 - (int)Math.Round((chart.Clamp(y) - chart.YMin) / (chart.YMax - chart.YMin) * (Height - 1));
        if (chart.Band is { } band)
        {
            for (int c = Column(Math.Max(band.Lower, x0)); c <= Column(Math.Min(band.Upper, x1)); c++) cells[Height - 1, c] = '=';
        }

        if (chart.Marker is { } marker && marker >= x0 && marker <= x1)
        {
            for (int r = 0; r < Height; r++) cells[r, Column(marker)] = '|';
        }

        foreach (var series in chart.Series)
        {
            var points = series.Points;
            for (int c = 0; c < columns; c++)
            {
                double x = x1 > x0 ? x0 + (x1 - x0) * c / (columns - 1) : x0;
                int k = 0;
                while (k < points.Count - 2 && points[k + 1].X < x) k++;
                var (a, b) = (points[k], points[Math.Min(k + 1, points.Count - 1)]);
                double ya = chart.Clamp(a.Y), yb = chart.Clamp(b.Y);
                double y = b.X > a.X ? ya + (yb - ya) * Math.Clamp((x - a.X) / (b.X - a.X), 0, 1) : ya;
                cells[Row(y), c] = series.Mark;
            }
        }

        var text = new StringBuilder();
        text.Append(chart.Title).Append(" (").Append(chart.YLabel).Append(')').Append('\n');
        for (int r = 0; r < Height; r++)
        {
            string label = r == 0 ? top : r == Height - 1 ? bottom : "";
            text.Append(label.PadLeft(margin - 2)).Append(" |");
            for (int c = 0; c < columns; c++) text.Append(cells[r, c]);
            text.Append('\n');
        }

        text.Append(new string(' ', margin - 1)).Append('+').Append(new string('-', columns)).Append('\n');
        string left = x0.ToString("0.##", inv), right = x1.ToString("0.##", inv);
        string axis = chart.XLabel;
        int gap = Math.Max(1, columns - left.Length - right.Length - axis.Length);
        text.Append(new string(' ', margin)).Append(left).Append(new string(' ', gap / 2)).Append(axis).Append(new string(' ', gap - gap / 2)).Append(right).Append('\n');
        var legend = chart.Series.Select(s => $"{s.Mark} {s.Name}").ToList();
        if (chart.Marker is not null) legend.Add("| cut");
        if (chart.Band is not null) legend.Add("= no 95% decision");
        text.Append(new string(' ', margin)).Append(string.Join("   ", legend)).Append('\n');
        return text.ToString();
    }
}
