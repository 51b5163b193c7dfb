using System.Globalization;
using System.Text.RegularExpressions;
using EmrCat.Banks;
using EmrCat.Coaching;
using EmrCat.Drills;
using EmrCat.Practice.Commands;
using EmrCat.Practice.Storage;
using Spectre.Console;

namespace EmrCat.Practice.Ui;

/// <summary>What a drill shows after each answer and at the end: right or not, the best answer and why, and the bucket's own aid.</summary>
internal static class DrillScreens
{
    public static void Feedback(Screens screens, BankItem item, IReadOnlyList<string> answer, DrillFeedback feedback, PaceMeter? pace)
    {
        var console = screens.Console;
        console.MarkupLine(feedback.Correct ? "[bold green]Right.[/]" : feedback.Credit.IsPartial ? "[bold yellow]Partly right.[/]" : "[bold red]Not the best answer.[/]");
        if (!feedback.Correct) console.MarkupLine($"  Your answer: {Markup.Escape(Options(item, answer))}");
        console.MarkupLine($"  [green]Best answer:[/] {Markup.Escape(Options(item, feedback.Key))}");
        // Partial credit, in the result screen's words from the same library computation (select-all and ordering items).
        if (!feedback.Correct && ResultReport.CreditText(feedback.Credit) is { } credit) console.MarkupLine($"  [yellow]Credit:[/] {Markup.Escape(credit)}");
        if (feedback.Rationale.Length > 0) console.MarkupLine($"  [grey]Why:[/] {Markup.Escape(feedback.Rationale)}");
        if (feedback.KeyWords.Count > 0)
        {
            console.MarkupLine($"  Key words: {Markup.Escape(string.Join(", ", feedback.KeyWords))}");
            console.MarkupLine("  " + Emphasize(item.Stem, feedback.KeyWords, screens.Plain));
        }

        if (feedback.ScopeFacts.Count > 0)
        {
            console.MarkupLine("  [bold]EMR scope (check your state's protocols too):[/]");
            foreach (var fact in feedback.ScopeFacts) console.MarkupLine($"  [grey]· {Markup.Escape(fact)}[/]");
        }

        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"  Time on this item: {(int)feedback.ResponseTime.TotalSeconds} s")
            + (pace is { } p ? string.Create(CultureInfo.InvariantCulture, $" (exam pace {p.Pace.TotalSeconds:0} s); {DrillCommand.PaceText(p)}.") : ".")));
    }

    public static void Summary(Screens screens, DrillSet set, IReadOnlyList<StoredDrillAnswer> answers, bool timeUp, PaceMeter? pace)
    {
        var console = screens.Console;
        console.WriteLine();
        console.Write(new Rule($"Drill done: {ResultReport.Word(set.Bucket)}").LeftJustified());
        int right = answers.Count(a => a.Correct);
        if (timeUp) console.MarkupLine(Markup.Escape($"Time is up: {answers.Count} of {set.Items.Count} items answered in the time exam pace allows."));
        // Select-all and ordering items add their points, from the same library computation as each item's feedback.
        var credits = answers.Select(a => set.Items.First(i => i.Id == a.ItemId).Credit(a.Answer)).ToList();
        int points = credits.Sum(c => c.Category), possible = credits.Sum(c => c.MaxCategory);
        string pointsText = possible != answers.Count ? string.Create(CultureInfo.InvariantCulture, $" ({points} of {possible} points with partial credit)") : "";
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{right} of {answers.Count} right{pointsText}.")));
        if (pace is { } p) console.MarkupLine(Markup.Escape(p.Answered == 0 ? "No items answered." : $"Average {p.PerItem.TotalSeconds:0} s per item against exam pace {p.Pace.TotalSeconds:0} s: {DrillCommand.PaceText(p)}."));
        var missed = answers.Where(a => !a.Correct).Select(a => a.ItemId).ToList();
        if (missed.Count > 0) console.MarkupLine(Markup.Escape($"Missed: {string.Join(", ", missed)}. Re-read their rationales before your next drill."));
        console.MarkupLine("[grey]Drills are practice with feedback: they are kept apart from your practice runs and never change the readiness in 'history'.[/]");
    }

    /// <summary>The stem with its key words emphasized: bold on the live screen, *between asterisks* in plain text.</summary>
    public static string Emphasize(string stem, IReadOnlyList<string> keyWords, bool plain)
    {
        var pattern = new Regex(@"\b(?:" + string.Join("|", keyWords.Select(Regex.Escape)) + @")\b", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var parts = new System.Text.StringBuilder();
        int at = 0;
        foreach (Match m in pattern.Matches(stem))
        {
            parts.Append(Markup.Escape(stem[at..m.Index]));
            parts.Append(plain ? $"*{Markup.Escape(m.Value)}*" : $"[bold underline yellow]{Markup.Escape(m.Value)}[/]");
            at = m.Index + m.Length;
        }

        return parts.Append(Markup.Escape(stem[at..])).ToString();
    }

    private static string Options(BankItem item, IEnumerable<string> ids) =>
        string.Join("; ", ids.Select(id => $"{id}. {item.Options.FirstOrDefault(o => o.Id == id)?.Text ?? id}"));
}
