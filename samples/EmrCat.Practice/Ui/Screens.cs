using System.Globalization;
using System.Text;
using EmrCat.Banks;
using EmrCat.Scoring;
using EmrCat.Sessions;
using Spectre.Console;

namespace EmrCat.Practice.Ui;

/// <summary>
/// Everything the host draws. The live screen (keys at a terminal) clears and redraws each item, counts the header's
/// time down in place and redraws on a resize or after a bad key; plain mode draws the same content as lines, once,
/// without color.
/// </summary>
internal sealed class Screens(IAnsiConsole console, bool plain)
{
    private PresentedItem? _item;
    private ItemResponse? _response;
    private IItemHeader? _session;
    private string? _message;
    private int _headerRow = -1;
    private string _clock = "";
    private (int Width, int Height) _window;

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
        // Logs and pipes get a fixed 100 columns; a terminal, plain or not, its own width.
        if (output is not null || System.Console.IsOutputRedirected) console.Profile.Width = 100;
        return new Screens(console, plain);
    }

    public static string Clock(TimeSpan? span) =>
        span is { } s ? $"{(int)s.TotalHours}:{s.Minutes:D2}:{s.Seconds:D2}" : "no limit";

    public static string Header(CatSession session)
    {
        var o = session.Options;
        return string.Create(CultureInfo.InvariantCulture,
            $"Item {session.AnsweredCount + 1} · answered {session.AnsweredCount} of {o.MinScoredItems + o.PilotItems}–{o.MaxScoredItems + o.PilotItems} · time left {Clock(session.Remaining)}");
    }

    /// <summary>
    /// Shows a practice run's item, with how to answer it and (live screen) what is checked or placed so far from
    /// <paramref name="response"/>; <paramref name="message"/> (a warning) goes under the prompt. Plain mode draws it
    /// again, as lines, each time.
    /// </summary>
    public void Item(CatSession session, PresentedItem item, string? message = null, ItemResponse? response = null) => Item(new SessionHeader(session), item, message, response);

    /// <summary>Shows an item under <paramref name="header"/> (a practice run's or a drill's), as <see cref="Item(CatSession, PresentedItem, string?, ItemResponse?)"/> does.</summary>
    public void Item(IItemHeader header, PresentedItem item, string? message = null, ItemResponse? response = null)
    {
        _session = header;
        _item = item;
        _response = response;
        _message = message;
        if (Plain)
        {
            Console.Write(new Rule(Markup.Escape(header.Header())).LeftJustified());
            DrawBody(Console, item, response);
            if (message is not null) Error(message);
            return;
        }

        Redraw();
    }

    /// <summary>Live screen only: redraws the item on a resize, and the header's clock when its second changes.</summary>
    public void Tick()
    {
        if (Plain || _session is null || _item is null || _session.IsOver) return;
        if (Window() != _window)
        {
            Redraw();
            return;
        }

        string clock = _session.Header();
        if (clock == _clock || _headerRow < 0) return;
        _clock = clock;
        var (left, top) = System.Console.GetCursorPosition();
        System.Console.SetCursorPosition(0, _headerRow);
        Console.Write(HeaderRule(_session));
        System.Console.SetCursorPosition(left, top);
    }

    /// <summary>The live screen is no longer an item (a prompt, the result): stop redrawing it.</summary>
    public void Leave()
    {
        _item = null;
        _response = null;
        _session = null;
        if (!Plain) System.Console.WriteLine();
    }

    private void Redraw()
    {
        if (_session is null || _item is null) return;
        _window = Window();
        Console.Clear();
        Console.Write(HeaderRule(_session));
        _clock = _session.Header();
        DrawBody(Console, _item, _response);
        if (_message is not null) Error(_message);

        // The header can be redrawn in place only while it is still on the screen.
        int top = System.Console.GetCursorPosition().Top;
        _headerRow = top < _window.Height ? 0 : -1;
        if (_headerRow == 0 && CountLines() >= _window.Height) _headerRow = -1;
    }

    private int CountLines()
    {
        // How tall the screen is once wrapped at the window's width (a long stem can push the header off the top).
        var writer = new StringWriter();
        var probe = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        probe.Profile.Width = Math.Max(20, _window.Width);
        probe.Write(new Rule("x"));
        DrawBody(probe, _item!, _response);
        if (_message is not null) probe.WriteLine(_message);
        return writer.ToString().Count(c => c == '\n');
    }

    private static (int Width, int Height) Window()
    {
        try
        {
            return (System.Console.WindowWidth, System.Console.WindowHeight);
        }
        catch (IOException)
        {
            return (100, 40);
        }
    }

    private Rule HeaderRule(IItemHeader session)
    {
        // In a narrow window the short form keeps the time left visible instead of cutting it off.
        string title = session.Header();
        if (title.Length + 8 > Console.Profile.Width) title = session.ShortHeader();
        return new Rule($"[bold]{Markup.Escape(title)}[/]").LeftJustified();
    }

    public static string ShortHeader(CatSession session) =>
        string.Create(CultureInfo.InvariantCulture, $"Item {session.AnsweredCount + 1} · {Clock(session.Remaining)} left");

    private static void DrawBody(IAnsiConsole console, PresentedItem item, ItemResponse? response)
    {
        console.WriteLine();
        if (item.DomainName.Length > 0) console.MarkupLine($"[grey]{Markup.Escape(item.DomainName)}[/]");
        console.MarkupLine($"[bold]{Markup.Escape(item.Stem)}[/]");
        console.WriteLine();
        // A grid keeps a wrapped option indented under its own text, clear of the letters. On the live screen a
        // select-all option shows whether it is checked, an ordering option its place so far.
        bool marks = response is { Live: true } && item.Type != ItemType.Single;
        var options = new Grid().AddColumn(new GridColumn().NoWrap().PadLeft(2).PadRight(marks ? 1 : 2));
        if (marks) options.AddColumn(new GridColumn().NoWrap().PadRight(1));
        options.AddColumn();
        for (int i = 0; i < item.Options.Count; i++)
        {
            var letter = new Markup($"[cyan]{Letter(i)}[/]");
            var text = new Markup(Markup.Escape(item.Options[i].Text));
            if (!marks)
            {
                options.AddRow(letter, text);
                continue;
            }

            int place = response!.Chosen.ToList().IndexOf(i);
            string mark = item.Type == ItemType.Multiple
                ? (place >= 0 ? "[green][[x]][/]" : "[grey][[ ]][/]")
                : (place >= 0 ? $"[green]{place + 1}.[/]" : "[grey]_.[/]");
            options.AddRow(letter, new Markup(mark), text);
        }

        console.Write(options);

        console.WriteLine();
        if (marks && response!.Progress() is { } progress) console.MarkupLine($"[bold]{Markup.Escape(progress)}[/]");
        string how = response?.Instructions() ?? (console.Profile.Capabilities.Interactive
            ? $"Press {Letters(item.Options.Count)} to answer (no going back) · q to save and quit"
            : $"Type {Letters(item.Options.Count)} and press Enter to answer (no going back) · q to save and quit");
        console.MarkupLine($"[grey]{Markup.Escape(how)}[/]");
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
        string se = double.IsFinite(result.StandardError) ? string.Create(CultureInfo.InvariantCulture, $"SE {result.StandardError:F2}") : "no SE without scored answers";
        Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Ability estimate θ = {result.Theta:F2} ({se}), passing standard θ = {result.CutTheta:F2}; {result.ScoredCount} scored + {result.PilotCount} unscored pilot items in {Clock(result.Elapsed)}.")));
        Console.MarkupLine(Markup.Escape(Precision(result)));
        foreach (string line in ResponseTimeLines(result)) Console.MarkupLine($"[yellow]{Markup.Escape(line)}[/]");
        Console.WriteLine(ScoreBar(result.ScaledScore, bank, Math.Clamp(Console.Profile.Width - 14, 20, 60)));
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

    /// <summary>
    /// What the result says about response times: that they were not checked (a script's answers), whether
    /// effort-moderated scoring was on, and the rapid-guess flags (<see cref="RapidGuesses"/>).
    /// </summary>
    public static List<string> ResponseTimeLines(SessionResult result)
    {
        var lines = new List<string>();
        var rule = result.ResponseTimes;
        if (rule.EffortModerated) lines.Add("Effort-moderated scoring is on: answers faster than anyone could read the question are left out of your score, decision and domain levels.");
        if (rule.TimesNotMeasured) lines.Add("Response times were not checked: the answers came from a script or redirected input, not from a person at a terminal, so no answer is flagged as a rapid guess or left out.");
        else if (RapidGuesses(result) is { } rapid) lines.Add(rapid);
        return lines;
    }

    /// <summary>The rapid-guess flags in plain words, or null when no answer was flagged.</summary>
    public static string? RapidGuesses(SessionResult result)
    {
        int n = result.RapidGuessCount;
        if (n == 0) return null;
        string what = n == 1 ? "1 answer came" : $"{n} answers came";
        string effect = result.LeftOutOfEstimate switch
        {
            0 => "quick guesses say little about what you know",
            1 => "1 of them was left out of your score",
            int left => $"{left} of them were left out of your score",
        };
        return $"{what} faster than anyone could read the question; {effect}. Take the time to read each question when you practice.";
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

    /// <summary>
    /// θ̂ after each scored item with its 95% band (±1.96 SE) and the cut line, as a text chart that fits
    /// <paramref name="width"/> columns. The θ range covers every estimate (at least −3 to +3); band ends beyond it are
    /// drawn at the edge and the legend says so. The x axis numbers the first and last scored item.
    /// </summary>
    public static string ThetaChart(SessionResult result, int width = 100, int height = 13)
    {
        var scored = result.Items.Where(i => !i.IsPilot).ToList();
        if (scored.Count == 0) return "(no scored items, so no θ chart)";
        var thetas = scored.Select(i => i.ThetaAfter).Where(double.IsFinite).Append(result.CutTheta).ToList();
        double lo = Math.Min(-3, Math.Floor(thetas.Min())), hi = Math.Max(3, Math.Ceiling(thetas.Max()));
        int available = Math.Max(10, width - 8);
        int perItem = Math.Clamp(available / scored.Count, 1, 3); // few items: wider columns so the axis can be labeled
        int columns = Math.Min(scored.Count * perItem, available);
        var grid = new char[height, columns];
        for (int r = 0; r < height; r++) for (int c = 0; c < columns; c++) grid[r, c] = ' ';
        int Row(double theta) => (int)Math.Round((hi - Math.Clamp(theta, lo, hi)) / (hi - lo) * (height - 1));
        int cutRow = Row(result.CutTheta);
        for (int c = 0; c < columns; c++) grid[cutRow, c] = '-';
        bool clipped = false;
        for (int c = 0; c < columns; c++)
        {
            var item = scored[(int)((long)c * scored.Count / columns)];
            double se = double.IsFinite(item.StandardErrorAfter) ? item.StandardErrorAfter : 10;
            double upper = item.ThetaAfter + 1.96 * se, lower = item.ThetaAfter - 1.96 * se;
            clipped |= upper > hi || lower < lo;
            int top = Row(upper), bottom = Row(lower);
            for (int r = top; r <= bottom; r++) grid[r, c] = grid[r, c] == '-' ? '+' : ':';
            grid[Row(item.ThetaAfter), c] = '*';
        }

        var sb = new StringBuilder("θ after each scored item\n* estimate, : 95% band, - passing standard\n");
        for (int r = 0; r < height; r++)
        {
            double label = hi - r * (hi - lo) / (height - 1);
            sb.Append(CultureInfo.InvariantCulture, $"{label,5:+0.0;-0.0; 0.0} |");
            for (int c = 0; c < columns; c++) sb.Append(grid[r, c]);
            sb.Append('\n');
        }

        sb.Append("      +").Append('-', columns).Append('\n');
        string last = scored.Count.ToString(CultureInfo.InvariantCulture);
        var axis = new StringBuilder("       1");
        if (scored.Count > 1) axis.Append(' ', Math.Max(1, columns - 1 - last.Length)).Append(last);
        string unit = scored.Count == 1 ? "  (1 scored item)" : "  (scored items)";
        if (axis.Length + unit.Length <= Math.Max(width, 7 + columns)) axis.Append(unit); // only where it fits on the line
        sb.Append(axis);
        if (clipped) sb.Append(CultureInfo.InvariantCulture, $"\n       95% bands reaching beyond {lo:+0;-0} to {hi:+0;-0} are cut at the edge.");
        return sb.ToString();
    }
}

/// <summary>What the item screen's header says; asked again on every tick, so a clock or pace meter in it stays live.</summary>
internal interface IItemHeader
{
    /// <summary>The full header.</summary>
    string Header();

    /// <summary>A short form for a narrow window that keeps the time visible.</summary>
    string ShortHeader();

    /// <summary>Whether the run has ended (the screen stops redrawing).</summary>
    bool IsOver { get; }
}

/// <summary>A practice run's header: item number, answers of the preset's range, time left.</summary>
internal sealed class SessionHeader(CatSession session) : IItemHeader
{
    public string Header() => Screens.Header(session);

    public string ShortHeader() => Screens.ShortHeader(session);

    public bool IsOver => session.IsFinished;
}
