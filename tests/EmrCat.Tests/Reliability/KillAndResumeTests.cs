using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EmrCat.Banks;
using EmrCat.IO;
using EmrCat.Internal;
using EmrCat.Practice.Storage;
using EmrCat.Sessions;
using EmrCat.Tests.Fixtures;
using EmrCat.Tests.Practice;
using Xunit.Abstractions;

namespace EmrCat.Tests.Reliability;

/// <summary>
/// Crash safety of the practice host: the real executable runs scripted quick sessions (answers on standard input,
/// some behind <c>wait:</c> tokens so the process is caught mid-run) and is killed with SIGKILL at random moments,
/// at least <c>EMRCAT_KILLS</c> times (default 200), each time resumed with <c>--resume</c> and the remaining
/// answers; a finished session is followed by a new seeded one. After every run the store must hold every answer the
/// host acknowledged (it commits an answer before it shows the next item, so an item shown means the answer before
/// it is stored), none that was not sent, none twice, each the item and option an uninterrupted run gives at that
/// position; and every finished session's result must equal that of an uninterrupted run with the same seed and
/// answers. <c>EMRCAT_KILL_SEED</c> (default 1) seeds the kill moments, the seeds and the answers: set it to try
/// other timings.
/// </summary>
public partial class KillAndResumeTests(ITestOutputHelper output)
{
    private const int Lanes = 2;
    // The scripts answer by position with lone letters, so the runs use the bundled bank's single-answer items only.
    private static readonly string BankPath = SingleAnswerBank.Path;
    private static readonly Lazy<ItemBank> Bank = new(() => ItemBankJson.Load(BankPath));

    /// <summary>
    /// The quick preset as the host runs it on this bank for a script: with the Sympson–Hetter parameters kept beside
    /// it, and response times marked as not the candidate's (a script's answers are not checked for rapid guesses).
    /// </summary>
    private static readonly Lazy<CatOptions> Quick = new(() =>
    {
        string exposure = ExposureParameterFile.PathFor(BankPath);
        var quick = CatOptions.Quick with { ResponseTimes = new() { TimesNotMeasured = true } };
        return File.Exists(exposure) && ExposureParameterFile.Read(exposure).IsFor(Bank.Value)
            ? quick with { ExposureParameters = ExposureParameterFile.Load(exposure, Bank.Value).Parameters }
            : quick;
    });

