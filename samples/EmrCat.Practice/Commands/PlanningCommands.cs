using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;
using EmrCat.Learning;
using EmrCat.Practice.Storage;
using EmrCat.Practice.Ui;
using EmrCat.Scoring;
using EmrCat.Sessions;
using EmrCat.Stopping;
using Spectre.Console;

namespace EmrCat.Practice.Commands;

/// <summary>
/// <c>attempt record</c>, <c>gate set</c>, <c>plan</c> and <c>history</c>: the real attempts, the certification gates,
/// what they allow next, and past practice runs, all kept in the same SQLite file as the practice sessions.
/// </summary>
internal static partial class PlanningCommands
{
    private static readonly Option<string> DataDir = new("--data-dir") { Description = "Where the history database lives.", DefaultValueFactory = _ => PracticeStore.DefaultDataDirectory };
    private static readonly Option<bool> Plain = new("--plain") { Description = "No color." };
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
        var date = new Option<string>("--date") { Description = "The date, YYYY-MM-DD (today or earlier).", Required = true };
        var result = new Option<string>("--result") { Description = "pass, fail or pending (taken, result not posted yet).", Required = true };
        var record = new Command("record", "Record a real cognitive exam attempt.") { date, result, DataDir };
        record.SetAction(r => RecordAttempt(r.GetValue(date)!, r.GetValue(result)!, r.GetValue(DataDir)!, Console.Out, Console.Error));
        var refresherDate = new Option<string>("--date") { Description = "Completion date, YYYY-MM-DD (today or earlier).", Required = true };
        var refresher = new Command("refresher", "Record completing a full EMR refresher course (starts a new cycle of three attempts).") { refresherDate, DataDir };
        refresher.SetAction(r => RecordRefresher(r.GetValue(refresherDate)!, r.GetValue(DataDir)!, Console.Out, Console.Error));
        var list = new Command("list", "List the recorded attempts and refresher courses with their numbers.") { DataDir };
        list.SetAction(r => ListAttempts(r.GetValue(DataDir)!, Console.Out, Console.Error));
        var setId = new Argument<string>("number") { Description = "The record's number, as 'attempt list' shows it." };
        var setDate = new Option<string?>("--date") { Description = "The corrected date, YYYY-MM-DD." };
        var setResult = new Option<string?>("--result") { Description = "The corrected result: pass, fail or pending (e.g. once a pending result has posted)." };
        var set = new Command("set", "Correct a recorded attempt, e.g. give a pending attempt its result.") { setId, setDate, setResult, DataDir };
        set.SetAction(r => CorrectAttempt(r.GetValue(setId)!, r.GetValue(setDate), r.GetValue(setResult), r.GetValue(DataDir)!, Console.Out, Console.Error));
        var deleteId = new Argument<string>("number") { Description = "The record's number, as 'attempt list' shows it." };
        var delete = new Command("delete", "Delete a recorded attempt or refresher course entered by mistake.") { deleteId, DataDir };
        delete.SetAction(r => DeleteAttempt(r.GetValue(deleteId)!, r.GetValue(DataDir)!, Console.Out, Console.Error));
        var attempt = new Command("attempt", "Real exam attempts.") { record, refresher, list, set, delete };

        var gateName = new Argument<string>("gate") { Description = "course, director, skills or licensure." };
        var gateDate = new Option<string?>("--date") { Description = "Date the gate was completed, YYYY-MM-DD (today or earlier)." };
        var inProgress = new Option<bool>("--in-progress") { Description = "Started but not complete." };
        var gateSet = new Command("set", "Record (or correct) the status of a certification gate.") { gateName, gateDate, inProgress, DataDir };
        gateSet.SetAction(r => SetGate(r.GetValue(gateName)!, r.GetValue(gateDate), r.GetValue(inProgress), r.GetValue(DataDir)!, Console.Out, Console.Error));
        var clearName = new Argument<string>("gate") { Description = "course, director, skills or licensure." };
        var clear = new Command("clear", "Forget a gate's recorded status (back to not started).") { clearName, DataDir };
        clear.SetAction(r => ClearGate(r.GetValue(clearName)!, r.GetValue(DataDir)!, Console.Out, Console.Error));
        var stateName = new Option<string>("--name") { Description = "State or jurisdiction.", Required = true };
        var required = new Option<string>("--licensure-required") { Description = "yes or no.", Required = true };
        var state = new Command("state", "Record your state and whether it requires EMR licensure or authorization.") { stateName, required, DataDir };
        state.SetAction(r => SetState(r.GetValue(stateName)!, r.GetValue(required)!, r.GetValue(DataDir)!, Console.Out, Console.Error));
        var gate = new Command("gate", "Certification gates.") { gateSet, clear, state };

