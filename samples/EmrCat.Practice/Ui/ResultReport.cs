using System.Globalization;
using EmrCat.Banks;
using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;
using EmrCat.Practice.Storage;
using EmrCat.Sessions;
using Spectre.Console;

namespace EmrCat.Practice.Ui;

/// <summary>The result screen: decision, score bar, domain levels, θ chart, missed items with rationale, then the error log and repair plan.</summary>
internal static class ResultReport
{
    public static readonly string[] BucketWords = ["knowledge", "sequence", "scope", "reading", "pacing"];

    public static string Word(ErrorBucket bucket) => BucketWords[(int)bucket];

    public static ErrorBucket? Parse(string word)
    {
        int index = Array.FindIndex(BucketWords, w => w.StartsWith(word, StringComparison.OrdinalIgnoreCase) && word.Length >= 2);
        return index < 0 ? null : (ErrorBucket)index;
    }

    public static ErrorLog ErrorLogFor(SessionResult result) => new ErrorLogBuilder().Build(result);

    public static List<StoredMiss> Misses(ErrorLog log) =>
        log.Entries.Select(e => new StoredMiss(0, e.ItemId, string.Join(",", e.Chosen), string.Join(",", e.Key), e.Domain,
            (long)(e.ResponseTime?.TotalMilliseconds ?? 0), Word(e.SuggestedBucket), Word(e.Bucket))).ToList();

    public static void Show(Screens screens, ItemBank bank, SessionResult result, ErrorLog log, Action? pause = null)
    {
        screens.Decision(result, bank);
        var console = screens.Console;
        var report = new ScoreReporter().Create(result);
        if (report.Domains.Count > 0)
        {
            var table = new Table().AddColumn("Domain").AddColumn(new TableColumn("Right").RightAligned()).AddColumn("Level (95% interval vs the passing standard)");
            foreach (var d in report.Domains)
            {
                string level = d.Level switch
                {
                    DomainLevel.AbovePassingStandard => "[green]above passing[/]",
                    DomainLevel.BelowPassingStandard => "[red]below passing[/]",
                    DomainLevel.NearPassingStandard => "[yellow]near passing[/]",
                    _ => "[grey]too few items to say[/]",
                };
                // Partial-credit items add their points: "3/5 (9/12 points)".
                string right = d.PossiblePoints != d.Total ? $"{d.Correct}/{d.Total} ({d.Points}/{d.PossiblePoints} points)" : $"{d.Correct}/{d.Total}";
                if (d.LeftOutOfEstimate > 0) right += $" ({d.LeftOutOfEstimate} left out)"; // rapid guesses under effort-moderated scoring
                table.AddRow(Markup.Escape(d.Name), right, level);
            }

            console.Write(table);
        }

        console.WriteLine(Screens.ThetaChart(result, console.Profile.Width));
        console.WriteLine();
        if (log.Count > 0) pause?.Invoke();
        string missed = log.Entries.Any(e => e.IsPartialCredit) ? "Missed or partly right scored questions" : "Missed scored questions";
        console.Write(new Rule($"{missed} ({log.Count})").LeftJustified());
        foreach (var entry in log.Entries)
        {
            bank.TryGetIndex(entry.ItemId, out int index);
            var item = bank.Items[index];
            console.MarkupLine($"[bold]{Markup.Escape(item.Id)}[/] [grey]{Markup.Escape(bank.Blueprint.Find(item.Domain)?.Name ?? item.Domain)}[/]");
            console.MarkupLine(Markup.Escape(item.Stem));
            ShowAnswers(console, item, entry);
            console.MarkupLine($"  [grey]Why:[/] {Markup.Escape(item.Rationale)}");
            console.WriteLine();
        }
    }

