using System.Text.RegularExpressions;
using EmrCat.Practice.Storage;
using EmrCat.Practice.Ui;
using EmrCat.Scoring;
using EmrCat.Sessions;
using EmrCat.Stopping;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Practice;

public partial class RapidGuessHostTests
{
    private static string Flat(string text) => Regex.Replace(text, @"\s+", " "); // lines wrap at the console width

    [Fact]
    public void ScriptedRun_AnsweredInstantly_SaysOnceThatTimesWereNotChecked_AndFlagsNothing()
    {
        // A script answers in milliseconds, far below 10% of a single item's 60 s: those are not the candidate's times,
        // so nothing is flagged and the result says once that response times were not checked.
        string data = HostProcess.TempDataDir();
        string answers = string.Join('\n', Enumerable.Range(0, 40).Select(i => "ABCD"[(i * 7 + i / 3) % 4]));
        var (code, output, error) = HostProcess.Run(answers, "--preset", "quick", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "13", "--data-dir", data); // lone letters: the single-answer bank

        Assert.True(code == 0, error + output);
        using var store = PracticeStore.Open(data);
        var result = Assert.Single(store.Sessions()).Result!;
        Assert.True(result.ResponseTimes.TimesNotMeasured);
        Assert.False(result.ResponseTimes.EffortModerated);
        Assert.Empty(result.RapidGuessItemIds);
        string flat = Flat(output);
        Assert.Single(Regex.Matches(flat, "Response times were not checked"));
        Assert.DoesNotContain("faster than anyone could read the question;", flat);
        Assert.DoesNotContain("Effort-moderated scoring is on", flat);
    }

    [Fact]
    public void PlainLinesPipedIn_AreNotACandidatesTimesEither()
    {
        // --plain with its lines piped in (not typed at a terminal): the same rule as a script.
        string data = HostProcess.TempDataDir();
        string answers = "quick\n" + string.Join('\n', Enumerable.Range(0, 40).Select(i => "ABCD"[(i * 3 + i / 2) % 4])) + "\n" + string.Concat(Enumerable.Repeat("\n", 60));
        var (code, output, error) = HostProcess.Run(answers, "--plain", "--bank", SingleAnswerBank.Path, "--seed", "14", "--data-dir", data);

        Assert.True(code == 0, error + output);
        using var store = PracticeStore.Open(data);
        var result = Assert.Single(store.Sessions()).Result!;
        Assert.True(result.ResponseTimes.TimesNotMeasured);
        Assert.Empty(result.RapidGuessItemIds);
        Assert.Contains("Response times were not checked", Flat(output));
    }

    [Fact]
    public void EffortModeratedSwitch_ReachesTheSession_AndTheResultScreenSaysItIsOn()
    {
        string data = HostProcess.TempDataDir();
        string answers = string.Join('\n', Enumerable.Range(0, 40).Select(i => "ABCD"[(i * 7 + i / 3) % 4]));
        var (code, output, error) = HostProcess.Run(answers, "--preset", "quick", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "13", "--effort-moderated", "--data-dir", data);

        Assert.True(code == 0, error + output);
        using var store = PracticeStore.Open(data);
        var stored = Assert.Single(store.Sessions());
        Assert.True(stored.Result!.ResponseTimes.EffortModerated);
        Assert.True(stored.Snapshot.Options.ResponseTimes!.EffortModerated); // in the session's own options, so --resume keeps it
        Assert.Contains("Effort-moderated scoring is on", Flat(output));
        Assert.Contains("Response times were not checked", Flat(output)); // a script's times: nothing to leave out
    }

    [Fact]
    public void EffortModeratedSwitch_WithResume_IsRefusedAsABadArgument()
    {
        string data = HostProcess.TempDataDir();
        var (code, output, error) = HostProcess.Run("", "--resume", "--effort-moderated", "--answers", "-", "--data-dir", data);
        Assert.Equal(2, code);
        Assert.Contains("--effort-moderated", error);
        Assert.Empty(output.Trim());
    }

    [Fact]
    public void HelpDescribesTheSwitch()
    {
        var (code, output, _) = HostProcess.Run("", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--effort-moderated", output);
    }

    [Theory]
    [InlineData("Keys", false, true)]
    [InlineData("Keys", true, true)]
    [InlineData("Lines", false, true)] // --plain typed at a terminal (screen readers): flagged as before
    [InlineData("Lines", true, false)]
    [InlineData("Script", false, false)]
    [InlineData("Script", true, false)]
    public void TimesAreMeasured_OnlyForAPersonAtATerminal(string mode, bool redirected, bool measured) =>
        Assert.Equal(measured, AnswerTiming.Measured(Enum.Parse<InputMode>(mode), redirected));

    [Fact]
    public void ResponseTimeLines_SayWhatTheRuleDid()
    {
        Assert.Empty(Screens.ResponseTimeLines(Result([], 0)));
        Assert.Equal([Screens.RapidGuesses(Result(["A"], 0))!], Screens.ResponseTimeLines(Result(["A"], 0)));
        var moderated = Screens.ResponseTimeLines(Result(["A", "B"], 2) with { ResponseTimes = new() { EffortModerated = true } });
        Assert.Equal(2, moderated.Count);
        Assert.StartsWith("Effort-moderated scoring is on", moderated[0], StringComparison.Ordinal);
        Assert.Contains("2 of them were left out of your score", moderated[1], StringComparison.Ordinal);
        var script = Screens.ResponseTimeLines(Result([], 0) with { ResponseTimes = new() { TimesNotMeasured = true } });
        Assert.StartsWith("Response times were not checked", Assert.Single(script), StringComparison.Ordinal);
    }

    private static SessionResult Result(string[] rapid, int leftOut) => new()
    {
        Decision = PassFailDecision.Fail, Reason = StopReason.MaximumItems, Explanation = "", Theta = -0.2, StandardError = 0.3, CutTheta = 0,
        ScaledScore = 930, ReportedScore = 930, PassProbability = 0.3, ScaledStandardError = 30, ScoreBand = new ScoreBand(870, 990, 0.95),
        ScoredCount = 60, PilotCount = 30, Elapsed = TimeSpan.Zero, Domains = [], Items = [], RapidGuessItemIds = rapid, LeftOutOfEstimate = leftOut,
    };

    [Fact]
    public void RapidGuesses_InPlainWords()
    {
        Assert.Null(Screens.RapidGuesses(Result([], 0)));
        Assert.Equal("1 answer came faster than anyone could read the question; quick guesses say little about what you know. Take the time to read each question when you practice.", Screens.RapidGuesses(Result(["A"], 0)));
        Assert.Equal("3 answers came faster than anyone could read the question; 2 of them were left out of your score. Take the time to read each question when you practice.", Screens.RapidGuesses(Result(["A", "B", "C"], 2)));
        Assert.Contains("1 of them was left out of your score", Screens.RapidGuesses(Result(["A", "B"], 1)), StringComparison.Ordinal);
    }
}
