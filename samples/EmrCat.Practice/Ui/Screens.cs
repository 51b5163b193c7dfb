using System.Globalization;
using System.Text;
using EmrCat.Banks;
using EmrCat.Sessions;
using Spectre.Console;

namespace EmrCat.Practice.Ui;

/// <summary>Everything the host draws. Plain mode draws the same content without colour or live redraw.</summary>
internal sealed class Screens(IAnsiConsole console, bool plain)
{
    public IAnsiConsole Console { get; } = console;

    public bool Plain { get; } = plain;

    public static Screens Create(bool plain, TextWriter? output = null)
    {
        var settings = new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output ?? System.Console.Out),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = plain ? InteractionSupport.No : InteractionSupport.Detect,
        };
        var console = AnsiConsole.Create(settings);
        if (plain || output is not null) console.Profile.Width = 100;
        return new Screens(console, plain);
    }

    public static string Clock(TimeSpan? span) =>
        span is { } s ? $"{(int)s.TotalHours}:{s.Minutes:D2}:{s.Seconds:D2}" : "no limit";

    public string Header(CatSession session)
    {
        var o = session.Options;
        return string.Create(CultureInfo.InvariantCulture,
            $"Item {session.AnsweredCount + 1} · answered {session.AnsweredCount} of {o.MinScoredItems + o.PilotItems}–{o.MaxScoredItems + o.PilotItems} · time left {Clock(session.Remaining)}");
    }

    public void Item(CatSession session, PresentedItem item)
    {
        if (!Plain) Console.Clear();
        Console.Write(new Rule($"[bold]{Markup.Escape(Header(session))}[/]").LeftJustified());
        Console.WriteLine();
        if (item.DomainName.Length > 0) Console.MarkupLine($"[grey]{Markup.Escape(item.DomainName)}[/]");
        Console.MarkupLine($"[bold]{Markup.Escape(item.Stem)}[/]");
        Console.WriteLine();
        for (int i = 0; i < item.Options.Count; i++)
        {
            Console.MarkupLine($"  [cyan]{Letter(i)}[/]  {Markup.Escape(item.Options[i].Text)}");
        }

        Console.WriteLine();
        Console.MarkupLine($"[grey]Press {Letters(item.Options.Count)} to answer (no going back) · q to save and quit[/]");
    }

    public static char Letter(int index) => (char)('A' + index);

    public static string Letters(int count) => count <= 1 ? "A" : $"{Letter(0)}–{Letter(count - 1)}";

    public void Note(string message) => Console.MarkupLine($"[yellow]{Markup.Escape(message)}[/]");

    public void Error(string message) => Console.MarkupLine($"[red]{Markup.Escape(message)}[/]");

    public void Info(string message) => Console.MarkupLine(Markup.Escape(message));

    /// <summary>The decision, the scaled score on a bar marked at 950, and why.</summary>
    public void Decision(SessionResult result, ItemBank bank)
    {
        Console.WriteLine();
        string verdict = result.Decision switch
        {
            PassFailDecision.Pass => "[bold green]PASS[/]",
            PassFailDecision.Fail => "[bold red]FAIL[/]",
            _ => "[bold yellow]UNDECIDED[/]",
        };
        Console.Write(new Rule("Practice result").LeftJustified());
        Console.MarkupLine($"{verdict}  scaled score [bold]{result.ReportedScore}[/] (passing point {bank.Scale.PassingScore:0}; a scaled score on {bank.Scale.Minimum:0}–{bank.Scale.Maximum:0}, not a percentage)");
        Console.MarkupLine(Markup.Escape(result.Explanation));
        Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Ability estimate θ = {result.Theta:F2} (SE {result.StandardError:F2}), passing standard θ = {result.CutTheta:F2}; {result.ScoredCount} scored + {result.PilotCount} unscored pilot items in {Clock(result.Elapsed)}.")));
        Console.MarkupLine(Markup.Escape(Precision(result)));
        Console.WriteLine(ScoreBar(result.ScaledScore, bank));
        if (bank.Metadata.Calibration == CalibrationStatus.Provisional)
        {
            Console.MarkupLine("[grey]This bank's parameters are provisional (judged, not calibrated): treat the score as a practice signal, not a prediction.[/]");
        }
    }

    /// <summary>The chance of passing and the 95% score band in plain words.</summary>
    public static string Precision(SessionResult result)
    {
        double p = 100 * result.PassProbability;
        string chance = p < 1 ? "less than 1%" : p > 99 ? "more than 99%" : string.Create(CultureInfo.InvariantCulture, $"about {p:0}%");
        string band = double.IsFinite(result.ScaledStandardError)
            ? string.Create(CultureInfo.InvariantCulture, $" Your score is precise to about ±{1.96 * result.ScaledStandardError:0} points (95% band: {result.ScoreBand.Low:0} to {result.ScoreBand.High:0}).")
            : "";
        return $"Given your answers, the chance that your ability meets the passing standard is {chance}.{band}";
    }

    public static string ScoreBar(double score, ItemBank bank, int width = 60)
    {
        double min = bank.Scale.Minimum, max = bank.Scale.Maximum;
        int Col(double v) => (int)Math.Round((Math.Clamp(v, min, max) - min) / (max - min) * (width - 1));
        var bar = new char[width];
        Array.Fill(bar, '-');
        int pass = Col(bank.Scale.PassingScore), at = Col(score);
        bar[pass] = '|';
        bar[at] = '#';
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{min:0} [").Append(bar).Append(CultureInfo.InvariantCulture, $"] {max:0}\n");
        sb.Append(' ', $"{min:0} [".Length + pass).Append(CultureInfo.InvariantCulture, $"^ {bank.Scale.PassingScore:0} to pass");
        sb.Append("\n").Append(' ', $"{min:0} [".Length + at).Append(CultureInfo.InvariantCulture, $"# you: {Math.Round(score):0}");
        return sb.ToString();
    }

    /// <summary>θ̂ after each scored item with its 95% band (±1.96 SE) and the cut line, as a text chart.</summary>
    public static string ThetaChart(SessionResult result, int height = 13)
    {
        var scored = result.Items.Where(i => !i.IsPilot).ToList();
        if (scored.Count == 0) return "(no scored items)";
        double lo = -3, hi = 3;
        int width = Math.Min(scored.Count, 80);
        var grid = new char[height, width];
        for (int r = 0; r < height; r++) for (int c = 0; c < width; c++) grid[r, c] = ' ';
        int Row(double theta) => (int)Math.Round((hi - Math.Clamp(theta, lo, hi)) / (hi - lo) * (height - 1));
        int cutRow = Row(result.CutTheta);
        for (int c = 0; c < width; c++) grid[cutRow, c] = '-';
        for (int c = 0; c < width; c++)
        {
            var item = scored[(int)((long)c * scored.Count / width)];
            double se = double.IsFinite(item.StandardErrorAfter) ? item.StandardErrorAfter : 10;
            int top = Row(item.ThetaAfter + 1.96 * se), bottom = Row(item.ThetaAfter - 1.96 * se);
            for (int r = top; r <= bottom; r++) grid[r, c] = grid[r, c] == '-' ? '+' : ':';
            grid[Row(item.ThetaAfter), c] = '*';
        }

        var sb = new StringBuilder("θ after each scored item (* estimate, : 95% band, - passing standard)\n");
        for (int r = 0; r < height; r++)
        {
            double label = hi - r * (hi - lo) / (height - 1);
            sb.Append(CultureInfo.InvariantCulture, $"{label,5:+0.0;-0.0; 0.0} |");
            for (int c = 0; c < width; c++) sb.Append(grid[r, c]);
            sb.Append('\n');
        }

        sb.Append("      +").Append('-', width).Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $"       1{new string(' ', Math.Max(0, width - 1 - scored.Count.ToString(CultureInfo.InvariantCulture).Length))}{scored.Count}  (scored items)");
        return sb.ToString();
    }
}
