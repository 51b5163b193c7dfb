using EmrCat.Practice.Storage;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Practice;

/// <summary>The real executable through whole sessions in scripted mode.</summary>
public class PracticeHostEndToEndTests
{
    private static string Answers(int count, int offset = 0) => string.Join('\n', Enumerable.Range(offset, count).Select(i => "ABCD"[(i * 7 + i / 3) % 4]));

    [Fact]
    public void QuickRun_Scripted_FinishesAndStoresEveryAnswer()
    {
        string data = HostProcess.TempDataDir();
        var (code, output, error) = HostProcess.Run(Answers(40), "--preset", "quick", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "11", "--data-dir", data);

        Assert.True(code == 0, error + output);
        Assert.Contains("Practice result", output);
        Assert.Contains("to pass", output);
        Assert.Contains("Missed scored questions", output);
        Assert.Contains("Repair plan", output);
        using var store = PracticeStore.Open(data);
        var session = Assert.Single(store.Sessions());
        Assert.Equal("finished", session.Status);
        Assert.NotNull(session.Result);
        Assert.Equal(session.Result!.Items.Count, store.Answers(session.Id).Count);
        Assert.InRange(session.Result.ScoredCount, 15, 20);
        Assert.Equal(5, session.Result.PilotCount);
    }

    [Fact]
    public void QuickRun_OnTheBundledBank_AnswersEveryItemTypeItShows()
    {
        string data = HostProcess.TempDataDir();
        var (code, output, error) = HostProcess.RunAnsweringWhatIsShown("--preset", "quick", "--answers", "-", "--seed", "8", "--data-dir", data); // seed 8 opens with an ordering item

        Assert.True(code == 0, error + output);
        Assert.Contains("Practice result", output);
        Assert.DoesNotContain("is not an answer here", output);
        Assert.DoesNotContain("is not an order of all", output);
        using var store = PracticeStore.Open(data);
        var session = Assert.Single(store.Sessions());
        Assert.Equal("finished", session.Status);
        Assert.Equal(session.Result!.Items.Count, store.Answers(session.Id).Count);
        Assert.Contains(session.Result.Items, i => i.Type != EmrCat.Banks.ItemType.Single); // the bundled bank's own select-all or ordering items
    }

    [Fact]
    public void InterruptedRun_ResumesExactlyWhereItStopped()
    {
        string answers = Answers(40);
        string straightData = HostProcess.TempDataDir();
        var straight = HostProcess.Run(answers, "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "21", "--data-dir", straightData);
        Assert.Equal(0, straight.ExitCode);

        string data = HostProcess.TempDataDir();
        var tokens = answers.Split('\n');
        var first = HostProcess.Run(string.Join('\n', tokens.Take(7)), "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "21", "--data-dir", data);
        Assert.Equal(3, first.ExitCode);
        Assert.Contains("continue with --resume", first.Output);
        var second = HostProcess.Run(string.Join('\n', tokens.Skip(7)), "--resume", "--answers", "-", "--data-dir", data);
        Assert.True(second.ExitCode == 0, second.Error + second.Output);
        Assert.Contains("Resuming session 1", second.Output);

        using var a = PracticeStore.Open(straightData);
        using var b = PracticeStore.Open(data);
        var expected = a.Sessions().Single().Result!;
        var actual = b.Sessions().Single().Result!;
        Assert.Equal(expected.Items.Select(i => (i.ItemId, i.Correct)), actual.Items.Select(i => (i.ItemId, i.Correct)));
        Assert.Equal(expected.ReportedScore, actual.ReportedScore);
        Assert.Equal(expected.Decision, actual.Decision);
    }

    [Fact]
    public void BadKeystrokes_AreExplainedAndIgnored()
    {
        string data = HostProcess.TempDataDir();
        var (code, output, _) = HostProcess.Run("x\n7\nBB\nA\nq\nn\nq\ny\n", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "5", "--data-dir", data);
        Assert.Equal(3, code);
        Assert.Contains("'x' is not an answer here", output);
        Assert.Contains("'7' is not an answer here", output);
        Assert.Contains("'BB' is not an answer here", output);
        Assert.Contains("Save and quit?", output);
        using var store = PracticeStore.Open(data);
        Assert.Single(store.Answers(store.Sessions().Single().Id));
    }

    [Fact]
    public void TimeOut_EndsTheRunWithTheTimeRule()
    {
        string data = HostProcess.TempDataDir();
        // The limit leaves room for two answers on a machine busy with the rest of the suite (2 s did not, under load).
        var (code, output, error) = HostProcess.Run("A\nB\nwait:6\nC\nD\n", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "9", "--time-limit", "5s", "--data-dir", data);
        Assert.True(code == 0, error + output);
        Assert.Contains("UNDECIDED", output);
        Assert.Contains("Time ran out", output);
        using var store = PracticeStore.Open(data);
        var session = store.Sessions().Single();
        Assert.Equal("finished", session.Status);
        Assert.Equal(2, store.Answers(session.Id).Count);
    }

    [Fact]
    public void Resume_WithNothingInProgress_SaysSo()
    {
        var (code, _, error) = HostProcess.Run("", "--resume", "--answers", "-", "--data-dir", HostProcess.TempDataDir());
        Assert.Equal(1, code);
        Assert.Equal("error: There is no session in progress to resume. Start one without --resume.", error.Trim());
    }
}
