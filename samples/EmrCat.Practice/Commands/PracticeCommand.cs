using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using EmrCat.Banks;
using EmrCat.IO;
using EmrCat.Learning;
using EmrCat.Practice.Storage;
using EmrCat.Practice.Ui;
using EmrCat.Sessions;

namespace EmrCat.Practice.Commands;

/// <summary>The main job: an adaptive practice run on the bundled bank, saved answer by answer, resumable.</summary>
internal static partial class PracticeCommand
{
    public const int ExitSaved = 3;

    /// <summary>Exit code when Ctrl+C stops the host before a session started (128 + SIGINT, as shells report it).</summary>
    public const int ExitInterrupted = 130;

    /// <summary>Longest accepted <c>--time-limit</c>.</summary>
    public static readonly TimeSpan MaxTimeLimit = TimeSpan.FromHours(24);

    /// <summary>How often the time spent on the item on screen is saved, so a kill loses at most this much of it.</summary>
    public static readonly TimeSpan ItemTimeSaveInterval = TimeSpan.FromSeconds(2);

    public static readonly Option<string?> Preset = new("--preset") { Description = "emr (full exam: 90–110 items, 1 h 45 min) or quick (20–25 items, 20 min). Asked when not given (not in scripted mode: quick)." };
    public static readonly Option<string> Bank = new("--bank") { Description = "The item bank (JSON). Default: the bundled bank.", DefaultValueFactory = _ => BankFiles.DefaultBankPath };
    public static readonly Option<string?> Seed = new("--seed") { Description = "Seed for a reproducible run, a whole number (default: random)." };
    public static readonly Option<string?> Answers = new("--answers") { Description = "Scripted mode: read answers (A–D, q, y/n, wait:N) from FILE, or - for standard input, as they arrive." };
    public static readonly Option<bool> Plain = new("--plain") { Description = "No color and no live redraw: every prompt is a line of text, answered by typing a line (logs, screen readers)." };
    public static readonly Option<bool> Resume = new("--resume") { Description = "Continue the session in progress exactly where it stopped." };
    public static readonly Option<string> DataDir = new("--data-dir") { Description = "Where the history database lives (default: the user's data directory).", DefaultValueFactory = _ => PracticeStore.DefaultDataDirectory };
    public static readonly Option<string?> TimeLimit = new("--time-limit") { Description = "Override the preset's time limit, e.g. 45m, 90s, 1h30m (at most 24h)." };

    public static readonly Option<int> HoldBackRuns = new("--hold-back-runs") { Description = "Items seen in your last N runs are not given again until the bank runs low (default 3; 0 for none).", DefaultValueFactory = _ => RecencyWindow.Default.Runs };
    public static readonly Option<int> HoldBackDays = new("--hold-back-days") { Description = "Items seen in the last D days are not given again until the bank runs low (default 14; 0 for none).", DefaultValueFactory = _ => RecencyWindow.Default.Days };
    public static readonly Option<bool> EffortModerated = new("--effort-moderated") { Description = "Effort-moderated scoring: answers faster than anyone could read the question (under 10% of the item's typical time) are left out of your score, decision and domain levels." };
    public static readonly Option<bool> StartAtLast = new("--start-at-last") { Description = "Choose the first items at your last practice run's ability estimate instead of the middle (scoring is unchanged)." };

    public static void AddTo(RootCommand root)
    {
        foreach (var option in new Option[] { Preset, Bank, Seed, Answers, Plain, Resume, DataDir, TimeLimit, HoldBackRuns, HoldBackDays, StartAtLast, EffortModerated }) root.Options.Add(option);
        root.SetAction(r => Run(new PracticeArguments(
            r.GetValue(Preset), r.GetValue(Bank)!, r.GetValue(Seed), r.GetValue(Answers), r.GetValue(Plain), r.GetValue(Resume), r.GetValue(DataDir)!, r.GetValue(TimeLimit),
            r.GetValue(HoldBackRuns), r.GetValue(HoldBackDays), r.GetValue(StartAtLast), r.GetValue(EffortModerated))));
    }

    /// <summary>Runs a practice session; a <see cref="HostException"/> becomes one line on <paramref name="error"/> and its exit code.</summary>
    public static int Run(PracticeArguments args, TextWriter? output = null, TextWriter? error = null) =>
        HostException.Report(error, () => RunOrThrow(args, output));