        var plan = new Command("plan", "Attempts used of three, the earliest retest, whether a refresher is required, when results post, and open certification gates.") { DataDir, Plain, Today };
        plan.SetAction(r => Plan(r.GetValue(DataDir)!, r.GetValue(Plain), r.GetValue(Today), Console.Out, Console.Error));
        var history = new Command("history", "Finished practice runs and sessions in progress.") { DataDir, Plain };
        history.SetAction(r => History(r.GetValue(DataDir)!, r.GetValue(Plain), Console.Out, Console.Error));
        return [attempt, gate, plan, history];
    }

    public static int RecordAttempt(string dateText, string resultText, string dataDir, TextWriter output, TextWriter? error = null) =>
        HostException.Report(error, () =>
        {
            var date = PastDate(dateText, "--date");
            string result = Result(resultText);
            using var store = PracticeStore.Open(dataDir);
            var rows = store.Attempts().Append(new StoredAttempt(0, date, result)).ToList();
            Check(store, rows, $"Cannot record a {result} attempt on {date:yyyy-MM-dd}");
            store.RecordAttempt(date, result, TimeProvider.System.GetUtcNow());
            output.WriteLine($"Recorded a {result} attempt on {date:yyyy-MM-dd}. Run 'plan' to see what it allows next.");
            return 0;
        });

    public static int RecordRefresher(string dateText, string dataDir, TextWriter output, TextWriter? error = null) =>
        HostException.Report(error, () =>
        {
            var date = PastDate(dateText, "--date");
            using var store = PracticeStore.Open(dataDir);
            var rows = store.Attempts().Append(new StoredAttempt(0, date, "refresher")).ToList();
            Check(store, rows, $"Cannot record a refresher course on {date:yyyy-MM-dd}");
            store.RecordAttempt(date, "refresher", TimeProvider.System.GetUtcNow());
            output.WriteLine($"Recorded a completed EMR refresher course on {date:yyyy-MM-dd}.");
            return 0;
        });

    public static int ListAttempts(string dataDir, TextWriter output, TextWriter? error = null) =>
        HostException.Report(error, () =>
        {
            using var store = PracticeStore.Open(dataDir);
            var rows = store.Attempts();
            if (rows.Count == 0)
            {
                output.WriteLine("No attempts or refresher courses recorded. Add one with: attempt record --date YYYY-MM-DD --result pass|fail|pending");
                return 0;
            }

            output.WriteLine("number  date        record");
            foreach (var row in rows)
            {
                string what = row.Result == "refresher" ? "refresher course completed" : $"exam attempt: {row.Result}";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Id,6}  {row.Date:yyyy-MM-dd}  {what}"));
            }

            output.WriteLine("Correct one with 'attempt set NUMBER --result pass|fail' (or --date), or remove it with 'attempt delete NUMBER'.");
            return 0;
        });

    public static int CorrectAttempt(string idText, string? dateText, string? resultText, string dataDir, TextWriter output, TextWriter? error = null) =>
        HostException.Report(error, () =>
        {
            long id = Number(idText);
            if (dateText is null && resultText is null) throw new HostException("Give --date, --result or both: what should the record say?", HostException.BadArguments);
            DateOnly? date = dateText is null ? null : PastDate(dateText, "--date");
            string? result = resultText is null ? null : Result(resultText);
            using var store = PracticeStore.Open(dataDir);
            var rows = store.Attempts().ToList();
            int index = rows.FindIndex(r => r.Id == id);
            if (index < 0) throw new HostException($"There is no record number {id}; 'attempt list' shows the numbers.");
            var old = rows[index];
            if (old.Result == "refresher" && result is not null) throw new HostException($"Record {id} is a refresher course, which has no result; only --date can be corrected.", HostException.BadArguments);
            var changed = old with { Date = date ?? old.Date, Result = result ?? old.Result };
            rows[index] = changed;
            Check(store, rows, $"Cannot correct record {id} that way");
            store.UpdateAttempt(id, changed.Date, changed.Result);
            output.WriteLine(changed.Result == "refresher"
                ? $"Record {id}: refresher course completed on {changed.Date:yyyy-MM-dd}."
                : $"Record {id}: {changed.Result} attempt on {changed.Date:yyyy-MM-dd}. Run 'plan' to see what it allows next.");
            return 0;
        });

    public static int DeleteAttempt(string idText, string dataDir, TextWriter output, TextWriter? error = null) =>
        HostException.Report(error, () =>
        {
            long id = Number(idText);
            using var store = PracticeStore.Open(dataDir);
            var rows = store.Attempts().ToList();
            var old = rows.FirstOrDefault(r => r.Id == id) ?? throw new HostException($"There is no record number {id}; 'attempt list' shows the numbers.");
            rows.Remove(old);
            Check(store, rows, $"Cannot delete record {id}: the records left");
            store.DeleteAttempt(id);
            output.WriteLine(old.Result == "refresher" ? $"Deleted record {id} (refresher course on {old.Date:yyyy-MM-dd})." : $"Deleted record {id} ({old.Result} attempt on {old.Date:yyyy-MM-dd}).");
            return 0;
        });

    public static int SetGate(string name, string? dateText, bool inProgress, string dataDir, TextWriter output, TextWriter? error = null) =>
        HostException.Report(error, () =>
        {
            string key = GateKey(name);
            DateOnly? date = null;
            if (dateText is not null)
            {
                if (inProgress) throw new HostException("Give --date for a completed gate or --in-progress, not both.", HostException.BadArguments);
                date = PastDate(dateText, "--date");
            }
            else if (!inProgress)
            {
                throw new HostException("Give --date for a completed gate, or --in-progress.", HostException.BadArguments);
            }

            using var store = PracticeStore.Open(dataDir);
            var gates = store.Gates().ToDictionary(g => g.Key, g => g.Value, StringComparer.OrdinalIgnoreCase);
            gates[key] = (date is null ? "in_progress" : "complete", date);
            Check(store, store.Attempts(), $"Cannot set gate '{key}' {(date is { } d ? $"completed on {d:yyyy-MM-dd}" : "in progress")}", gates);
            store.SetGate(key, date is null ? "in_progress" : "complete", date);
            output.WriteLine(date is null ? $"Gate '{key}' is in progress." : $"Gate '{key}' completed on {date:yyyy-MM-dd}.");
            return 0;
        });

    public static int ClearGate(string name, string dataDir, TextWriter output, TextWriter? error = null) =>
        HostException.Report(error, () =>
        {
            string key = GateKey(name);
            using var store = PracticeStore.Open(dataDir);
            output.WriteLine(store.ClearGate(key) ? $"Gate '{key}' is back to not started." : $"Gate '{key}' had no recorded status; nothing changed.");
            return 0;
        });

    public static int SetState(string name, string required, string dataDir, TextWriter output, TextWriter? error = null) =>
        HostException.Report(error, () =>
        {
            if (required.ToLowerInvariant() is not ("yes" or "no")) throw new HostException($"--licensure-required must be yes or no, not '{required}'.", HostException.BadArguments);
            if (string.IsNullOrWhiteSpace(name)) throw new HostException("--name must name your state.", HostException.BadArguments);
            using var store = PracticeStore.Open(dataDir);
            store.SetSetting("state", name.Trim());
            store.SetSetting("licensure_required", required.ToLowerInvariant());
            output.WriteLine($"State '{name.Trim()}': licensure or authorization {(required.Equals("yes", StringComparison.OrdinalIgnoreCase) ? "is" : "is not")} required.");
            return 0;
        });

    public static int Plan(string dataDir, bool plain, string? todayText, TextWriter output, TextWriter? error = null) =>
        HostException.Report(error, () =>
        {
            TimeProvider clock = TimeProvider.System;
            if (todayText is not null) clock = new FixedDateTimeProvider(Date(todayText, "--today"));
            var screens = Screens.Create(plain, output == Console.Out ? null : output);
            var console = screens.Console;
            using var store = PracticeStore.Open(dataDir);
            var policy = new RetakePolicy(timeProvider: clock);
            DateOnly today = policy.Today;
            // Plan as of --today with what had happened by then: later records are left out, and said so.
            var all = store.Attempts();
            var rows = all.Where(a => a.Date <= today).ToList();
            var allGates = store.Gates();
            var gates = allGates.Where(g => g.Value.Date is not { } d || d <= today).ToDictionary(g => g.Key, g => g.Value, StringComparer.OrdinalIgnoreCase);
            int later = all.Count - rows.Count + allGates.Count - gates.Count;
            var record = Record(store, rows, gates);
            CertificationStatus status;
            try
            {
                status = new CertificationPathway(retakePolicy: policy, timeProvider: clock).Evaluate(record);
            }
            catch (ArgumentException e)
            {
                string when = todayText is null ? "" : $" as of {today:yyyy-MM-dd}";
                throw new HostException($"The recorded attempts and gates cannot be planned{when}: {Reason(e)} Correct them with 'attempt list', 'attempt set', 'attempt delete' or 'gate set'.");
            }

            var exam = status.Exam;
            console.Write(new Rule($"Your plan as of {today:yyyy-MM-dd}").LeftJustified());
            if (later > 0) console.MarkupLine(Markup.Escape($"{(later == 1 ? "1 record dated" : $"{later} records dated")} after {today:yyyy-MM-dd} {(later == 1 ? "is" : "are")} left out."));
            console.MarkupLine($"[bold]Cognitive exam:[/] {exam.AttemptsUsedInCycle} of {policy.Options.MaxAttemptsBeforeRefresher} attempts used{(exam.Cycle > 1 ? $" in cycle {exam.Cycle} (after a refresher)" : "")}.");
            console.MarkupLine(Markup.Escape(exam.Summary));
            if (exam.LastFailure is { } failed && !exam.HasPassed && exam.PendingSince is null)
            {
                console.MarkupLine(Markup.Escape(RetestLine(policy, record.ExamAttempts, exam, failed, today)));
            }

            console.MarkupLine(exam.RefresherRequired ? "[red]A full EMR refresher course is required before another attempt.[/]" : "No refresher course is required now.");
            if (exam.PendingSince is { } pending && exam.ResultsExpectedOn is { } posted)
            {
                var pendingRow = rows.LastOrDefault(r => r.Result == "pending");
                string fix = pendingRow is null ? "" : $" Once it has posted, record it with 'attempt set {pendingRow.Id} --result pass' (or fail).";
                console.MarkupLine(Markup.Escape(posted >= today
                    ? $"Results of the attempt on {pending:yyyy-MM-dd} should post by {posted:yyyy-MM-dd} (about {policy.Options.ResultsDelayBusinessDays} business days).{fix}"
                    : $"Results of the attempt on {pending:yyyy-MM-dd} should have posted by {posted:yyyy-MM-dd}: check your National Registry account.{fix}"));
            }

            console.WriteLine();
            var table = new Table().AddColumn("Gate").AddColumn("Status").AddColumn("Date").AddColumn("Detail");
            foreach (var g in status.Gates)
            {
                table.AddRow(Markup.Escape(GateTitle(g.Gate)), Markup.Escape(StatusWords(g.Status)), g.EvidenceDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—", Markup.Escape(g.Detail));
            }

            console.Write(table);
            console.MarkupLine($"[bold]{Markup.Escape(status.Headline)}[/]");
            if (status.Blockers.Count > 0)
            {
                console.MarkupLine("What blocks you now:");
                foreach (var blocker in status.Blockers) console.MarkupLine($"  - {Markup.Escape(blocker)}");
            }

            console.MarkupLine("[grey]Passing the cognitive exam closes one gate; certification and the legal right to practice need the others too.[/]");
            if (LearnerRepair.CurrentPlan(store, policy, exam, LearnerRepair.LatestLog(store), clock.LocalTimeZone) is { } retest) RetestPlanView.Show(console, retest);
            return 0;
        });

    public static int History(string dataDir, bool plain, TextWriter output, TextWriter? error = null) =>
        HostException.Report(error, () =>
        {
            var screens = Screens.Create(plain, output == Console.Out ? null : output);
            using var store = PracticeStore.Open(dataDir);
            var sessions = store.Sessions();
            if (sessions.Count == 0)
            {
                screens.Info("No practice runs yet. Start one with: dotnet run --project samples/EmrCat.Practice");
                return 0;
            }

            var offset = TimeZoneInfo.Local.GetUtcOffset(DateTime.UtcNow);
            string zone = offset == TimeSpan.Zero ? "UTC" : $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture)}";
            var table = new Table().AddColumn("Session").AddColumn("Started").AddColumn("Preset").AddColumn("Result").AddColumn(new TableColumn("Score").RightAligned())
                .AddColumn(new TableColumn("Band (95%)").RightAligned()).AddColumn(new TableColumn("Pass chance").RightAligned()).AddColumn(new TableColumn("Answered").RightAligned());
            foreach (var s in sessions)
            {
                string result = s.Result is { } r ? $"{DecisionWords(r.Decision)}: {ReasonWords(r.Reason)}" : "in progress (continue with --resume)";
                string band = s.Result is { } rb ? $"{rb.ScoreBand.Low.ToString("0", CultureInfo.InvariantCulture)}–{rb.ScoreBand.High.ToString("0", CultureInfo.InvariantCulture)}" : "—";
                string chance = s.Result is { } rc ? Percent(rc.PassProbability) : "—";
                table.AddRow(s.Id.ToString(CultureInfo.InvariantCulture), s.StartedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), s.Preset,
                    Markup.Escape(result),
                    s.Result?.ReportedScore.ToString(CultureInfo.InvariantCulture) ?? "—", band, chance, s.Snapshot.Answers.Count.ToString(CultureInfo.InvariantCulture));
            }

            screens.Console.Write(table);
            screens.Info($"Start times are local time ({zone}); the band is the 95% range of the scaled score.");

            // The trend: each finished run's chance of passing, oldest first.
            var finished = sessions.Where(x => x.Result is not null).ToArray();
            if (finished.Length > 0)
            {
                var chart = new BarChart().Label("Chance of passing by run (%)").WithMaxValue(100).Width(60);
                foreach (var f in finished) chart.AddItem($"run {f.Id}", Math.Round(f.Result!.PassProbability * 100), Color.Green);
                screens.Console.Write(chart);
            }

            var readiness = Readiness.Assess(LearnerHistory.Load(store));
            string verdict = readiness.Verdict switch
            {
                ReadinessVerdict.LikelyToPass => "likely to pass",
                ReadinessVerdict.NotYet => "not yet",
                _ => "too little evidence",
            };
            screens.Info($"Readiness: {verdict}. {readiness.Reason}");
            return 0;
        });


    /// <summary>
    /// Refuses records that could not have happened: the whole history with the change must pass the retake policy and
    /// the certification pathway as of today (no date after today, nothing after a pass or a pending result, the
    /// waiting period, the refresher after three failures, the course before the exam). Nothing is written otherwise.
    /// </summary>
    private static void Check(PracticeStore store, IReadOnlyList<StoredAttempt> rows, string what, IReadOnlyDictionary<string, (string Status, DateOnly? Date)>? gates = null)
    {
        try
        {
            new CertificationPathway().Evaluate(Record(store, rows, gates ?? store.Gates()));
        }
        catch (ArgumentException e)
        {
            throw new HostException($"{what}: {Reason(e)} Nothing was changed; 'attempt list' shows the records.");
        }
    }

    private static CertificationRecord Record(PracticeStore store, IReadOnlyList<StoredAttempt> rows, IReadOnlyDictionary<string, (string Status, DateOnly? Date)> gates)
    {
        GateEvidence Evidence(string key) => gates.TryGetValue(key, out var g)
            ? g.Date is { } d ? GateEvidence.Completed(d) : GateEvidence.Started
            : GateEvidence.NotStarted;
        var ordered = rows.OrderBy(a => a.Date).ThenBy(a => a.Id == 0 ? long.MaxValue : a.Id).ToList();
        return new CertificationRecord
        {
            State = new StateAuthorization(store.Setting("state") ?? "your state", store.Setting("licensure_required") != "no"),
            EducationCourse = Evidence("course"),
            ProgramDirectorVerification = Evidence("director"),
            ExamAttempts = new AttemptHistory(
                ordered.Where(a => a.Result != "refresher").Select(a => new ExamAttempt(a.Date, Enum.Parse<AttemptResult>(a.Result, ignoreCase: true))),
                ordered.Where(a => a.Result == "refresher").Select(a => a.Date)),
            PsychomotorVerification = Evidence("skills"),
            StateLicensure = Evidence("licensure"),
        };
    }

    /// <summary>The earliest retest and why: 15 days after the failure, or the refresher course's date when that is later.</summary>
    private static string RetestLine(RetakePolicy policy, AttemptHistory history, RetakeStatus exam, DateOnly failed, DateOnly today)
    {
        if (exam.RefresherRequired)
        {
            return $"Last failure {failed:yyyy-MM-dd}: that was attempt {policy.Options.MaxAttemptsBeforeRefresher} of {policy.Options.MaxAttemptsBeforeRefresher}, so there is no retest until a full EMR refresher course is completed.";
        }

        if (exam.EarliestNextAttempt is not { } next) return $"Last failure {failed:yyyy-MM-dd}.";
        DateOnly wait = failed.AddDays(policy.Options.WaitAfterFailureDays);
        string why = next > wait && history.RefresherCompletions.Contains(next)
            ? $"the day your refresher course was completed, after attempt {policy.Options.MaxAttemptsBeforeRefresher} of the last cycle"
            : $"{policy.Options.WaitAfterFailureDays} days after the failure";
        return next <= today
            ? $"Last failure {failed:yyyy-MM-dd}: you may retest now (allowed since {next:yyyy-MM-dd}, {why})."
            : $"Last failure {failed:yyyy-MM-dd}: earliest retest {next:yyyy-MM-dd} ({why}).";
    }

    private static string Reason(ArgumentException e) =>
        ParameterNote().Replace(e.Message, "").Replace("Invalid CertificationRecord: ", "", StringComparison.Ordinal).Replace("Invalid attempt history: ", "", StringComparison.Ordinal).Trim();

    [GeneratedRegex(@" \(Parameter '[^']*'\)")]
    private static partial Regex ParameterNote();

    private static string StatusWords(GateStatus status) => status switch
    {
        GateStatus.Complete => "complete",
        GateStatus.Pending => "in progress",
        GateStatus.Expired => "expired",
        GateStatus.NotRequired => "not required",
        _ => "not started",
    };

    private static string DecisionWords(PassFailDecision decision) => decision switch
    {
        PassFailDecision.Pass => "pass",
        PassFailDecision.Fail => "fail",
        _ => "undecided",
    };

    private static string ReasonWords(StopReason reason) => reason switch
    {
        StopReason.ConfidenceClassification => "clear of the passing standard with 95% confidence",
        StopReason.StandardError => "score precise enough",
        StopReason.FixedLength => "all items given",
        StopReason.MaximumItems => "most items given",
        StopReason.TimeLimit => "time ran out",
        StopReason.BankExhausted => "no items left",
        _ => "stopped early",
    };

    private static string GateKey(string name)
    {
        if (!GateNames.ContainsKey(name)) throw new HostException($"Unknown gate '{name}': use course, director, skills or licensure (the exam gate comes from 'attempt record').", HostException.BadArguments);
        return name.ToLowerInvariant();
    }

    private static string Result(string text)
    {
        string result = text.ToLowerInvariant();
        if (result is not ("pass" or "fail" or "pending")) throw new HostException($"--result must be pass, fail or pending, not '{text}'.", HostException.BadArguments);
        return result;
    }

    private static long Number(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id) && id > 0
            ? id
            : throw new HostException($"'{text}' is not a record number; 'attempt list' shows them.", HostException.BadArguments);

    private static DateOnly Date(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new HostException($"{option} '{text}' is not a date in the form YYYY-MM-DD.", HostException.BadArguments);

    /// <summary>A date that has happened: today (local) or earlier.</summary>
    private static DateOnly PastDate(string text, string option)
    {
        var date = Date(text, option);
        var today = DateOnly.FromDateTime(DateTime.Now);
        if (date > today) throw new HostException($"{option} {date:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}): record it once it has happened.");
        return date;
    }

    private static string GateTitle(CertificationGate gate) => gate switch
    {
        CertificationGate.EducationCourse => "State-approved EMR course (within 2 years)",
        CertificationGate.ProgramDirectorVerification => "Program Director verification",
        CertificationGate.CognitiveExam => "Cognitive exam",
        CertificationGate.PsychomotorVerification => "Psychomotor (skills) verification",
        _ => "State licensure / authorization",
    };

    /// <summary>A clock fixed at noon local time on a given date (for <c>plan --today</c>).</summary>
    private sealed class FixedDateTimeProvider(DateOnly date) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }

    private static string Percent(double p) => (p * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
