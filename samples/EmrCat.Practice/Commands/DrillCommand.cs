using System.CommandLine;
using System.Globalization;
using EmrCat.Banks;
using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Drills;
using EmrCat.Learning;
using EmrCat.Practice.Storage;
using EmrCat.Practice.Ui;
using EmrCat.Sessions;

namespace EmrCat.Practice.Commands;

/// <summary>
/// <c>drill</c>: a short practice set for one error bucket with feedback after every item. The library chooses the set
/// (<see cref="DrillPlanner"/>); this command orchestrates, renders with the practice run's item screen, and stores the
/// drill in its own tables so it never counts toward readiness.
/// </summary>
internal static class DrillCommand
{
    private static readonly Option<string?> Bucket = new("--bucket") { Description = "knowledge, sequence, scope, reading or pacing. Default: today's drill of your retest plan, else your repair plan's costliest bucket." };
    private static readonly Option<int> Items = new("--items") { Description = "Items in the drill, 1–100 (default 10).", DefaultValueFactory = _ => 10 };
    private static readonly Option<string?> Pace = new("--pace") { Description = "Pacing drills: time per item, e.g. 57s or 1m (default: the exam's 105 min / 110 items ≈ 57 s)." };
    private static readonly Option<int> ReadingWpm = new("--reading-wpm") { Description = "Reading drills: answers are taken only after the stem's words at this many words a minute (default 200; 0 for no wait).", DefaultValueFactory = _ => 200 };

    public static Command Create()
    {
        var command = new Command("drill", "A short practice set aimed at one error bucket, with the rationale after each item (never counted in readiness).")
        {
            Bucket, Items, Pace, ReadingWpm, PracticeCommand.Seed, PracticeCommand.Answers, PracticeCommand.Plain, PracticeCommand.Resume, PracticeCommand.DataDir,
            PracticeCommand.Bank, PracticeCommand.HoldBackRuns, PracticeCommand.HoldBackDays,
        };
        command.SetAction(r => Run(new DrillArguments(r.GetValue(Bucket), r.GetValue(Items), r.GetValue(Pace), r.GetValue(ReadingWpm), r.GetValue(PracticeCommand.Seed),
            r.GetValue(PracticeCommand.Answers), r.GetValue(PracticeCommand.Plain), r.GetValue(PracticeCommand.Resume), r.GetValue(PracticeCommand.DataDir)!,
            r.GetValue(PracticeCommand.Bank)!, r.GetValue(PracticeCommand.HoldBackRuns), r.GetValue(PracticeCommand.HoldBackDays))));
        return command;
    }

    public static int Run(DrillArguments args, TextWriter? output = null, TextWriter? error = null) =>
        HostException.Report(error, () => RunOrThrow(args, output));

