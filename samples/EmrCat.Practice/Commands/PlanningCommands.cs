using System.CommandLine;
using System.Globalization;
using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;
using EmrCat.Practice.Storage;
using EmrCat.Practice.Ui;
using EmrCat.Sessions;
using Spectre.Console;

namespace EmrCat.Practice.Commands;

/// <summary>
/// <c>attempt record</c>, <c>gate set</c>, <c>plan</c> and <c>history</c>: the real attempts, the certification gates,
/// what they allow next, and past practice runs, all kept in the same SQLite file as the practice sessions.
/// </summary>
internal static class PlanningCommands
{
    private static readonly Option<string> DataDir = new("--data-dir") { Description = "Where the history database lives.", DefaultValueFactory = _ => PracticeStore.DefaultDataDirectory };
    private static readonly Option<bool> Plain = new("--plain") { Description = "No colour." };
    private static readonly Option<string?> Today = new("--today") { Description = "Plan as of this date (YYYY-MM-DD) instead of today." };

    private static readonly Dictionary<string, CertificationGate> GateNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["course"] = CertificationGate.EducationCourse,
        ["director"] = CertificationGate.ProgramDirectorVerification,
        ["skills"] = CertificationGate.PsychomotorVerification,
        ["licensure"] = CertificationGate.StateLicensure,
    };

    public static IEnumerable<Command> Create()
    {
        var date = new Option<string>("--date") { Description = "The date, YYYY-MM-DD.", Required = true };
        var result = new Option<string>("--result") { Description = "pass, fail or pending (taken, result not posted yet).", Required = true };
        var record = new Command("record", "Record a real cognitive exam attempt.") { date, result, DataDir };
        record.SetAction(r => RecordAttempt(r.GetValue(date)!, r.GetValue(result)!, r.GetValue(DataDir)!, Console.Out));
        var refresherDate = new Option<string>("--date") { Description = "Completion date, YYYY-MM-DD.", Required = true };
        var refresher = new Command("refresher", "Record completing a full EMR refresher course (starts a new cycle of three attempts).") { refresherDate, DataDir };
        refresher.SetAction(r => RecordRefresher(r.GetValue(refresherDate)!, r.GetValue(DataDir)!, Console.Out));
        var attempt = new Command("attempt", "Real exam attempts.") { record, refresher };

        var gateName = new Argument<string>("gate") { Description = "course, director, skills or licensure." };
        var gateDate = new Option<string?>("--date") { Description = "Date the gate was completed, YYYY-MM-DD." };
        var inProgress = new Option<bool>("--in-progress") { Description = "Started but not complete." };
        var set = new Command("set", "Record the status of a certification gate.") { gateName, gateDate, inProgress, DataDir };
        set.SetAction(r => SetGate(r.GetValue(gateName)!, r.GetValue(gateDate), r.GetValue(inProgress), r.GetValue(DataDir)!, Console.Out));
        var stateName = new Option<string>("--name") { Description = "State or jurisdiction.", Required = true };
        var required = new Option<string>("--licensure-required") { Description = "yes or no.", Required = true };
        var state = new Command("state", "Record your state and whether it requires EMR licensure or authorization.") { stateName, required, DataDir };
        state.SetAction(r => SetState(r.GetValue(stateName)!, r.GetValue(required)!, r.GetValue(DataDir)!, Console.Out));
        var gate = new Command("gate", "Certification gates.") { set, state };

        var plan = new Command("plan", "Attempts used of three, the earliest retest, whether a refresher is required, when results post, and open certification gates.") { DataDir, Plain, Today };
        plan.SetAction(r => Plan(r.GetValue(DataDir)!, r.GetValue(Plain), r.GetValue(Today), Console.Out));
        var history = new Command("history", "Finished practice runs and sessions in progress.") { DataDir, Plain };
        history.SetAction(r => History(r.GetValue(DataDir)!, r.GetValue(Plain), Console.Out));
        return [attempt, gate, plan, history];
    }

    public static int RecordAttempt(string dateText, string resultText, string dataDir, TextWriter output)
    {
        if (!TryDate(dateText, out var date, output)) return 2;
        string result = resultText.ToLowerInvariant();
        if (result is not ("pass" or "fail" or "pending"))
        {
            output.WriteLine($"error: --result must be pass, fail or pending, not '{resultText}'.");
            return 2;
        }

        using var store = PracticeStore.Open(dataDir);
        var history = History(store).WithAttempt(new ExamAttempt(date, Enum.Parse<AttemptResult>(result, ignoreCase: true)));
        try
        {
            new RetakePolicy().Evaluate(history);
        }
        catch (InvalidAttemptHistoryException e)
        {
            output.WriteLine($"error: {e.Message.Replace(" (Parameter 'history')", "", StringComparison.Ordinal)} Nothing was recorded.");
            return 1;
        }

        store.RecordAttempt(date, result, TimeProvider.System.GetUtcNow());
        output.WriteLine($"Recorded a {result} attempt on {date:yyyy-MM-dd}. Run 'plan' to see what it allows next.");
        return 0;
    }

    public static int RecordRefresher(string dateText, string dataDir, TextWriter output)
    {
        if (!TryDate(dateText, out var date, output)) return 2;
        using var store = PracticeStore.Open(dataDir);
        store.RecordAttempt(date, "refresher", TimeProvider.System.GetUtcNow());
        output.WriteLine($"Recorded a completed EMR refresher course on {date:yyyy-MM-dd}.");
        return 0;
    }

    public static int SetGate(string name, string? dateText, bool inProgress, string dataDir, TextWriter output)
    {
        if (!GateNames.TryGetValue(name, out _))
        {
            output.WriteLine($"error: unknown gate '{name}'; use course, director, skills or licensure (the exam gate comes from 'attempt record').");
            return 2;
        }

        DateOnly? date = null;
        if (dateText is not null)
        {
            if (!TryDate(dateText, out var d, output)) return 2;
            date = d;
        }
        else if (!inProgress)
        {
            output.WriteLine("error: give --date for a completed gate, or --in-progress.");
            return 2;
        }

        using var store = PracticeStore.Open(dataDir);
        store.SetGate(name.ToLowerInvariant(), date is null ? "in_progress" : "complete", date);
        output.WriteLine(date is null ? $"Gate '{name}' is in progress." : $"Gate '{name}' completed on {date:yyyy-MM-dd}.");
        return 0;
    }

    public static int SetState(string name, string required, string dataDir, TextWriter output)
    {
        if (required.ToLowerInvariant() is not ("yes" or "no"))
        {
            output.WriteLine("error: --licensure-required must be yes or no.");
            return 2;
        }

        using var store = PracticeStore.Open(dataDir);
        store.SetSetting("state", name);
        store.SetSetting("licensure_required", required.ToLowerInvariant());
        output.WriteLine($"State '{name}': licensure or authorization {(required.Equals("yes", StringComparison.OrdinalIgnoreCase) ? "is" : "is not")} required.");
        return 0;
    }

    public static int Plan(string dataDir, bool plain, string? todayText, TextWriter output)
    {
        var screens = Screens.Create(plain, output == Console.Out ? null : output);
        var console = screens.Console;
        TimeProvider clock = TimeProvider.System;
        if (todayText is not null)
        {
            if (!TryDate(todayText, out var today, output)) return 2;
            clock = new FixedDateTimeProvider(today);
        }

        using var store = PracticeStore.Open(dataDir);
        AttemptHistory history;
        try
        {
            history = History(store);
            var policy = new RetakePolicy(timeProvider: clock);
            var exam = policy.Evaluate(history);
            var gates = store.Gates();
            GateEvidence Evidence(string key) => gates.TryGetValue(key, out var g)
                ? g.Date is { } d ? GateEvidence.Completed(d) : GateEvidence.Started
                : GateEvidence.NotStarted;
            var record = new CertificationRecord
            {
                State = new StateAuthorization(store.Setting("state") ?? "your state", store.Setting("licensure_required") != "no"),
                EducationCourse = Evidence("course"),
                ProgramDirectorVerification = Evidence("director"),
                ExamAttempts = history,
                PsychomotorVerification = Evidence("skills"),
                StateLicensure = Evidence("licensure"),
            };
            var status = new CertificationPathway(retakePolicy: policy, timeProvider: clock).Evaluate(record);

            console.Write(new Rule($"Your plan as of {policy.Today:yyyy-MM-dd}").LeftJustified());
            console.MarkupLine($"[bold]Cognitive exam:[/] {exam.AttemptsUsedInCycle} of {policy.Options.MaxAttemptsBeforeRefresher} attempts used{(exam.Cycle > 1 ? $" in cycle {exam.Cycle} (after a refresher)" : "")}.");
            console.MarkupLine(Markup.Escape(exam.Summary));
            if (exam.LastFailure is { } failed) console.MarkupLine($"Last failure {failed:yyyy-MM-dd}: earliest retest {(exam.EarliestNextAttempt is { } next ? next.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—")} ({policy.Options.WaitAfterFailureDays} days later).");
            console.MarkupLine(exam.RefresherRequired ? "[red]A full EMR refresher course is required before another attempt.[/]" : "No refresher course is required now.");
            if (exam.ResultsExpectedOn is { } posted) console.MarkupLine($"Results of the pending attempt should post by {posted:yyyy-MM-dd} (about {policy.Options.ResultsDelayBusinessDays} business days).");
            var last = history.Attempts.LastOrDefault();
            if (last is not null && exam.ResultsExpectedOn is null) console.MarkupLine($"Results of an attempt on {last.Date:yyyy-MM-dd} post about {policy.ExpectedResultsDate(last.Date):yyyy-MM-dd}.");
            console.WriteLine();

            var table = new Table().AddColumn("Gate").AddColumn("Status").AddColumn("Evidence").AddColumn("Detail");
            foreach (var gate in status.Gates)
            {
                table.AddRow(Markup.Escape(GateTitle(gate.Gate)), gate.Status.ToString(), gate.EvidenceDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—", Markup.Escape(gate.Detail));
            }

            console.Write(table);
            console.MarkupLine($"[bold]{Markup.Escape(status.Headline)}[/]");
            if (status.Blockers.Count > 0)
            {
                console.MarkupLine("What blocks you now:");
                foreach (var blocker in status.Blockers) console.MarkupLine($"  - {Markup.Escape(blocker)}");
            }

            console.MarkupLine("[grey]Passing the cognitive exam closes one gate; certification and the legal right to practise need the others too.[/]");
            return 0;
        }
        catch (InvalidAttemptHistoryException e)
        {
            output.WriteLine($"error: the recorded attempts are inconsistent: {e.Message}");
            return 1;
        }
    }

    public static int History(string dataDir, bool plain, TextWriter output)
    {
        var screens = Screens.Create(plain, output == Console.Out ? null : output);
        using var store = PracticeStore.Open(dataDir);
        var sessions = store.Sessions();
        if (sessions.Count == 0)
        {
            screens.Info("No practice runs yet. Start one with: dotnet run --project samples/EmrCat.Practice");
            return 0;
        }

        var table = new Table().AddColumn("Session").AddColumn("Started").AddColumn("Preset").AddColumn("Status").AddColumn("Result").AddColumn(new TableColumn("Score").RightAligned()).AddColumn(new TableColumn("Answered").RightAligned());
        foreach (var s in sessions)
        {
            string result = s.Result is { } r ? $"{r.Decision} ({r.Reason})" : "in progress: --resume";
            table.AddRow(s.Id.ToString(CultureInfo.InvariantCulture), s.StartedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), s.Preset, s.Status, Markup.Escape(result),
                s.Result?.ReportedScore.ToString(CultureInfo.InvariantCulture) ?? "—", s.Snapshot.Answers.Count.ToString(CultureInfo.InvariantCulture));
        }

        screens.Console.Write(table);
        return 0;
    }

    private static AttemptHistory History(PracticeStore store)
    {
        var rows = store.Attempts();
        return new AttemptHistory(
            rows.Where(a => a.Result != "refresher").Select(a => new ExamAttempt(a.Date, Enum.Parse<AttemptResult>(a.Result, ignoreCase: true))),
            rows.Where(a => a.Result == "refresher").Select(a => a.Date));
    }

    private static string GateTitle(CertificationGate gate) => gate switch
    {
        CertificationGate.EducationCourse => "State-approved EMR course (within 2 years)",
        CertificationGate.ProgramDirectorVerification => "Program Director verification",
        CertificationGate.CognitiveExam => "Cognitive exam",
        CertificationGate.PsychomotorVerification => "Psychomotor (skills) verification",
        _ => "State licensure / authorization",
    };

    private static bool TryDate(string text, out DateOnly date, TextWriter output)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
        output.WriteLine($"error: '{text}' is not a date in the form YYYY-MM-DD.");
        return false;
    }

    /// <summary>A clock fixed at noon local time on a given date (for <c>plan --today</c>).</summary>
    private sealed class FixedDateTimeProvider(DateOnly date) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
