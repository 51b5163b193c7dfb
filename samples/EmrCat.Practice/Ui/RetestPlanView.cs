using System.Globalization;
using EmrCat.Drills;
using Spectre.Console;

namespace EmrCat.Practice.Ui;

/// <summary><c>plan</c>'s day-by-day repair between a failed attempt and the earliest retest.</summary>
internal static class RetestPlanView
{
    public static void Show(IAnsiConsole console, RetestPlan plan)
    {
        console.WriteLine();
        console.Write(new Rule($"Your {plan.Days.Count + 1}-day repair plan: failed {plan.FailedOn:yyyy-MM-dd}, earliest retest {plan.EarliestRetest:yyyy-MM-dd}").LeftJustified());
        console.MarkupLine(Markup.Escape($"Drills rotate through {string.Join(" and ", plan.Buckets.Select(ResultReport.Word))} (the costliest buckets of your latest error log); 'drill' with no --bucket runs today's."));
        var table = new Table().AddColumn(new TableColumn("Day").RightAligned()).AddColumn("Date").AddColumn("Do").AddColumn("Status");
        foreach (var day in plan.Days)
        {
            string what = string.Join(" + ", day.Activities.Select(a => a.Kind == PlanActivityKind.MockRun ? "mock exam (full emr practice run)" : $"{ResultReport.Word(a.Bucket)} drill"));
            // One status when the day's activities agree; else each with its bucket.
            var statuses = day.Activities.Select(Status).ToList();
            string status = statuses.Distinct().Count() == 1 ? statuses[0]
                : string.Join("; ", day.Activities.Select((a, k) => $"{(a.Kind == PlanActivityKind.MockRun ? "mock" : ResultReport.Word(a.Bucket))} {statuses[k]}"));
            table.AddRow(day.DayNumber.ToString(CultureInfo.InvariantCulture), day.Date.ToString("yyyy-MM-dd ddd", CultureInfo.InvariantCulture), Markup.Escape(what), status);
        }

        table.AddRow((plan.Days.Count + 1).ToString(CultureInfo.InvariantCulture), plan.EarliestRetest.ToString("yyyy-MM-dd ddd", CultureInfo.InvariantCulture), "earliest retest", plan.EarliestRetest <= plan.Today ? "[green]allowed now[/]" : "upcoming");
        console.Write(table);
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Done {plan.DoneCount} of {plan.ActivityCount}; missed {plan.MissedCount}. A drill done on a later day than planned counts for the day it catches up.")));
    }

    private static string Status(PlannedActivity activity) => activity.Status switch
    {
        PlanDayStatus.Done => activity.DoneOn is { } on ? $"[green]done {on:MM-dd}[/]" : "[green]done[/]",
        PlanDayStatus.Missed => "[red]missed[/]",
        PlanDayStatus.Today => "[yellow]today[/]",
        _ => "upcoming",
    };
}