    [Fact]
    public void KilledAtRandomMoments_ResumedEachTime_LosesNoAnswerDuplicatesNoneAndScoresAsIfUninterrupted()
    {
        int kills = Setting("EMRCAT_KILLS", 200);
        int seed = Setting("EMRCAT_KILL_SEED", 1);
        output.WriteLine($"EMRCAT_KILLS={kills} EMRCAT_KILL_SEED={seed}, {Lanes} lanes");

        var lanes = Enumerable.Range(0, Lanes).Select(lane => new Lane(lane, seed, (kills + Lanes - 1 - lane) / Lanes)).ToArray();
        Parallel.ForEach(lanes, new ParallelOptions { MaxDegreeOfParallelism = Lanes }, lane => lane.Run());

        foreach (var lane in lanes) output.WriteLine(lane.Summary());
        Assert.True(lanes.Sum(l => l.Kills) >= kills, $"Only {lanes.Sum(l => l.Kills)} kills.");
        Assert.True(lanes.Sum(l => l.Finished) >= Lanes, "Every lane finishes at least one session.");
        Assert.True(lanes.Sum(l => l.KillsWithAnswersPending) > 0, "Some kills land while answers were still to come.");
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= 0 ? value : fallback;

    [GeneratedRegex(@"Item (\d+) · answered")]
    private static partial Regex ItemHeader();

    /// <summary>One data directory, its sessions one after another, killed and resumed (no items held back, so each matches its plain reference).</summary>
    private sealed class Lane(int index, int seed, int targetKills)
    {
        private readonly Random _random = new(HashCode.Combine(seed, index));
        private readonly TempDirectory _data = new();
        private readonly Dictionary<string, int> _killsByMoment = new(StringComparer.Ordinal);
        private Script? _script;
        private int _sessionsCreated;

        public int Kills { get; private set; }

        public int Finished { get; private set; }

        public int KillsWithAnswersPending { get; private set; }

        public int Runs { get; private set; }

        public void Run()
        {
            using (_data)
            {
                while (Kills < targetKills) RunOnce(kill: true);
                while (_script is not null) RunOnce(kill: false); // finish the last session without interruption
            }
        }

        public string Summary() =>
            $"lane {index}: {Runs} runs, {Kills} kills ({string.Join(", ", _killsByMoment.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))}), " +
            $"{Finished} sessions finished and checked";

        private void RunOnce(bool kill)
        {
            Runs++;
            _script ??= Script.New(seed, index, _sessionsCreated, _random);
            bool fresh = _script.SessionId == 0; // not created yet: start it (again, after a kill before it existed)
            int stored = fresh ? 0 : Stored(_script.SessionId).Count;

            // The answers still to give, some behind a short wait so that the process is caught mid-run.
            var tokens = new StringBuilder();
            for (int position = stored + 1; position <= _script.Letters.Length; position++)
            {
                if (_random.NextDouble() < 0.3) tokens.Append("wait:0.02\n");
                tokens.Append(_script.Letters[position - 1]).Append('\n');
            }

            string[] args = fresh
                ? ["--bank", BankPath, "--seed", _script.Seed.ToString(CultureInfo.InvariantCulture), "--answers", "-", "--plain", "--data-dir", _data.Path, "--hold-back-runs", "0", "--hold-back-days", "0"]
                : ["--resume", "--answers", "-", "--plain", "--data-dir", _data.Path];
            var (killed, moment, acknowledged, exitCode, log) = Execute(args, tokens.ToString(), stored, kill);

            if (fresh)
            {
                using var store = PracticeStore.Open(_data.Path);
                var sessions = store.Sessions();
                if (sessions.Count == _sessionsCreated)
                {
                    Assert.True(killed, $"A fresh run exited {exitCode} without creating a session:\n{log}");
                    Assert.Equal(0, acknowledged);
                    Count(killed, "before the session existed", pending: true);
                    return;
                }

                Assert.Equal(_sessionsCreated + 1, sessions.Count);
                _sessionsCreated++;
                _script = _script with { SessionId = sessions[^1].Id };
            }

            var answers = Stored(_script.SessionId);
            var expected = _script.Reference;
            Assert.True(answers.Count >= acknowledged, $"Lost answers: the host showed item {acknowledged + 1}, but {answers.Count} answers are stored.\n{log}");
            Assert.True(answers.Count >= stored, $"Lost answers: {stored} were stored before this run, {answers.Count} after.\n{log}");
            Assert.True(answers.Count <= expected.Items.Count, $"More answers stored ({answers.Count}) than the session has items ({expected.Items.Count}).\n{log}");
            for (int k = 0; k < answers.Count; k++)
            {
                var want = expected.Items[k];
                Assert.True(
                    answers[k].ItemId == want.ItemId && answers[k].Answer.SequenceEqual(want.Answer),
                    $"Stored answer {k + 1} is {answers[k].ItemId}={string.Join(",", answers[k].Answer)}, an uninterrupted run has {want.ItemId}={string.Join(",", want.Answer)}.\n{log}");
            }

            if (killed) Count(killed, moment, pending: answers.Count < expected.Items.Count);
            else Assert.True(exitCode == 0, $"The host exited {exitCode}:\n{log}");

            using (var store = PracticeStore.Open(_data.Path))
            {
                var session = store.Session(_script.SessionId)!;
                if (session.Status != "finished")
                {
                    Assert.True(killed, $"The host exited {exitCode} but the session is still in progress:\n{log}");
                    return;
                }

                Assert.Equal(expected.Items.Count, answers.Count);
                Assert.Equal(WithoutTimes(expected), WithoutTimes(session.Result!));
            }

            Finished++;
            _script = null;
        }

        private void Count(bool killed, string moment, bool pending)
        {
            if (!killed) return;
            Kills++;
            if (pending) KillsWithAnswersPending++;
            _killsByMoment[moment] = _killsByMoment.GetValueOrDefault(moment) + 1;
        }

        private IReadOnlyList<AnswerRecord> Stored(long sessionId)
        {
            using var store = PracticeStore.Open(_data.Path);
            return store.Answers(sessionId); // throws when a position is missing
        }

        /// <summary>Runs the host once; kills it at a random moment when asked. Returns what it acknowledged.</summary>
        private (bool Killed, string Moment, int Acknowledged, int ExitCode, string Log) Execute(string[] args, string stdin, int stored, bool kill)
        {
            var info = HostProcess.StartInfo(args);
            using var process = Process.Start(info)!;
            var lines = new List<string>();
            int lastItem = 0;
            bool resultShown = false;
            int target = -1; // the item whose screen triggers the kill; Reference.Items.Count + 1 stands for the result screen
            using var reached = new ManualResetEventSlim();
            if (kill && _random.NextDouble() >= 0.2) target = _random.Next(stored + 1, _script!.Reference.Items.Count + 2);

            var reader = Task.Run(() =>
            {
                while (process.StandardOutput.ReadLine() is { } line)
                {
                    lock (lines) lines.Add(line);
                    if (ItemHeader().Match(line) is { Success: true } m) Volatile.Write(ref lastItem, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
                    if (line.Contains("Practice result", StringComparison.Ordinal)) Volatile.Write(ref resultShown, true);
                    if (target > 0 && (Volatile.Read(ref lastItem) >= target || Volatile.Read(ref resultShown))) reached.Set();
                }
            });
            var errors = process.StandardError.ReadToEndAsync();
            try
            {
                process.StandardInput.Write(stdin);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // the host may already be gone
            }

            string moment = "";
            bool killed = false;
            if (kill)
            {
                if (target < 0)
                {
                    Thread.Sleep(_random.Next(0, 700)); // anywhere in start-up: runtime, bank, store, session creation
                    moment = "during start-up";
                }
                else
                {
                    while (!reached.Wait(5) && !process.HasExited)
                    {
                    }

                    Thread.Sleep(_random.Next(0, 40)); // somewhere after that screen: the wait, the commit, the next screen
                    moment = target > _script!.Reference.Items.Count ? "at the result" : "mid-session";
                }

                try
                {
                    process.Kill(entireProcessTree: false); // SIGKILL
                }
                catch (InvalidOperationException)
                {
                    // it had already exited
                }
            }

            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("The host neither finished nor died within 2 minutes.");
            }

            reader.Wait(TimeSpan.FromMinutes(1));
            killed = kill && process.ExitCode == 137; // 128 + SIGKILL: the kill landed before the host exited by itself
            int acknowledged = Math.Max(0, Volatile.Read(ref lastItem) - 1);
            if (Volatile.Read(ref resultShown)) acknowledged = _script!.Reference.Items.Count;
            string log;
            lock (lines) log = $"args: {string.Join(' ', args)}\nexit {process.ExitCode}\n{string.Join('\n', lines.TakeLast(12))}\n{errors.Result}";
            return (killed, moment, acknowledged, process.ExitCode, log);
        }
    }

    /// <summary>A session's seed, its answers by position, and the result an uninterrupted run gives.</summary>
    private sealed record Script(ulong Seed, string[] Letters, SessionResult Reference)
    {
        public long SessionId { get; init; }

        public static Script New(int killSeed, int lane, int number, Random random)
        {
            ulong seed = (ulong)(killSeed * 1_000_003L + lane * 10_007L + number) + 1;
            int positions = CatOptions.Quick.MaxScoredItems + CatOptions.Quick.PilotItems;
            var letters = Enumerable.Range(0, positions).Select(_ => ((char)('A' + random.Next(4))).ToString()).ToArray();
            return new Script(seed, letters, Uninterrupted(seed, letters));
        }

        /// <summary>The same seed and answers through the library in one go, on the bank the host loads.</summary>
        private static SessionResult Uninterrupted(ulong seed, string[] letters)
        {
            var session = CatSession.Start(Bank.Value, Quick.Value, seed, FrozenTimeProvider.Instance);
            while (!session.IsFinished)
            {
                var item = session.Current;
                session.Submit(item.ItemId, item.Options[letters[session.AnsweredCount][0] - 'A'].Id);
            }

            return session.Result;
        }
    }

    /// <summary>The result with its times zeroed: wall-clock times differ between runs, nothing else may.</summary>
    private static string WithoutTimes(SessionResult result) => SessionJson.Serialize(result with
    {
        Elapsed = TimeSpan.Zero,
        Items = result.Items.Select(i => i with { ResponseTime = TimeSpan.Zero }).ToArray(),
    });
}
