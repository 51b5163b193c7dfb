using System.Globalization;
using EmrCat.Banks;
using EmrCat.Diagnostics;
using EmrCat.Sessions;
using EmrCat.Simulation;
using Spectre.Console;

namespace EmrCat.Practice.Ui;

/// <summary>Draws a <see cref="BankDiagnostics"/>: tables, then charts (Spectre bar charts, or text charts in plain mode), then the bands in plain words.</summary>
internal static class DiagnosticsScreen
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Render(Screens screens, ItemBank bank, string workload, CatOptions options, BankDiagnostics d)
    {
        var console = screens.Console;
        var scale = bank.Scale;
        screens.Info(string.Create(Inv, $"Diagnosis of bank {bank.Metadata.Id} ({bank.Count} items) under {workload}: cut θ {d.CutTheta:F2} (score {scale.ToScaled(d.CutTheta):F0}), {options.MinScoredItems}–{options.MaxScoredItems} scored items, {d.Examinees} simulated examinees in {d.Seconds:F1} s."));

        var info = new Table().Title("Expected SE by θ from each domain's share of the best items at θ")
            .Caption(string.Create(Inv, $"Items of a {options.MaxScoredItems}-item test: {string.Join(", ", d.Domains.Select(x => $"{x.Id} {x.Quota}"))}. The adaptive test gets less information; sim SE is its simulated final SE."));
        info.AddColumn(new TableColumn("θ").RightAligned()).AddColumn(new TableColumn("score").RightAligned());
        foreach (var domain in d.Domains) info.AddColumn(new TableColumn(domain.Id.Length > 8 ? domain.Id[..8] : domain.Id).RightAligned());
        info.AddColumn(new TableColumn("total").RightAligned()).AddColumn(new TableColumn("info").RightAligned()).AddColumn(new TableColumn("sim SE").RightAligned());
        for (int g = 0; g < d.Theta.Count; g++)
        {
            var row = new List<string> { d.Theta[g].ToString("F2", Inv), scale.ToScaled(d.Theta[g]).ToString("F0", Inv) };
            row.AddRange(d.Domains.Select(x => Se(x.StandardError[g])));
            row.Add(Se(d.Total.StandardError[g]));
            row.Add(d.Total.Information[g].ToString("F1", Inv));
            row.Add(d.Simulated[g].MeanStandardError.ToString("F3", Inv));
            info.AddRow(row.Select(Markup.Escape).ToArray());
        }

        console.Write(info);

        var sim = new Table().Title("Simulated by true θ");
        foreach (string column in new[] { "true θ", "n", "pass %", "wrong %", "mean length", "RMSE" }) sim.AddColumn(new TableColumn(column).RightAligned());
        foreach (var p in d.Simulated)
        {
            sim.AddRow(p.TrueTheta.ToString("F2", Inv), p.Examinees.ToString(Inv), (100 * p.PassRate).ToString("F1", Inv), (100 * p.WrongDecisionRate).ToString("F1", Inv), p.MeanLength.ToString("F1", Inv), p.Rmse.ToString("F3", Inv));
        }

        console.Write(sim);
        screens.Info(Exposure("Scored", d.ScoredExposure));
        if (d.PilotExposure.Items > 0) screens.Info(Exposure("Pilot", d.PilotExposure));

        if (screens.Plain)
        {
            int width = Math.Max(40, console.Profile.Width);
            foreach (var chart in Charts(bank, d)) console.Write(new Text(TextChart.Render(chart, width)));
        }
        else
        {
            var pass = new BarChart().Label("Pass rate by true θ (%)").WithMaxValue(100).Width(Math.Min(80, console.Profile.Width));
            foreach (var p in d.Simulated) pass.AddItem(p.TrueTheta.ToString("F2", Inv), Math.Round(100 * p.PassRate, 1), Math.Abs(p.TrueTheta - d.CutTheta) < 1e-9 ? Color.Yellow : p.WrongDecisionRate > d.WrongDecisionLimit ? Color.Red : Color.Green);
            console.Write(pass);
            var length = new BarChart().Label("Mean scored items by true θ").WithMaxValue(options.MaxScoredItems).Width(Math.Min(80, console.Profile.Width));
            foreach (var p in d.Simulated) length.AddItem(p.TrueTheta.ToString("F2", Inv), Math.Round(p.MeanLength, 1), Color.Blue);
            console.Write(length);

            // Several lines on one θ axis: bar charts cannot draw them, so the SE chart is text here too.
            console.Write(new Text(TextChart.Render(Charts(bank, d)[0], Math.Max(40, console.Profile.Width))));
        }

        screens.Info(Band("No 95% decision is possible even with the best items (the cut lies within θ ± 1.96 SE at the maximum length)", d.NoDecisionBand, scale));
        screens.Info(Band(string.Create(Inv, $"Wrong decisions exceed {100 * d.WrongDecisionLimit:F0}% in the simulation"), d.WrongDecisionBand, scale));
    }

    /// <summary>The three charts: expected SE by θ (total and per domain), pass and wrong-decision rates by true θ, mean length by true θ.</summary>
    public static IReadOnlyList<Chart> Charts(ItemBank bank, BankDiagnostics d)
    {
        char[] marks = ['*', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
        var se = new List<ChartSeries> { new("whole test", '*', d.Theta.Select((t, g) => (t, d.Total.StandardError[g])).ToArray()) };
        se.AddRange(d.Domains.Select((x, k) => new ChartSeries(x.Id, marks[1 + k % (marks.Length - 1)], d.Theta.Select((t, g) => (t, x.StandardError[g])).ToArray())));
        se.Add(new ChartSeries("simulated", 's', d.Simulated.Select(p => (p.TrueTheta, p.MeanStandardError)).ToArray()));
        double seMax = Math.Min(1.5, Math.Max(0.5, Math.Ceiling(d.Domains.SelectMany(x => x.StandardError).Where(double.IsFinite).DefaultIfEmpty(1).Max() * 4) / 4));
        var band = d.NoDecisionBand is { } b ? (b.Lower, b.Upper) : ((double, double)?)null;
        return
        [
            new Chart("Expected SE by θ", "θ", "SE", 0, seMax, se) { Marker = d.CutTheta, Band = band },
            new Chart("Pass and wrong-decision rates by true θ", "true θ", "%", 0, 100,
            [
                new ChartSeries("pass %", '*', d.Simulated.Select(p => (p.TrueTheta, 100 * p.PassRate)).ToArray()),
                new ChartSeries("wrong %", 'x', d.Simulated.Select(p => (p.TrueTheta, 100 * p.WrongDecisionRate)).ToArray()),
            ]) { Marker = d.CutTheta, Band = band },
            new Chart("Mean scored items by true θ", "true θ", "items", 0, Math.Max(1, Math.Ceiling(d.Simulated.Max(p => p.MeanLength) / 10) * 10),
            [
                new ChartSeries("mean length", '*', d.Simulated.Select(p => (p.TrueTheta, p.MeanLength)).ToArray()),
            ]) { Marker = d.CutTheta },
        ];
    }

    private static string Se(double se) => double.IsFinite(se) ? se.ToString("F3", Inv) : "-";

    private static string Exposure(string kind, ExposureSummary e) =>
        string.Create(Inv, $"{kind} exposure ({e.Items} items): highest {100 * e.MaxRate:F1}%, {100 * e.ShareOver20Percent:F1}% of items above 20%, {100 * e.ShareUnused:F1}% never used, mean overlap {100 * e.MeanOverlap:F1}%.");

    private static string Band(string what, ThetaBand? band, EmrCat.Scoring.ReportingScale scale) => band is { } b
        ? string.Create(Inv, $"{what}: true θ from {b.Lower:F2} to {b.Upper:F2} (scores {scale.ToScaled(b.Lower):F0}–{scale.ToScaled(b.Upper):F0}).")
        : $"{what}: nowhere on the grid.";
}