    /// <summary>
    /// Lets the candidate confirm or change each miss's bucket (the engine's suggestion preselected; one key accepts
    /// every remaining suggestion), stores each choice as it is made, then shows the repair plan. Ctrl+C keeps the
    /// suggestions for the rest and still shows the plan.
    /// </summary>
    public static ErrorLog TagAndPlan(Screens screens, Prompts prompts, IAnswerSource input, PracticeStore store, long sessionId, ItemBank bank, ErrorLog log, Func<bool> interrupted)
    {
        var console = screens.Console;
        if (log.Count > 0)
        {
            prompts.Pause("sort your misses into the error log", () => !interrupted());
            console.Write(new Rule("Error log: why did you miss each question?").LeftJustified());
            console.MarkupLine(input.Mode == InputMode.Script
                ? $"[grey]Buckets: {string.Join(", ", BucketWords)}. Script a bucket name, - to keep the suggestion, or all to keep every remaining suggestion.[/]"
                : $"[grey]Buckets: {string.Join(", ", BucketWords.Select((w, i) => $"{i + 1} {w}"))}. The suggestion is preselected.[/]");
            bool keepRest = false;
            int number = 0;
            foreach (var entry in log.Entries)
            {
                number++;
                ErrorBucket chosen = entry.SuggestedBucket;
                if (!keepRest)
                {
                    ShowMiss(console, bank, entry, number, log.Count);
                    var picked = AskBucket(screens, prompts, input, entry, interrupted, out keepRest);
                    if (picked is { } p) chosen = p;
                    else if (!keepRest) keepRest = true; // input ended or Ctrl+C: keep the suggestions for the rest
                    if (keepRest && picked is null && log.Count > number) screens.Note($"Keeping the suggested bucket for the remaining {log.Count - number + 1} miss{(log.Count - number + 1 == 1 ? "" : "es")}.");
                    else if (keepRest && picked is null) screens.Note("Keeping the suggested bucket.");
                }

                console.MarkupLine($"  {Markup.Escape(entry.ItemId)}: [bold]{Word(chosen)}[/]{(chosen == entry.SuggestedBucket ? " (suggested)" : " (your choice)")}");
                if (chosen != entry.SuggestedBucket)
                {
                    log = log.WithBucket(entry.ItemId, chosen);
                    store.SetBucket(sessionId, entry.ItemId, Word(chosen));
                }
            }

            console.WriteLine();
        }

        ShowPlan(screens, new RepairPlanner().Plan(log, bank.Blueprint));
        return log;
    }

    private static void ShowMiss(IAnsiConsole console, ItemBank bank, ErrorLogEntry entry, int number, int count)
    {
        bank.TryGetIndex(entry.ItemId, out int index);
        var item = bank.Items[index];
        console.WriteLine();
        console.MarkupLine($"[bold]Miss {number} of {count}[/] · {Markup.Escape(item.Id)} · [grey]{Markup.Escape(bank.Blueprint.Find(item.Domain)?.Name ?? item.Domain)}[/]");
        console.MarkupLine(Markup.Escape(item.Stem));
        ShowAnswers(console, item, entry);
        console.MarkupLine($"  Suggested: [bold]{Word(entry.SuggestedBucket)}[/]: {Markup.Escape(entry.Evidence)}");
    }

    /// <summary>The bucket picked, or null to keep the suggestion; <paramref name="keepRest"/> when every remaining suggestion is accepted.</summary>
    private static ErrorBucket? AskBucket(Screens screens, Prompts prompts, IAnswerSource input, ErrorLogEntry entry, Func<bool> interrupted, out bool keepRest)
    {
        keepRest = false;
        string suggested = Word(entry.SuggestedBucket);
        bool warned = false;
        while (true)
        {
            if (input.Mode == InputMode.Lines || (input.Mode == InputMode.Keys && !warned))
            {
                screens.Console.MarkupLine(input.Mode == InputMode.Keys
                    ? $"[grey]Press 1–5 to choose, Enter to keep {suggested}, a to accept all suggestions.[/]"
                    : $"[grey]Type 1–5 or a bucket name, Enter to keep {suggested}, or a to accept all suggestions; then press Enter.[/]");
            }

            string? token = input.Next(() => !interrupted());
            if (token is null)
            {
                keepRest = true;
                return null;
            }

            token = token.Trim();
            if (token.Length == 0 || token == "-") return entry.SuggestedBucket;
            if (token.Equals("a", StringComparison.OrdinalIgnoreCase) || token.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                keepRest = true;
                return entry.SuggestedBucket;
            }

            if (token.Length == 1 && token[0] is >= '1' and <= '5') return (ErrorBucket)(token[0] - '1');
            if (Parse(token) is { } named) return named;
            if (input.Mode == InputMode.Script)
            {
                screens.Error($"'{token}' is not a bucket; keeping the suggestion.");
                return entry.SuggestedBucket;
            }

            prompts.Warn($"'{token}' is not a bucket: 1–5, a bucket name, Enter, or a.", ref warned);
        }
    }

