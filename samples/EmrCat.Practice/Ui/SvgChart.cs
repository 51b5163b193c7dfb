using System.Globalization;
using System.Security;
using System.Text;

namespace EmrCat.Practice.Ui;

/// <summary>
/// Writes charts as one SVG document, one panel under another: axes with ticks, a line per series, the cut as a
/// dashed line and a shaded band. Hand-written (no package draws SVG line charts this small); numbers in invariant
/// culture, text escaped, so the file is valid XML.
/// </summary>
internal static class SvgChart
{
    private const int Width = 720, PanelHeight = 280, Left = 60, Right = 170, Top = 36, Bottom = 44;
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf", "#7f7f7f"];

    public static string Render(string title, IReadOnlyList<Chart> charts)
    {
        var inv = CultureInfo.InvariantCulture;
        int height = 30 + charts.Count * PanelHeight;
        var svg = new StringBuilder();
        svg.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(inv, $"<title>{Escape(title)}</title>\n<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>\n");
        svg.Append(inv, $"<text x=\"{Width / 2}\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">{Escape(title)}</text>\n");
        for (int i = 0; i < charts.Count; i++) Panel(svg, charts[i], 30 + i * PanelHeight);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, Chart chart, int offset)
    {
        var inv = CultureInfo.InvariantCulture;
        double x0 = chart.XMin, x1 = chart.XMax, plotW = Width - Left - Right, plotH = PanelHeight - Top - Bottom;
        double X(double x) => Left + (x1 > x0 ? (x - x0) / (x1 - x0) : 0) * plotW;
        double Y(double y) => offset + Top + (1 - (chart.Clamp(y) - chart.YMin) / (chart.YMax - chart.YMin)) * plotH;
        svg.Append(inv, $"<g>\n<text x=\"{Left}\" y=\"{offset + 22}\" font-size=\"13\" font-weight=\"bold\">{Escape(chart.Title)}</text>\n");
        if (chart.Band is { } band)
        {
            double a = X(Math.Max(band.Lower, x0)), b = X(Math.Min(band.Upper, x1));
            svg.Append(inv, $"<rect x=\"{a:F1}\" y=\"{offset + Top}\" width=\"{Math.Max(1, b - a):F1}\" height=\"{plotH:F1}\" fill=\"#ffd8a8\" opacity=\"0.6\"><title>no 95% decision</title></rect>\n");
        }

        svg.Append(inv, $"<rect x=\"{Left}\" y=\"{offset + Top}\" width=\"{plotW:F1}\" height=\"{plotH:F1}\" fill=\"none\" stroke=\"#444\"/>\n");
        for (int t = 0; t <= 4; t++)
        {
            double y = chart.YMin + (chart.YMax - chart.YMin) * t / 4, x = x0 + (x1 - x0) * t / 4;
            svg.Append(inv, $"<line x1=\"{Left}\" x2=\"{Left + plotW:F1}\" y1=\"{Y(y):F1}\" y2=\"{Y(y):F1}\" stroke=\"#ddd\"/>\n");
            svg.Append(inv, $"<text x=\"{Left - 6}\" y=\"{Y(y) + 4:F1}\" text-anchor=\"end\">{y:0.##}</text>\n");
            svg.Append(inv, $"<text x=\"{X(x):F1}\" y=\"{offset + Top + plotH + 16:F1}\" text-anchor=\"middle\">{x:0.##}</text>\n");
        }

        svg.Append(inv, $"<text x=\"{Left + plotW / 2:F1}\" y=\"{offset + PanelHeight - 8}\" text-anchor=\"middle\">{Escape(chart.XLabel)}</text>\n");
        svg.Append(inv, $"<text transform=\"translate(14 {offset + Top + plotH / 2:F1}) rotate(-90)\" text-anchor=\"middle\">{Escape(chart.YLabel)}</text>\n");
        if (chart.Marker is { } marker && marker >= x0 && marker <= x1)
        {
            svg.Append(inv, $"<line x1=\"{X(marker):F1}\" x2=\"{X(marker):F1}\" y1=\"{offset + Top}\" y2=\"{offset + Top + plotH:F1}\" stroke=\"#000\" stroke-dasharray=\"5 4\"><title>cut</title></line>\n");
        }

        for (int s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            string color = Colors[s % Colors.Length];
            string points = string.Join(" ", series.Points.Select(p => string.Create(inv, $"{X(p.X):F1},{Y(p.Y):F1}")));
            svg.Append(inv, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"{(s == 0 ? 2.5 : 1.5)}\" points=\"{points}\"><title>{Escape(series.Name)}</title></polyline>\n");
            double ly = offset + Top + 14 + 18 * s;
            svg.Append(inv, $"<line x1=\"{Width - Right + 12}\" x2=\"{Width - Right + 32}\" y1=\"{ly - 4:F1}\" y2=\"{ly - 4:F1}\" stroke=\"{color}\" stroke-width=\"2.5\"/>\n");
            svg.Append(inv, $"<text x=\"{Width - Right + 38}\" y=\"{ly:F1}\">{Escape(series.Name)}</text>\n");
        }

        svg.Append("</g>\n");
    }

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";
}
