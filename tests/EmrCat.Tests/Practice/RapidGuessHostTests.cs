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
    [GeneratedRegex(@"(\d+) answers came faster than anyone could read the question;")]
    private static partial Regex RapidLine();

    [Fact]
    public void ScriptedRun_AnsweredInstantly_SaysEveryAnswerCameTooFast()
    {
        // A script answers in milliseconds, far below 10% of a single item's 60 s: every answer is a rapid guess (the line wraps at the console width).
        string data = HostProcess.TempDataDir();
        string answers = string.Join('\n', Enumerable.Range(0, 40).Select(i => "ABCD"[(i * 7 + i / 3) % 4]));
        var (code, output, error) = HostProcess.Run(answers, "--preset", "quick", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "13", "--data-dir", data); // lone letters: the single-answer bank

        Assert.True(code == 0, error + output);
        using var store = PracticeStore.Open(data);
        var result = Assert.Single(store.Sessions()).Result!;
        Assert.Equal(result.Items.Count, result.RapidGuessCount);
        var match = RapidLine().Match(output);
        Assert.True(match.Success, output);
        Assert.Equal(result.Items.Count, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
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
