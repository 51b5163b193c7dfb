using System.CommandLine;
using System.Globalization;
using EmrCat.Banks;
using EmrCat.Practice.Storage;
using EmrCat.Practice.Ui;
using EmrCat.Sessions;
using Spectre.Console;

namespace EmrCat.Practice.Commands;

/// <summary>The main job: an adaptive practice run on the bundled bank, saved answer by answer, resumable.</summary>
internal static class PracticeCommand
{
    public const int ExitSaved = 3;

    public static readonly Option<string?> Preset = new("--preset") { Description = "emr (full exam: 90–110 items, 1 h 45 min) or quick (20–25 items, 20 min). Asked when not given at a terminal; quick in scripted mode." };
    public static readonly Option<string> Bank = new("--bank") { Description = "The item bank (JSON). Default: the bundled bank.", DefaultValueFactory = _ => BankFiles.DefaultBankPath };
    public static readonly Option<ulong?> Seed = new("--seed") { Description = "Seed for a reproducible run (default: random)." };
    public static readonly Option<string?> Answers = new("--answers") { Description = "Scripted mode: read answers (A–D, q, y/n, wait:N) from FILE, or - for standard input." };
    public static readonly Option<bool> Plain = new("--plain") { Description = "No colour and no live redraw (for logs and screen readers)." };
    public static readonly Option<bool> Resume = new("--resume") { Description = "Continue the session in progress exactly where it stopped." };
    public static readonly Option<string> DataDir = new("--data-dir") { Description = "Where the history database lives (default: the user's data directory).", DefaultValueFactory = _ => PracticeStore.DefaultDataDirectory };
    public static readonly Option<string?> TimeLimit = new("--time-limit") { Description = "Override the preset's time limit, e.g. 45m, 90s, 1h30m." };

    public static void AddTo(RootCommand root)
    {
        foreach (var option in new Option[] { Preset, Bank, Seed, Answers, Plain, Resume, DataDir, TimeLimit }) root.Options.Add(option);
        root.SetAction(r => Run(new PracticeArguments(
            r.GetValue(Preset), r.GetValue(Bank)!, r.GetValue(Seed), r.GetValue(Answers), r.GetValue(Plain), r.GetValue(Resume), r.GetValue(DataDir)!, r.GetValue(TimeLimit))));
    }

    public static int Run(PracticeArguments args, TextWriter? output = null)
    {
        var screens = Screens.Create(args.Plain || args.Answers is not null, output);
        using var store = PracticeStore.Open(args.DataDir);
        IAnswerSource input = args.Answers is not null ? ScriptedAnswers.From(args.Answers) : new KeyboardAnswers();
        if (input.IsInteractive && Console.IsInputRedirected)
        {
            screens.Error("Standard input is not a terminal: pass --answers FILE (or --answers - to read answers from standard input).");
            return 2;
        }

        var time = TimeProvider.System;
        CatSession session;
        long sessionId;
        string bankPath;
        ItemBank bank;
        bool resume = args.Resume;
        if (!resume && input.IsInteractive && store.LatestInProgress() is { } open)
        {
            resume = screens.Console.Confirm($"Session {open.Id} ({open.Preset}, {open.Snapshot.Answers.Count} answered) is in progress. Resume it?", defaultValue: true);
        }

        string presetName = args.Preset ?? (input.IsInteractive && !resume
            ? screens.Console.Prompt(new SelectionPrompt<string>()
                .Title("Which practice run?")
                .AddChoices("quick", "emr")
                .UseConverter(p => p == "quick" ? "quick — 20–25 items, 20 minutes" : "emr — the full exam: 90–110 items, 1 h 45 min"))
            : "quick");

        try
        {
            if (resume)
            {
                var stored = store.LatestInProgress();
                if (stored is null)
                {
                    screens.Error("There is no session in progress to resume. Start one without --resume.");
                    return 1;
                }

                bankPath = stored.BankPath;
                bank = BankFiles.Load(bankPath);
                session = CatSession.Resume(bank, stored.Snapshot, time);
                sessionId = stored.Id;
                screens.Note($"Resuming session {sessionId} ({stored.Preset}) after {session.AnsweredCount} answers.");
            }
            else
            {
                var options = presetName is "emr" or "quick" ? SimulateCommand.Workload(presetName) : null;
                if (options is null)
                {
                    screens.Error($"Unknown preset '{presetName}': use emr or quick.");
                    return 2;
                }

                if (args.TimeLimit is not null)
                {
                    if (!TryParseDuration(args.TimeLimit, out var limit))
                    {
                        screens.Error($"--time-limit '{args.TimeLimit}' is not a duration like 45m, 90s or 1h30m.");
                        return 2;
                    }

                    options = options with { TimeLimit = limit };
                }

                bankPath = Path.GetFullPath(args.Bank);
                bank = BankFiles.Load(bankPath);

                // The preset's Sympson–Hetter parameters for this bank live beside it (calibrate-exposure writes them).
                string exposurePath = ExposureParameterFile.PathFor(bankPath);
                // A file made for another version of the bank is left out (with a note) until it is recalibrated.
                if (File.Exists(exposurePath))
                {
                    if (ExposureParameterFile.Read(exposurePath).IsFor(bank)) options = options with { ExposureParameters = ExposureParameterFile.Load(exposurePath, bank).Parameters };
                    else screens.Note($"Exposure parameters in {exposurePath} were made for another version of this bank and are not used; recalibrate with calibrate-exposure.");
                }

                ulong seed = args.Seed ?? (ulong)Random.Shared.NextInt64();
                session = CatSession.Start(bank, options, seed, time);
                sessionId = store.CreateSession(presetName, bankPath, session.Snapshot(), time.GetUtcNow());
                screens.Note($"Session {sessionId}: {presetName} practice on '{bank.Metadata.Title}' (seed {seed}).");
            }
        }
        catch (Exception e) when (e is InputFormatException or BankValidationException or InvalidSnapshotException or ArgumentException)
        {
            screens.Error($"error: {e.Message}");
            return 1;
        }

        bool interrupted = false;
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; interrupted = true; };
        Console.CancelKeyPress += onCancel;
        try
        {
            var outcome = Take(session, sessionId, store, screens, input, () => interrupted);
            if (outcome != 0) return outcome;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        var result = session.Result;
        var log = ResultReport.ErrorLogFor(bank, result);
        store.Finish(sessionId, session.Snapshot(), result, ResultReport.Misses(log), time.GetUtcNow());
        ResultReport.Show(screens, bank, result, log, input.IsInteractive
            ? () =>
            {
                screens.Console.MarkupLine("[grey]Press any key to review the items you missed.[/]");
                input.Next(() => true);
            }
            : null);
        ResultReport.TagAndPlan(screens, input, store, sessionId, bank, log);
        return 0;
    }