    private static int RunOrThrow(PracticeArguments args, TextWriter? output)
    {
        // Arguments first: nothing is opened or written for a command line that is wrong.
        string? presetArgument = args.Preset?.ToLowerInvariant();
        if (presetArgument is not (null or "emr" or "quick")) throw new HostException($"--preset '{args.Preset}' is not a preset: use emr or quick.", HostException.BadArguments);
        TimeSpan? limit = null;
        if (args.TimeLimit is not null)
        {
            if (!TryParseDuration(args.TimeLimit, out var parsed)) throw new HostException($"--time-limit '{args.TimeLimit}' is not a duration from 1s to 24h like 45m, 90s or 1h30m.", HostException.BadArguments);
            limit = parsed;
        }

        ulong? seedArgument = SessionArguments.Seed(args.Seed);
        SessionArguments.CheckHoldBack(args.HoldBackRuns, args.HoldBackDays);
        if (args.Resume && (args.Preset is not null || args.TimeLimit is not null || args.Seed is not null || args.EffortModerated))
        {
            throw new HostException("--resume continues a session with its own preset, seed, time limit and scoring: leave out --preset, --seed, --time-limit and --effort-moderated.", HostException.BadArguments);
        }

        SessionArguments.CheckInputSource(args.Answers, args.Plain);

        IAnswerSource input = args.Answers is not null ? StreamAnswers.Script(args.Answers)
            : args.Plain ? StreamAnswers.Lines(Console.In)
            : new KeyboardAnswers();
        var screens = Screens.Create(input.Mode != InputMode.Keys || Console.IsOutputRedirected || output is not null, output);
        var prompts = new Prompts(screens, input);
        using var store = PracticeStore.Open(args.DataDir);
        var key = EventLogKeyFile.LoadOrCreate(args.DataDir);

        bool interrupted = false;
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            Volatile.Write(ref interrupted, true);
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return Run(args, presetArgument, limit, seedArgument, store, key, screens, prompts, input, () => Volatile.Read(ref interrupted));
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static int Run(PracticeArguments args, string? presetName, TimeSpan? limit, ulong? seedArgument, PracticeStore store, EventLogKey key, Screens screens, Prompts prompts, IAnswerSource input, Func<bool> interrupted)
    {
        bool resume = args.Resume;
        if (!resume && input.Mode != InputMode.Script && store.LatestInProgress() is { } open)
        {
            using var probe = store.TryLockSession(open.Id);
            if (probe is not null)
            {
                bool? yes = prompts.Confirm($"Session {open.Id} ({open.Preset}, {Answered(open.Snapshot.Answers.Count)}) is in progress. Resume it?", defaultValue: true, () => !interrupted());
                if (yes is null) return Stopped(screens);
                resume = yes.Value;
            }
        }

        if (!resume && presetName is null)
        {
            presetName = input.Mode == InputMode.Script ? "quick" : prompts.Choose("Which practice run?",
                [("quick", "quick: 20–25 items, 20 minutes"), ("emr", "emr: the full exam, 90–110 items, 1 h 45 min")], () => !interrupted());
            if (presetName is null) return Stopped(screens);
        }

        CatSession session;
        StoredSession? stored;
        ItemBank bank;
        IDisposable? claim;
        SessionClock clock;
        if (resume)
        {
            stored = store.LatestInProgress() ?? throw new HostException("There is no session in progress to resume. Start one without --resume.");
            claim = store.TryLockSession(stored.Id) ?? throw Busy(stored.Id);
            stored = store.Session(stored.Id)!; // again, now that no other process can add to it
            bank = LoadBank(stored.BankPath);
            clock = new SessionClock(TimeSpan.FromMilliseconds(stored.ItemMs));
            var events = store.Events(stored.Id);
            try
            {
                // The signed event log, not the answers table: an answer edited in the database is refused here.
                session = CatSession.Resume(bank, events, key, clock);
            }
            catch (InvalidEventLogException e)
            {
                claim.Dispose();
                throw new HostException(events.Count == 0
                    ? $"Session {stored.Id} in {store.DatabasePath} has no event log (it was started by an older EmrCat) and cannot be resumed; start a new session."
                    : $"Session {stored.Id} in {store.DatabasePath} cannot be resumed on {stored.BankPath}: {e.Message} Its stored answers were changed outside EmrCat, or {EventLogKeyFile.FileName} was replaced; start a new session.");
            }

            // The answers table is written in the same transaction as each record: a log with fewer answers lost its
            // last records (a cut the log cannot show by itself while the session runs).
            if (session.AnsweredCount != stored.Snapshot.Answers.Count)
            {
                claim.Dispose();
                throw new HostException($"Session {stored.Id} in {store.DatabasePath} cannot be resumed: its event log holds {Answered(session.AnsweredCount)} but the history holds {Answered(stored.Snapshot.Answers.Count)}, so records were removed outside EmrCat; start a new session.");
            }

            screens.Note($"Resuming session {stored.Id} ({stored.Preset}) after {Answered(session.AnsweredCount)}.");
        }
        else
        {
            if (input is StreamAnswers { Mode: InputMode.Script } script) script.CheckFirst(() => !interrupted());
            var options = SimulateCommand.Workload(presetName!)!;
            if (limit is { } l) options = options with { TimeLimit = l };

            // Scripted or piped answers come in milliseconds: their times are not the candidate's, so the library is
            // told not to flag them (and the result says times were not checked) rather than flag every answer.
            bool timesMeasured = AnswerTiming.Measured(input.Mode, Console.IsInputRedirected);
            if (args.EffortModerated || !timesMeasured)
            {
                var rule = options.ResponseTimes ?? ResponseTimeOptions.Default;
                options = options with { ResponseTimes = rule with { EffortModerated = rule.EffortModerated || args.EffortModerated, TimesNotMeasured = !timesMeasured } };
            }

            string bankPath = Path.GetFullPath(args.Bank);
            bank = LoadBank(bankPath);

            // The preset's Sympson–Hetter parameters for this bank live beside it (calibrate-exposure writes them);
            // a file made for another version of the bank is left out (with a note) until it is recalibrated.
            string exposurePath = ExposureParameterFile.PathFor(bankPath);
            if (File.Exists(exposurePath))
            {
                try
                {
                    if (ExposureParameterFile.Read(exposurePath).IsFor(bank))
                    {
                        var file = ExposureParameterFile.Load(exposurePath, bank);
                        options = options with { ExposureParameters = file.Parameters, ConditionalExposure = file.Conditional };
                    }
                    else screens.Note($"Exposure parameters in {exposurePath} were made for another version of this bank and are not used; recalibrate with calibrate-exposure.");
                }
                catch (Exception e) when (e is InputFormatException or ArgumentException)
                {
                    throw new HostException($"{exposurePath}: {e.Message}");
                }
            }
            ulong seed = seedArgument ?? (ulong)Random.Shared.NextInt64();
            var learner = LearnerHistory.Load(store);
            options = learner.Prepare(options, bank, new RecencyWindow(args.HoldBackRuns, args.HoldBackDays), TimeProvider.System.GetUtcNow(), args.StartAtLast);
            try
            {
                clock = new SessionClock(TimeSpan.Zero);
                session = CatSession.Start(bank, options, seed, clock, key);
            }
            catch (ArgumentException e)
            {
                throw new HostException($"{bankPath}: the bank cannot serve a {presetName} run: {e.Message}");
            }

            long id = store.CreateSession(presetName!, bankPath, session.Snapshot(), session.EventLog, TimeProvider.System.GetUtcNow());
            claim = store.TryLockSession(id) ?? throw Busy(id);
            stored = store.Session(id)!;
            screens.Note($"Session {id}: {presetName} practice on '{bank.Metadata.Title}' (seed {seed}).");
            if (options.HeldBackItems.Count > 0) screens.Note($"{options.HeldBackItems.Count} items you saw recently are held back until the bank runs low.");
        }

        using (claim)
        {
            long sessionId = stored.Id;
            var outcome = Take(session, sessionId, store, screens, prompts, input, interrupted, clock);
            if (outcome != 0) return outcome;

            var result = session.Result;
            var log = ResultReport.ErrorLogFor(result);
            store.Finish(sessionId, session.Snapshot(), result, ResultReport.Misses(log), session.EventLog, TimeProvider.System.GetUtcNow());
            ResultReport.Show(screens, bank, result, log, log.Count > 0 ? () => prompts.Pause("review the items you missed", () => !interrupted()) : null);
            ResultReport.TagAndPlan(screens, prompts, input, store, sessionId, bank, log, interrupted);
            return 0;
        }
    }

    /// <summary>Runs the item loop; returns 0 when the session ended, or an exit code when it was saved and left.</summary>
    private static int Take(CatSession session, long sessionId, PracticeStore store, Screens screens, Prompts prompts, IAnswerSource input, Func<bool> interrupted, SessionClock clock)
    {
        long lastSave = Environment.TickCount64;
        long ItemMs() => (long)(session.Elapsed.TotalMilliseconds - (session.Answers.Count > 0 ? session.Answers[^1].ElapsedMs : 0));
        void SaveItemTime()
        {
            if (!session.IsFinished) store.SaveItemTime(sessionId, Math.Max(0, ItemMs()));
            lastSave = Environment.TickCount64;
        }

        bool Tick()
        {
            if (interrupted()) return false;
            if (session.CheckTimeLimit()) return false; // the limit ends the run even mid-item
            if (Environment.TickCount64 - lastSave >= ItemTimeSaveInterval.TotalMilliseconds) SaveItemTime();
            screens.Tick();
            return true;
        }

        string Saved() => $"Session {sessionId} is saved after {Answered(session.AnsweredCount)} ({Screens.Clock(session.Elapsed)} used); continue with --resume.";

        if (session.CheckTimeLimit()) return 0; // resumed with no time left
        try
        {
            while (!session.IsFinished)
            {
                var item = session.Current;
                session.Bank.TryGetIndex(item.ItemId, out int index); // the session presents only its own bank's items
                var response = ItemResponse.For(session.Bank.Items[index], item, input.Mode);
                screens.Item(session, item, response: response);
                clock.Start(); // the first item is on screen: the candidate's time runs from here
                IReadOnlyList<string>? answer = null;
                while (answer is null)
                {
                    string? token = input.Next(Tick);
                    if (session.IsFinished)
                    {
                        screens.Leave();
                        return 0; // time ran out while waiting
                    }

                    if (interrupted() || token is null)
                    {
                        SaveItemTime();
                        screens.Leave();
                        screens.Note(token is null && !interrupted() ? "The answers ran out. " + Saved() : Saved());
                        return ExitSaved;
                    }

                    if (token.Length == 0 && input.Mode == InputMode.Keys && item.Type == ItemType.Single) continue; // Enter alone: nothing to do
                    if (token.Equals("q", StringComparison.OrdinalIgnoreCase))
                    {
                        SaveItemTime();
                        screens.Leave();
                        bool? quit = prompts.Confirm("Save and quit? Your answers so far are kept and --resume continues here.", defaultValue: false, Tick);
                        if (session.IsFinished) return 0;
                        if (quit is null or true)
                        {
                            SaveItemTime();
                            screens.Note(Saved());
                            return ExitSaved;
                        }

                        screens.Item(session, item, $"Continuing: {Screens.Letters(item.Options.Count)} to answer.", response);
                        continue;
                    }

                    answer = response.Apply(token, out string? problem);
                    if (answer is null) screens.Item(session, item, problem, response); // a warning, or the live screen's new marks
                }

                if (session.Submit(item.ItemId, answer).Accepted)
                {
                    // Committed (and the item time reset) before the next item is shown: a crash from here on loses nothing answered.
                    store.AppendAnswer(sessionId, session.AnsweredCount, session.Answers[^1], session.EventLog, TimeProvider.System.GetUtcNow());
                    lastSave = Environment.TickCount64;
                }
            }
        }
        catch (HostException e) when (!session.IsFinished)
        {
            // A bad script token: what was answered is stored; keep the time on this item too, and say how to go on.
            SaveItemTime();
            throw new HostException($"{e.Message} {Saved()}", e.ExitCode);
        }

        screens.Leave();
        return 0;
    }

    internal static ItemBank LoadBank(string path)
    {
        ItemBank bank;
        try
        {
            bank = BankFiles.Load(path);
        }
        catch (BankValidationException e)
        {
            throw new HostException(PracticeBankRules.Describe(path, e.Problems.Select(p => p.ToString()).ToList()));
        }
        catch (InputFormatException e)
        {
            throw new HostException(e.Message);
        }

        PracticeBankRules.ThrowIfUnfit(bank, path);
        return bank;
    }

    private static HostException Busy(long sessionId) =>
        new($"Session {sessionId} is open in another EmrCat window or process: finish or quit it there first.");

    private static int Stopped(Screens screens)
    {
        screens.Note("Stopped before a session started; nothing was saved.");
        return ExitInterrupted;
    }

    /// <summary>"1 answer", "5 answers".</summary>
    public static string Answered(int count) => count == 1 ? "1 answer" : string.Create(CultureInfo.InvariantCulture, $"{count} answers");

    /// <summary>Parses 45m, 90s, 1h30m (or 01:30:00) into a duration from 1 second to <see cref="MaxTimeLimit"/>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        string trimmed = text.Trim();
        var match = DurationPattern().Match(trimmed);
        if (trimmed.Length == 0) return false;
        if (!match.Success)
        {
            return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.FromSeconds(1) && value <= MaxTimeLimit;
        }

        double seconds = 0;
        for (int g = 1; g <= 3; g++)
        {
            if (!match.Groups[g].Success) continue;
            if (match.Groups[g].Value.Length > 9) return false; // far beyond a day in any unit
            seconds += long.Parse(match.Groups[g].Value, CultureInfo.InvariantCulture) * (g == 1 ? 3600 : g == 2 ? 60 : 1);
        }

        if (seconds < 1 || seconds > MaxTimeLimit.TotalSeconds) return false;
        value = TimeSpan.FromSeconds(seconds);
        return true;
    }

    [GeneratedRegex(@"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")]
    private static partial Regex DurationPattern();
}

/// <summary>The practice command's arguments.</summary>
internal sealed record PracticeArguments(string? Preset, string Bank, string? Seed, string? Answers, bool Plain, bool Resume, string DataDir, string? TimeLimit, int HoldBackRuns = 3, int HoldBackDays = 14, bool StartAtLast = false, bool EffortModerated = false);