    private static int RunOrThrow(DrillArguments args, TextWriter? output)
    {
        // Arguments first: nothing is opened or written for a command line that is wrong.
        ErrorBucket? bucket = null;
        if (args.Bucket is not null)
        {
            bucket = ResultReport.Parse(args.Bucket) ?? throw new HostException($"--bucket '{args.Bucket}' is not a bucket: use {string.Join(", ", ResultReport.BucketWords)}.", HostException.BadArguments);
        }

        if (args.Items is < 1 or > 100) throw new HostException($"--items {args.Items} must be a whole number from 1 to 100.", HostException.BadArguments);
        if (args.ReadingWpm is < 0 or > 2000) throw new HostException($"--reading-wpm {args.ReadingWpm} must be a whole number from 0 to 2000.", HostException.BadArguments);
        TimeSpan? pace = null;
        if (args.Pace is not null)
        {
            if (!PracticeCommand.TryParseDuration(args.Pace, out var p) || p > TimeSpan.FromMinutes(30)) throw new HostException($"--pace '{args.Pace}' is not a time per item from 1s to 30m like 57s or 1m.", HostException.BadArguments);
            pace = p;
        }

        ulong? seedArgument = SessionArguments.Seed(args.Seed);
        SessionArguments.CheckHoldBack(args.HoldBackRuns, args.HoldBackDays);
        if (args.Resume && (args.Bucket is not null || args.Seed is not null)) throw new HostException("--resume continues a drill with its own bucket and items: leave out --bucket and --seed.", HostException.BadArguments);
        SessionArguments.CheckInputSource(args.Answers, args.Plain);

        var planner = new DrillPlanner(new DrillOptions { ItemCount = args.Items, TimePerItem = pace, ReadingWordsPerMinute = args.ReadingWpm });
        IAnswerSource input = args.Answers is not null ? StreamAnswers.Script(args.Answers)
            : args.Plain ? StreamAnswers.Lines(Console.In)
            : new KeyboardAnswers();
        var screens = Screens.Create(input.Mode != InputMode.Keys || Console.IsOutputRedirected || output is not null, output);
        var prompts = new Prompts(screens, input);
        using var store = PracticeStore.Open(args.DataDir);

        bool interrupted = false;
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            Volatile.Write(ref interrupted, true);
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return Run(args, bucket, seedArgument, planner, store, screens, prompts, input, () => Volatile.Read(ref interrupted));
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static int Run(DrillArguments args, ErrorBucket? bucket, ulong? seedArgument, DrillPlanner planner, PracticeStore store, Screens screens, Prompts prompts, IAnswerSource input, Func<bool> interrupted)
    {
        var open = store.Drills().LastOrDefault(d => !d.IsFinished);
        bool resume = args.Resume;
        if (!resume && open is not null && input.Mode != InputMode.Script)
        {
            using var probe = store.TryLockDrill(open.Id);
            if (probe is not null)
            {
                bool? yes = prompts.Confirm($"Drill {open.Id} ({open.Bucket}, {open.Answers.Count} of {open.ItemIds.Count} done) was stopped. Resume it?", defaultValue: true, () => !interrupted());
                if (yes is null) return Stopped(screens);
                resume = yes.Value;
            }
        }

        DrillSet set;
        long drillId;
        ItemBank bank;
        IReadOnlyList<StoredDrillAnswer> done;
        if (resume)
        {
            if (open is null) throw new HostException("There is no stopped drill to resume. Start one without --resume.");
            drillId = open.Id;
            bank = PracticeCommand.LoadBank(Path.GetFullPath(args.Bank));
            var items = open.ItemIds.Select(id => bank.TryGetIndex(id, out int i) ? bank.Items[i] : throw new HostException($"Drill {open.Id} cannot be resumed on {args.Bank}: its item '{id}' is not in that bank.")).ToArray();
            var bucketOfDrill = ResultReport.Parse(open.Bucket) ?? ErrorBucket.DomainKnowledge;
            set = new DrillSet
            {
                Bucket = bucketOfDrill,
                Items = items,
                TargetTheta = 0,
                RecentItemsReused = 0,
                TimeLimit = open.TimeLimitMs > 0 ? TimeSpan.FromMilliseconds(open.TimeLimitMs) : null,
                Pace = open.TimeLimitMs > 0 ? TimeSpan.FromMilliseconds(open.TimeLimitMs) / items.Length : null,
                Description = $"Resuming drill {open.Id} after {open.Answers.Count} of {items.Length} items.",
            };
            done = open.Answers;
        }
        else
        {
            bank = PracticeCommand.LoadBank(Path.GetFullPath(args.Bank));
            var now = TimeProvider.System.GetUtcNow();
            var learner = LearnerHistory.Load(store);
            string why;
            if (bucket is { } named)
            {
                why = "as you asked";
            }
            else
            {
                var log = LearnerRepair.LatestLog(store);
                var policy = new RetakePolicy();
                var today = LearnerRepair.Status(store, policy) is { } exam ? LearnerRepair.CurrentPlan(store, policy, exam, log, TimeZoneInfo.Local)?.Days.FirstOrDefault(d => d.Date == policy.Today) : null;
                var planned = today?.Activities.FirstOrDefault(a => a is { Kind: PlanActivityKind.Drill, Status: not PlanDayStatus.Done });
                if (planned is not null)
                {
                    bucket = planned.Bucket;
                    why = $"today's drill in your retest plan (day {today!.DayNumber})";
                }
                else
                {
                    var plan = log is null ? null : new RepairPlanner().Plan(log, bank.Blueprint);
                    bucket = DrillPlanner.Suggest(plan);
                    why = plan is { IsEmpty: false } ? "the costliest bucket of your latest repair plan" : "no repair plan yet, so the knowledge drill";
                }
            }

            ulong seed = seedArgument ?? (ulong)Random.Shared.NextInt64();
            try
            {
                set = planner.Choose(bank, learner, bucket.Value, new RecencyWindow(args.HoldBackRuns, args.HoldBackDays), now, seed);
            }
            catch (InvalidOperationException e)
            {
                throw new HostException($"{args.Bank}: {e.Message}");
            }

            screens.Note($"A {ResultReport.Word(set.Bucket)} drill ({why}; seed {seed}).");
            screens.Info(set.Description);
            if (set.RecentItemsReused > 0) screens.Note($"{set.RecentItemsReused} of these items you saw recently: too few others fit.");
            prompts.Pause("start", () => !interrupted()); // the live screen clears for the first item: let the introduction be read
            if (interrupted()) return Stopped(screens);
            drillId = store.CreateDrill(ResultReport.Word(set.Bucket), set.Items.Select(i => i.Id).ToArray(), seed, set.TimeLimit, TimeProvider.System.GetUtcNow());
            done = [];
        }

        using var claim = store.TryLockDrill(drillId) ?? throw new HostException($"Drill {drillId} is open in another EmrCat window or process: finish or quit it there first.");
        return new DrillRun(bank, set, drillId, planner, store, screens, prompts, input, interrupted, done).Take();
    }

    private static int Stopped(Screens screens)
    {
        screens.Note("Stopped before a drill started; nothing was saved.");
        return PracticeCommand.ExitInterrupted;
    }

    /// <summary>The item loop of one drill: present, wait (the reading time, the pacing limit), check, store, give feedback.</summary>
    private sealed class DrillRun(ItemBank bank, DrillSet set, long drillId, DrillPlanner planner, PracticeStore store, Screens screens, Prompts prompts, IAnswerSource input, Func<bool> interrupted, IReadOnlyList<StoredDrillAnswer> done) : IItemHeader
    {
        private readonly List<StoredDrillAnswer> _answers = [.. done];
        private TimeSpan _used = TimeSpan.FromMilliseconds(done.Sum(a => a.ResponseMs));
        private long _shownAt;

        private TimeSpan OnItem => _shownAt == 0 ? TimeSpan.Zero : TimeProvider.System.GetElapsedTime(_shownAt);

        private TimeSpan Elapsed => _used + OnItem;

        private TimeSpan? Remaining => set.TimeLimit is { } limit ? (limit - Elapsed < TimeSpan.Zero ? TimeSpan.Zero : limit - Elapsed) : null;

        private bool TimeUp => Remaining == TimeSpan.Zero;

        public bool IsOver => TimeUp || _answers.Count >= set.Items.Count;

        public string Header()
        {
            int right = _answers.Count(a => a.Correct);
            string head = string.Create(CultureInfo.InvariantCulture, $"Drill {drillId}: {ResultReport.Word(set.Bucket)} · item {Math.Min(_answers.Count + 1, set.Items.Count)} of {set.Items.Count} · {right} right");
            // The meter counts the item on screen as allowed: "ahead" is the time left on it at exam pace.
            return set.Pace is { } pace ? $"{head} · {PaceText(new PaceMeter(_answers.Count + 1, Elapsed, pace))} · {Screens.Clock(Remaining)} left" : head;
        }

        public string ShortHeader() => set.TimeLimit is null
            ? string.Create(CultureInfo.InvariantCulture, $"Item {_answers.Count + 1}/{set.Items.Count}")
            : string.Create(CultureInfo.InvariantCulture, $"Item {_answers.Count + 1}/{set.Items.Count} · {Screens.Clock(Remaining)} left");

        public int Take()
        {
            while (_answers.Count < set.Items.Count && !TimeUp)
            {
                var item = set.Items[_answers.Count];
                var presented = new PresentedItem(_answers.Count + 1, item.Id, bank.Blueprint.Find(item.Domain)?.Name ?? item.Domain, item.Type, item.Stem, item.Options);
                _shownAt = TimeProvider.System.GetTimestamp();
                var reading = planner.MinimumReadingTime(set, item);
                // The practice run's answer rules: a letter, the letters of a selection, or a whole order.
                var response = ItemResponse.For(item, presented, input.Mode);
                screens.Item(this, presented, reading > TimeSpan.Zero ? $"Read the whole stem: answers are taken after {reading.TotalSeconds:0} s." : null, response);
                IReadOnlyList<string>? answer = null;
                while (answer is null)
                {
                    string? token = input.Next(Tick);
                    if (TimeUp) break;
                    if (interrupted() || token is null)
                    {
                        screens.Leave();
                        screens.Note((token is null && !interrupted() ? "The answers ran out. " : "") + Saved());
                        return PracticeCommand.ExitSaved;
                    }

                    if (token.Length == 0 && input.Mode == InputMode.Keys && item.Type == ItemType.Single) continue;
                    if (token.Equals("q", StringComparison.OrdinalIgnoreCase))
                    {
                        screens.Leave();
                        bool? quit = prompts.Confirm("Save and quit? Your answers so far are kept and 'drill --resume' continues here.", defaultValue: false, Tick);
                        if (quit is null or true)
                        {
                            screens.Note(Saved());
                            return PracticeCommand.ExitSaved;
                        }

                        screens.Item(this, presented, $"Continuing: {Screens.Letters(item.Options.Count)} to answer.", response);
                        continue;
                    }

                    var chosen = response.Apply(token, out string? problem);
                    if (chosen is null)
                    {
                        screens.Item(this, presented, problem, response); // a warning, or the live screen's new marks
                        continue;
                    }

                    var wait = reading - OnItem;
                    if (wait > TimeSpan.Zero)
                    {
                        if (input.Mode != InputMode.Script)
                        {
                            screens.Item(this, presented, $"Too quick: read the whole stem first; answers are taken in {Math.Ceiling(wait.TotalSeconds):0} s.", ItemResponse.For(item, presented, input.Mode));
                            continue;
                        }

                        // A script waits the reading time out, as a reader would.
                        long until = Environment.TickCount64 + (long)wait.TotalMilliseconds;
                        while (Environment.TickCount64 < until)
                        {
                            Thread.Sleep(50);
                            if (!Tick()) break;
                        }
                    }

                    answer = chosen;
                }

                if (answer is null) break; // time ran out on this item
                var spent = OnItem;
                var feedback = planner.Check(set, item, answer, spent);
                var stored = new StoredDrillAnswer(_answers.Count + 1, item.Id, [.. answer], feedback.Correct, (long)spent.TotalMilliseconds, TimeProvider.System.GetUtcNow());
                store.AppendDrillAnswer(drillId, stored); // committed before the feedback: a kill from here on loses nothing answered
                _answers.Add(stored);
                _used += spent;
                _shownAt = 0;
                screens.Leave();
                DrillScreens.Feedback(screens, item, answer, feedback, set.Pace is { } p ? new PaceMeter(_answers.Count, _used, p) : null);
                if (_answers.Count < set.Items.Count && !TimeUp) prompts.Pause("go on to the next item", () => !interrupted());
            }

            bool timeUp = TimeUp;
            if (timeUp) screens.Leave();
            _used += OnItem; // the time on an item the limit cut off is time used too
            _shownAt = 0;
            store.FinishDrill(drillId, TimeProvider.System.GetUtcNow());
            DrillScreens.Summary(screens, set, _answers, timeUp, set.Pace is { } pace ? new PaceMeter(_answers.Count, _used, pace) : null);
            return 0;
        }

        private bool Tick()
        {
            if (interrupted()) return false;
            if (set.TimeLimit is not null && TimeUp) return false;
            screens.Tick();
            return true;
        }

        private string Saved() => string.Create(CultureInfo.InvariantCulture, $"Drill {drillId} is saved after {_answers.Count} of {set.Items.Count} items; continue with 'drill --resume'.");
    }

    /// <summary>"0:42 used of 0:57 at exam pace (0:15 ahead)".</summary>
    public static string PaceText(PaceMeter meter)
    {
        string ahead = meter.OnPace ? $"{Short(meter.Ahead)} ahead" : $"{Short(-meter.Ahead)} behind";
        return $"pace {Short(meter.Elapsed)} used of {Short(meter.Allowed)} ({ahead})";
    }

    private static string Short(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes}:{t.Seconds:D2}");
}

/// <summary>The drill command's arguments.</summary>
internal sealed record DrillArguments(string? Bucket, int Items, string? Pace, int ReadingWpm, string? Seed, string? Answers, bool Plain, bool Resume, string DataDir, string Bank, int HoldBackRuns = 3, int HoldBackDays = 14);
