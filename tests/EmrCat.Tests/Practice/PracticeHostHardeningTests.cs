using System.Diagnostics;
using System.Text.Json.Nodes;
using EmrCat.Practice.Commands;
using EmrCat.Practice.Storage;
using EmrCat.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace EmrCat.Tests.Practice;

/// <summary>
/// The real host through plain runs, bad arguments, bad environments, quits, kills and a second process: each ends in
/// the documented exit code with one clear line on standard error, and nothing answered is lost.
/// </summary>
public class PracticeHostHardeningTests
{
    private static string Letters(int count) => string.Join('\n', Enumerable.Range(0, count).Select(i => "ABCD"[(i * 7 + i / 3) % 4]));

    [Fact]
    public void PlainRun_LineByLine_AsksEveryPromptAndReachesTheRepairPlan()
    {
        // As many answers as the run takes (a scripted run with the same seed and answers says how many).
        string reference = HostProcess.TempDataDir();
        Assert.Equal(0, HostProcess.Run(Letters(30), "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "11", "--data-dir", reference).ExitCode);
        int items;
        using (var done = PracticeStore.Open(reference)) items = done.Sessions().Single().Result!.Items.Count;
        string data = HostProcess.TempDataDir();

        // Preset menu: Enter (quick); the answers; Enter at both pauses; first miss: 2 (sequence); then a: accept all.
        string lines = "\n" + Letters(items) + "\n\n\n2\na\n";

        var (code, output, error) = HostProcess.Run(lines, "--bank", SingleAnswerBank.Path, "--plain", "--seed", "11", "--data-dir", data);

        Assert.True(code == 0, error + output);
        Assert.Contains("Which practice run?", output);
        Assert.Contains("Type A–D and press Enter", output);
        Assert.Contains("Press Enter to review the items you missed.", output);
        Assert.Contains("Miss 1 of", output);
        Assert.Contains("Your answer:", output);
        Assert.Contains("Best answer:", output);
        Assert.Contains("a to accept all suggestions", output);
        Assert.Contains("Repair plan", output);
        Assert.Equal("", error);
        using var store = PracticeStore.Open(data);
        var session = store.Sessions().Single();
        Assert.Equal("finished", session.Status);
        var misses = store.Misses(session.Id);
        Assert.Equal("sequence", misses[0].Bucket);
        Assert.All(misses.Skip(1), m => Assert.Equal(m.Suggested, m.Bucket));
    }

    [Fact]
    public void PlainRun_SessionInProgress_OffersToResumeAndEnterAccepts()
    {
        string data = HostProcess.TempDataDir();
        var first = HostProcess.Run("A\n", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "3", "--data-dir", data);
        Assert.Equal(PracticeCommand.ExitSaved, first.ExitCode);
        Assert.Matches(@"saved after 1 answer \(\d:\d\d:\d\d used\)", first.Output);

        var second = HostProcess.Run("\nB\nq\ny\n", "--bank", SingleAnswerBank.Path, "--plain", "--data-dir", data);

        Assert.Equal(PracticeCommand.ExitSaved, second.ExitCode);
        Assert.Contains("Session 1 (quick, 1 answer) is in progress. Resume it? [Y/n]", second.Output);
        Assert.Contains("Resuming session 1 (quick) after 1 answer.", second.Output);
        using var store = PracticeStore.Open(data);
        Assert.Equal(2, store.Answers(1).Count);
    }

    [Theory]
    [InlineData("--seed", "x", "--seed 'x' is not a whole number")]
    [InlineData("--time-limit", "99999999999m", "--time-limit '99999999999m' is not a duration")]
    [InlineData("--time-limit", "0s", "--time-limit '0s' is not a duration")]
    [InlineData("--preset", "long", "--preset 'long' is not a preset")]
    [InlineData("--bogus", "1", "Unrecognized command or argument '--bogus'")]
    public void BadArgument_ExitsTwoWithOneLineNamingIt(string option, string value, string expected)
    {
        string data = HostProcess.TempDataDir();
        var (code, output, error) = HostProcess.Run("", option, value, "--answers", "-", "--data-dir", data);

        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("System.", error);
        Assert.DoesNotContain("Description:", output + error);
        Assert.False(File.Exists(Path.Combine(data, "emrcat.db")), "Nothing is opened for a wrong command line.");
    }

    [Fact]
    public void ParseError_TypeNamesAreReplacedByWhatTheValueMustBe()
    {
        Assert.Equal("--examinees: 'x' is not a whole number from -2147483648 to 2147483647.",
            CommandLineHost.Plain("Cannot parse argument 'x' for option '--examinees' as expected type 'System.Int32'."));
        Assert.Equal("--seed: 'y' is not a whole number from 0 to 18446744073709551615.",
            CommandLineHost.Plain("Cannot parse argument 'y' for option '--seed' as expected type 'System.Nullable`1[System.UInt64]'."));
    }

    public static TheoryData<string, string> BadEnvironments => new()
    {
        { "data-dir", "cannot be used as the history folder" },
        { "truncated", "is damaged or is not an EmrCat database" },
        { "overwritten", "is damaged or is not an EmrCat database" },
        { "directory", "is a directory, not a file" },
        { "answers-missing", "no such file" },
        { "answers-directory", "is a directory, not a file of answers" },
        { "answers-binary", "is not text of answer tokens" },
        { "answers-long", "longer than 64 characters" },
        { "huge-wait", "'wait:1e308' is not a pause" },
    };

    [Theory]
    [MemberData(nameof(BadEnvironments))]
    public void BadEnvironment_ExitsOneWithOneLineAndNoStackTrace(string kind, string expected)
    {
        string data = HostProcess.TempDataDir();
        string db = Path.Combine(data, "emrcat.db");
        string answers = "-";
        string stdin = "A\n";
        string dataDir = data;
        switch (kind)
        {
            case "data-dir":
                dataDir = "/proc/emrcat-cannot-exist";
                break;
            case "truncated":
                HostProcess.Run("A\nB\n", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "1", "--data-dir", data);
                using (var file = new FileStream(db, FileMode.Open)) file.SetLength(file.Length / 2);
                break;
            case "overwritten":
                File.WriteAllBytes(db, Enumerable.Range(0, 8192).Select(i => (byte)(i * 31 + 7)).ToArray());
                break;
            case "directory":
                Directory.CreateDirectory(db);
                break;
            case "answers-missing":
                answers = Path.Combine(data, "missing.txt");
                break;
            case "answers-directory":
                answers = data;
                break;
            case "answers-binary":
                answers = Path.Combine(data, "zeros.bin");
                File.WriteAllBytes(answers, new byte[4096]);
                break;
            case "answers-long":
                stdin = new string('A', 5000);
                break;
            case "huge-wait":
                stdin = "A\nwait:1e308\nB\n";
                break;
        }

        var (code, output, error) = HostProcess.Run(stdin, "--bank", SingleAnswerBank.Path, "--answers", answers, "--seed", "1", "--data-dir", dataDir);

        Assert.True(code == 1, $"exit {code}\n{output}\n{error}");
        Assert.StartsWith("error: ", error);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("Exception", error);
    }

    [Fact]
    public void BadScript_RefusedBeforeASessionIsCreated()
    {
        string data = HostProcess.TempDataDir();
        string zeros = Path.Combine(data, "zeros.bin");
        File.WriteAllBytes(zeros, new byte[64]);

        var (code, _, _) = HostProcess.Run(null, "--answers", zeros, "--data-dir", data);

        Assert.Equal(1, code);
        using var store = PracticeStore.Open(data);
        Assert.Empty(store.Sessions());
    }

    [Fact]
    public void BadScriptMidRun_KeepsWhatWasAnsweredAndSaysHowToGoOn()
    {
        string data = HostProcess.TempDataDir();
        var (code, _, error) = HostProcess.Run("A\nB\nwait:1e308\nC\n", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "1", "--data-dir", data);

        Assert.Equal(1, code);
        Assert.Contains("Session 1 is saved after 2 answers", error);
        using var store = PracticeStore.Open(data);
        Assert.Equal(2, store.Answers(1).Count);
    }

    [Fact]
    public void SecondProcess_OnTheSameSession_IsRefusedBeforeItAcceptsAnAnswer()
    {
        string data = HostProcess.TempDataDir();
        using var first = Process.Start(HostProcess.StartInfo("--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "4", "--data-dir", data))!;
        try
        {
            first.StandardInput.WriteLine("A");
            first.StandardInput.Flush();
            HostProcess.WaitForLine(first, "Item 2 ·");

            var (code, output, error) = HostProcess.Run("B\nC\n", "--resume", "--answers", "-", "--data-dir", data);

            Assert.Equal(1, code);
            Assert.Equal("error: Session 1 is open in another EmrCat window or process: finish or quit it there first.", error.Trim());
            Assert.DoesNotContain("Item", output);
            first.StandardInput.WriteLine("B");
            first.StandardInput.Close();
            Assert.True(first.WaitForExit(TimeSpan.FromMinutes(1)));
            Assert.Equal(PracticeCommand.ExitSaved, first.ExitCode);
        }
        finally
        {
            if (!first.HasExited) first.Kill();
        }

        using var store = PracticeStore.Open(data);
        Assert.Equal(["A", "B"], store.Answers(1).Select(a => Letter(store, a)).ToArray());
    }

    [Fact]
    public void SlowPipe_AnswersAreTakenAsTheyArrive_AndAKillKeepsThem()
    {
        string data = HostProcess.TempDataDir();
        using var host = Process.Start(HostProcess.StartInfo("--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "6", "--data-dir", data))!;
        try
        {
            host.StandardInput.WriteLine("A");
            host.StandardInput.Flush();
            HostProcess.WaitForLine(host, "Item 2 ·"); // shown while standard input is still open: nothing waits for the end of the script
            host.StandardInput.WriteLine("C");
            host.StandardInput.Flush();
            HostProcess.WaitForLine(host, "Item 3 ·");
        }
        finally
        {
            host.Kill();
            host.WaitForExit();
        }

        using var store = PracticeStore.Open(data);
        Assert.Equal(2, store.Answers(1).Count);
    }

    [Fact]
    public void Quit_ChargesTheTimeOnTheCurrentItem_AndResumeCarriesIt()
    {
        string data = HostProcess.TempDataDir();
        var first = HostProcess.Run("A\nwait:1.5\nq\ny\n", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "8", "--data-dir", data);
        Assert.Equal(PracticeCommand.ExitSaved, first.ExitCode);
        using (var store = PracticeStore.Open(data))
        {
            Assert.InRange(store.Session(1)!.ItemMs, 1500, 60_000);
        }

        var second = HostProcess.Run("wait:0.5\nB\nq\ny\n", "--resume", "--answers", "-", "--data-dir", data);
        Assert.Equal(PracticeCommand.ExitSaved, second.ExitCode);
        using (var store = PracticeStore.Open(data))
        {
            var answers = store.Answers(1);
            Assert.Equal(2, answers.Count);
            Assert.True(answers[1].ResponseTimeMs >= 2000, $"Item 2 took 1.5 s before the quit and 0.5 s after the resume, but {answers[1].ResponseTimeMs} ms were charged.");
            Assert.True(answers[1].ElapsedMs >= answers[0].ElapsedMs + 2000);
        }
    }

    [Fact]
    public void Kill_MidItem_TheTimeOnTheItemIsSavedEveryFewSeconds()
    {
        string data = HostProcess.TempDataDir();
        using var host = Process.Start(HostProcess.StartInfo("--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "8", "--data-dir", data))!;
        try
        {
            host.StandardInput.WriteLine("A");
            host.StandardInput.Flush();
            HostProcess.WaitForLine(host, "Item 2 ·");
            Thread.Sleep(PracticeCommand.ItemTimeSaveInterval * 2.5);
        }
        finally
        {
            host.Kill();
            host.WaitForExit();
        }

        using var store = PracticeStore.Open(data);
        Assert.True(store.Session(1)!.ItemMs >= PracticeCommand.ItemTimeSaveInterval.TotalMilliseconds, $"Only {store.Session(1)!.ItemMs} ms of item 2 were saved.");
    }

    [Fact]
    public void TimeLimit_EndsTheRunMidItem_AndTheResultSaysTheFullTime()
    {
        string data = HostProcess.TempDataDir();
        var (code, output, error) = HostProcess.Run("A\nwait:30\nB\n", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "9", "--time-limit", "2s", "--data-dir", data);

        Assert.True(code == 0, error + output);
        Assert.Contains("Time ran out", output);
        Assert.Contains("in 0:00:02.", output);
        using var store = PracticeStore.Open(data);
        Assert.Single(store.Answers(1));
        Assert.Equal(TimeSpan.FromSeconds(2), store.Session(1)!.Result!.Elapsed);
    }

    [Fact]
    public void TimeLimit_ReachedAcrossAQuit_EndsTheRunOnResume()
    {
        string other = HostProcess.TempDataDir();
        var quit = HostProcess.Run("A\nwait:3.5\nq\ny\n", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "9", "--time-limit", "6s", "--data-dir", other);
        Assert.True(quit.ExitCode == PracticeCommand.ExitSaved, quit.Output);
        var resumed = HostProcess.Run("wait:3.5\nB\n", "--resume", "--answers", "-", "--data-dir", other);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("Time ran out", resumed.Output); // 3.5 s before the quit and 3.5 s after: past the 6 s limit
        using var store = PracticeStore.Open(other);
        Assert.Single(store.Answers(1));
    }

    [Fact]
    public void Store_KeepsCommittedAnswersInTheMainFile_SoALostWalFileLosesNothing()
    {
        string data = HostProcess.TempDataDir();
        var run = HostProcess.Run("A\nB\nC\n", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "2", "--data-dir", data);
        Assert.Equal(PracticeCommand.ExitSaved, run.ExitCode);
        string db = Path.Combine(data, "emrcat.db");
        File.Delete(db + "-wal");
        File.Delete(db + "-shm");

        using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            Assert.Equal("delete", command.ExecuteScalar());
        }

        using var store = PracticeStore.Open(data);
        Assert.Equal(3, store.Answers(1).Count);
    }

    [Fact]
    public void Bank_WithItemsTheHostCannotPresent_IsRefusedByValidateAndByThePracticeRun()
    {
        string data = HostProcess.TempDataDir();
        var json = JsonNode.Parse(File.ReadAllText(BankFiles.DefaultBankPath))!;
        var second = json["items"]![1]!;
        var options = second["options"]!.AsArray();
        for (int i = options.Count; i < 27; i++) options.Add(new JsonObject { ["id"] = $"X{i}", ["text"] = $"[bold]Option {i}[/]" });
        json["items"]![2]!["stem"] = new string('x', PracticeBankRules.MaxStemLength + 1);
        string bank = Path.Combine(data, "bank.json");
        File.WriteAllText(bank, json.ToJsonString());

        var validate = HostProcess.Run(null, "validate", bank);
        Assert.Equal(1, validate.ExitCode);
        Assert.Contains("27 options; the practice host labels at most 26", validate.Error);
        Assert.Contains("the practice host shows at most 4,000", validate.Error);

        var practice = HostProcess.Run("A\n", "--bank", bank, "--answers", "-", "--data-dir", data);
        Assert.Equal(1, practice.ExitCode);
        Assert.Contains("27 options; the practice host labels at most 26", practice.Error);
        Assert.DoesNotContain("   at ", practice.Error);
        using var store = PracticeStore.Open(data);
        Assert.Empty(store.Sessions());
    }

    private static string Letter(PracticeStore store, EmrCat.Sessions.AnswerRecord answer)
    {
        var bank = EmrCat.IO.ItemBankJson.Load(BankFiles.DefaultBankPath);
        bank.TryGetIndex(answer.ItemId, out int index);
        int option = bank.Items[index].Options.Select(o => o.Id).ToList().IndexOf(answer.Answer[0]);
        return ((char)('A' + option)).ToString();
    }
}