    /// <summary>Runs the item loop; returns 0 when the session ended, or an exit code when it was saved and left.</summary>
    private static int Take(CatSession session, long sessionId, PracticeStore store, Screens screens, IAnswerSource input, Func<bool> interrupted)
    {
        bool live = input.IsInteractive && !screens.Plain;
        string lastClock = "";
        bool Tick()
        {
            if (interrupted()) return false;
            if (session.CheckTimeLimit()) return false;
            if (live)
            {
                string clock = Screens.Clock(session.Remaining);
                if (clock != lastClock)
                {
                    lastClock = clock;
                    Console.Write($"\r  Time left {clock}   ");
                }
            }

            return true;
        }

        string Saved() => $"Session {sessionId} is saved after {session.AnsweredCount} answer{(session.AnsweredCount == 1 ? "" : "s")}; continue with --resume.";

        while (!session.IsFinished)
        {
            var item = session.Current;
            screens.Item(session, item);
            while (true)
            {
                lastClock = "";
                string? token = input.Next(Tick);
                if (live) Console.WriteLine();
                if (session.IsFinished) return 0; // time ran out while waiting
                if (interrupted() || token is null)
                {
                    screens.Note(token is null && !interrupted() && !input.IsInteractive ? "The scripted answers ran out. " + Saved() : Saved());
                    return ExitSaved;
                }

                if (token.Equals("q", StringComparison.OrdinalIgnoreCase))
                {
                    screens.Info("Save and quit? Your answers so far are kept and --resume continues here. [y/N]");
                    string? confirm = input.Next(Tick);
                    if (live) Console.WriteLine();
                    if (session.IsFinished) return 0;
                    if (confirm is not null && confirm.Equals("y", StringComparison.OrdinalIgnoreCase))
                    {
                        screens.Note(Saved());
                        return ExitSaved;
                    }

                    screens.Info($"Continuing: press {Screens.Letters(item.Options.Count)} to answer.");
                    continue;
                }

                int index = token.Length == 1 ? char.ToUpperInvariant(token[0]) - 'A' : -1;
                if (index < 0 || index >= item.Options.Count)
                {
                    screens.Error($"'{token}' is not an answer here: press {Screens.Letters(item.Options.Count)}, or q to save and quit.");
                    continue;
                }

                int before = session.AnsweredCount;
                session.Submit(item.ItemId, item.Options[index].Id);
                if (session.AnsweredCount > before)
                {
                    // Committed before the next item is shown: a crash from here on loses nothing answered.
                    store.AppendAnswer(sessionId, session.AnsweredCount, session.Answers[^1], TimeProvider.System.GetUtcNow());
                }

                break;
            }
        }

        return 0;
    }

    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var match = System.Text.RegularExpressions.Regex.Match(text.Trim(), @"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$");
        if (!match.Success || text.Trim().Length == 0) return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value > TimeSpan.Zero;
        int Part(int g) => match.Groups[g].Success ? int.Parse(match.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
        value = new TimeSpan(Part(1), Part(2), Part(3));
        return value > TimeSpan.Zero;
    }
}

/// <summary>The practice command's arguments.</summary>
internal sealed record PracticeArguments(string? Preset, string Bank, ulong? Seed, string? Answers, bool Plain, bool Resume, string DataDir, string? TimeLimit);
