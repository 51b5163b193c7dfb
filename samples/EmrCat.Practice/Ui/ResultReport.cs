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

    public static ErrorLog ErrorLogFor(ItemBank bank, SessionResult result) =>
        new ErrorLogBuilder().Build(result.ToAnsweredItems(bank), bank.Scale);

    public static List<StoredMiss> Misses(ErrorLog log) =>
        log.Entries.Select(e => new StoredMiss(0, e.ItemId, string.Join(",", e.Chosen), string.Join(",", e.Key), e.Domain,
            (long)(e.ResponseTime?.TotalMilliseconds ?? 0), Word(e.SuggestedBucket), Word(e.Bucket))).ToList();

    public static void Show(Screens screens, ItemBank bank, SessionResult result, ErrorLog log, Action? pause = null)
    {
        screens.Decision(result, bank);
        var console = screens.Console;
        var report = new ScoreReporter().Create(result.ToScoreReportInput(bank));
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
                table.AddRow(Markup.Escape(d.Name), $"{d.Correct}/{d.Total}", level);
            }

            console.Write(table);
        }

        console.WriteLine(Screens.ThetaChart(result));
        console.WriteLine();
        if (log.Count > 0) pause?.Invoke();
        console.Write(new Rule($"Missed scored items ({log.Count})").LeftJustified());
        foreach (var entry in log.Entries)
        {
            bank.TryGetIndex(entry.ItemId, out int index);
            var item = bank.Items[index];
            string Text(IEnumerable<string> ids) => string.Join("; ", ids.Select(id => item.Options.FirstOrDefault(o => o.Id == id)?.Text ?? id));
            console.MarkupLine($"[bold]{Markup.Escape(item.Id)}[/] [grey]{Markup.Escape(bank.Blueprint.Find(item.Domain)?.Name ?? item.Domain)}[/]");
            console.MarkupLine(Markup.Escape(item.Stem));
            console.MarkupLine($"  [red]Your answer:[/] {Markup.Escape(Text(entry.Chosen))}");
            console.MarkupLine($"  [green]Best answer:[/] {Markup.Escape(Text(entry.Key))}");
            console.MarkupLine($"  [grey]Why:[/] {Markup.Escape(item.Rationale)}");
            console.WriteLine();
        }
    }

    /// <summary>Lets the candidate confirm or change each miss's bucket (the engine's suggestion preselected), stores it, then shows the repair plan.</summary>
    public static ErrorLog TagAndPlan(Screens screens, IAnswerSource input, PracticeStore store, long sessionId, ItemBank bank, ErrorLog log)
    {
        var console = screens.Console;
        if (log.Count > 0)
        {
            if (input.IsInteractive)
            {
                console.MarkupLine("[grey]Press any key to sort your misses into the error log.[/]");
                input.Next(() => true);
            }

            console.Write(new Rule("Error log: why did you miss each item?").LeftJustified());
            console.MarkupLine($"[grey]Buckets: {string.Join(", ", BucketWords)}. The suggestion is preselected; {(input.IsInteractive ? "pick another to change it" : "script a bucket name, or - to keep it")}.[/]");
            bool scriptDone = false;
            foreach (var entry in log.Entries)
            {
                ErrorBucket chosen = entry.SuggestedBucket;
                if (input.IsInteractive)
                {
                    var prompt = new SelectionPrompt<string>()
                        .Title($"{Markup.Escape(entry.ItemId)} ({Markup.Escape(bank.Blueprint.Find(entry.Domain)?.Name ?? entry.Domain)}): suggested [bold]{Word(entry.SuggestedBucket)}[/] — {Markup.Escape(entry.Evidence)}")
                        .AddChoices(new[] { Word(entry.SuggestedBucket) }.Concat(BucketWords.Where(w => w != Word(entry.SuggestedBucket))));
                    chosen = Parse(console.Prompt(prompt)) ?? entry.SuggestedBucket;
                }
                else
                {
                    string? token = scriptDone ? null : input.Next(() => true);
                    if (token is null) scriptDone = true;
                    else if (token != "-" && Parse(token) is { } picked) chosen = picked;
                    else if (token != "-") screens.Error($"'{token}' is not a bucket; keeping the suggestion.");
                    console.MarkupLine($"{Markup.Escape(entry.ItemId)}: {Word(chosen)}{(chosen == entry.SuggestedBucket ? " (suggested: " + Markup.Escape(entry.Evidence) + ")" : " (your choice)")}");
                }

                if (chosen != entry.SuggestedBucket)
                {
                    log = log.WithBucket(entry.ItemId, chosen);
                    store.SetBucket(sessionId, entry.ItemId, Word(chosen));
                }
            }
        }

        ShowPlan(screens, new RepairPlanner().Plan(log, bank.Blueprint));
        return log;
    }

    public static void ShowPlan(Screens screens, RepairPlan plan)
    {
        var console = screens.Console;
        console.Write(new Rule("Repair plan (the buckets that cost you most first)").LeftJustified());
        if (plan.IsEmpty)
        {
            console.MarkupLine("No scored misses: keep practising under time.");
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