    /// <summary>The candidate's answer, the key and, for a partial-credit item, the credit earned.</summary>
    private static void ShowAnswers(IAnsiConsole console, BankItem item, ErrorLogEntry entry)
    {
        string best = item.Type switch { ItemType.Multiple => "Right options:", ItemType.Ordered => "Right order:", _ => "Best answer:" };
        console.MarkupLine($"  [red]Your answer:[/] {Markup.Escape(OptionText(item, entry.Chosen))}");
        console.MarkupLine($"  [green]{best}[/] {Markup.Escape(OptionText(item, entry.Key))}");
        if (CreditText(item.Credit(entry.Chosen)) is { } credit) console.MarkupLine($"  [yellow]Credit:[/] {Markup.Escape(credit)}");
    }

    /// <summary>
    /// The partial credit an answer earned, in words, from the library's <see cref="AnswerCredit"/> (the score's own
    /// computation; the result screen, the error log and the drill all show it through here): "2 of 3 steps in order:
    /// you placed B before C and C before D; A should come before B" (ordering), "1 of 2 points (right choices minus
    /// wrong ones): A and C right, D not right; B was right too" (select-all); null for an item scored right or wrong.
    /// </summary>
    public static string? CreditText(AnswerCredit credit) => credit.Scoring switch
    {
        ScoringRule.AdjacentPairs => $"{credit.Category} of {credit.MaxCategory} steps in order{StepsText(credit.Steps)}",
        ScoringRule.RightMinusWrong => $"{credit.Category} of {credit.MaxCategory} point{(credit.MaxCategory == 1 ? "" : "s")} (right choices minus wrong ones){ChoicesText(credit)}",
        _ => null,
    };

    private static string StepsText(IReadOnlyList<OrderedStep> steps)
    {
        var kept = steps.Where(s => s.InOrder).Select(s => $"{s.First} before {s.Second}").ToList();
        var broken = steps.Where(s => !s.InOrder).Select(s => $"{s.First} before {s.Second}").ToList();
        var parts = new List<string>();
        if (kept.Count > 0) parts.Add("you placed " + Words(kept));
        if (broken.Count > 0) parts.Add((kept.Count > 0 ? "but not " : "you did not place ") + Words(broken));
        return parts.Count == 0 ? "" : ": " + string.Join(", ", parts) + " (each step counts when it comes after the step before it)";
    }

    private static string ChoicesText(AnswerCredit credit)
    {
        var parts = new List<string>();
        if (credit.RightChosen.Count > 0) parts.Add($"{Words(credit.RightChosen)} right");
        if (credit.WrongChosen.Count > 0) parts.Add($"{Words(credit.WrongChosen)} not right");
        if (credit.Missed.Count > 0) parts.Add($"{Words(credit.Missed)} {(credit.Missed.Count == 1 ? "was" : "were")} right too");
        return parts.Count == 0 ? "" : ": " + string.Join("; ", parts);
    }

    /// <summary>"A", "A and B", "A, B and C".</summary>
    private static string Words(IReadOnlyList<string> words) =>
        words.Count <= 1 ? string.Concat(words) : string.Join(", ", words.Take(words.Count - 1)) + " and " + words[^1];

    private static string OptionText(BankItem item, IEnumerable<string> ids)
    {
        // An order reads as one: "first, then second"; a set as a list.
        string text = string.Join(item.Type == ItemType.Ordered ? ", then " : "; ", ids.Select(id => item.Options.FirstOrDefault(o => o.Id == id)?.Text ?? id));
        return text.Length == 0 ? "(no answer: time ran out)" : text;
    }

    public static void ShowPlan(Screens screens, RepairPlan plan)
    {
        var console = screens.Console;
        console.Write(new Rule("Repair plan (the buckets that cost you most first)").LeftJustified());
        if (plan.IsEmpty)
        {
            console.MarkupLine("No scored misses: keep practicing under time.");
            return;
        }

        int rank = 1;
        foreach (var action in plan.Actions)
        {
            console.MarkupLine($"[bold]{rank++}. {Markup.Escape(action.Title)}[/] [grey]({action.Misses} miss{(action.Misses == 1 ? "" : "es")}, about {action.Cost.ToString("0", CultureInfo.InvariantCulture)} scaled points)[/]");
            console.MarkupLine($"   {Markup.Escape(action.Diagnosis)}");
            foreach (var step in action.Steps) console.MarkupLine($"   - {Markup.Escape(step)}");
            foreach (var fact in action.KeyFacts) console.MarkupLine($"   [grey]· {Markup.Escape(fact)}[/]");
        }
    }
}
