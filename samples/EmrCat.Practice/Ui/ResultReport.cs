using EmrCat.Banks;
using EmrCat.Practice.Storage;
using EmrCat.Sessions;
using Spectre.Console;

namespace EmrCat.Practice.Ui;

/// <summary>The result screen: decision, score bar, domains, θ chart, missed items with rationale, and the error log.</summary>
internal static class ResultReport
{
    public static List<StoredMiss> Misses(ItemBank bank, SessionResult result)
    {
        var list = new List<StoredMiss>();
        foreach (var item in result.Items.Where(i => !i.IsPilot && !i.Correct))
        {
            bank.TryGetIndex(item.ItemId, out int index);
            var bankItem = bank.Items[index];
            list.Add(new StoredMiss(0, item.ItemId, string.Join(",", item.Answer), string.Join(",", bankItem.Key), item.Domain, (long)item.ResponseTime.TotalMilliseconds, "knowledge", "knowledge"));
        }

        return list;
    }

    public static void Show(Screens screens, ItemBank bank, SessionResult result, IReadOnlyList<StoredMiss> misses)
    {
        screens.Decision(result, bank);
        var console = screens.Console;
        if (result.Domains.Count > 0)
        {
            var table = new Table().AddColumn("Domain").AddColumn(new TableColumn("Scored items").RightAligned()).AddColumn(new TableColumn("Right").RightAligned());
            foreach (var d in result.Domains) table.AddRow(Markup.Escape(d.Name), d.Given.ToString(System.Globalization.CultureInfo.InvariantCulture), d.Correct.ToString(System.Globalization.CultureInfo.InvariantCulture));
            console.Write(table);
        }

        console.WriteLine(Screens.ThetaChart(result));
        console.WriteLine();
        console.Write(new Rule($"Missed scored items ({misses.Count})").LeftJustified());
        foreach (var miss in misses)
        {
            bank.TryGetIndex(miss.ItemId, out int index);
            var item = bank.Items[index];
            string Text(string ids) => string.Join("; ", ids.Split(',').Select(id => item.Options.FirstOrDefault(o => o.Id == id)?.Text ?? id));
            console.MarkupLine($"[bold]{Markup.Escape(item.Id)}[/] [grey]{Markup.Escape(bank.Blueprint.Find(item.Domain)?.Name ?? item.Domain)}[/]");
            console.MarkupLine(Markup.Escape(item.Stem));
            console.MarkupLine($"  [red]Your answer:[/] {Markup.Escape(Text(miss.Chosen))}");
            console.MarkupLine($"  [green]Best answer:[/] {Markup.Escape(Text(miss.Key))}");
            console.MarkupLine($"  [grey]Why:[/] {Markup.Escape(item.Rationale)}");
            console.WriteLine();
        }
    }

    public static void TagMisses(Screens screens, IAnswerSource input, PracticeStore store, long sessionId, ItemBank bank, IReadOnlyList<StoredMiss> misses)
    {
        // Filled in with the candidate module (error buckets and repair plan).
    }
}
