using EmrCat.IO;
using EmrCat.Banks;
using EmrCat.Practice.Commands;
using EmrCat.Practice.Ui;
using EmrCat.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace EmrCat.Tests.Practice;

public class ScreensTests
{
    private static readonly Lazy<ItemBank> Bank = new(() => ItemBankJson.Load(BankFiles.DefaultBankPath));

    private static SessionResult Finished()
    {
        var session = CatSession.Start(Bank.Value, CatOptions.Quick, 17, new FakeTimeProvider());
        while (!session.IsFinished) session.Submit(session.Current.ItemId, session.Current.Options[session.AnsweredCount % 2].Id);
        return session.Result;
    }

    [Fact]
    public void ThetaChart_TwoScoredItems_LabelsTheAxisOneAndTwoApart()
    {
        var result = Finished();
        var two = result with { Items = result.Items.Where(i => !i.IsPilot).Take(2).ToArray() };

        string axis = Screens.ThetaChart(two).Split('\n')[^1];

        Assert.Matches(@"^\s+1\s+2  \(scored items\)$", axis);
    }

    [Fact]
    public void ThetaChart_EstimateBeyondThree_WidensTheRangeAndSaysBandsAreCut()
    {
        var result = Finished();
        var items = result.Items.Where(i => !i.IsPilot).Select((i, k) => i with { ThetaAfter = k == 0 ? 4.6 : i.ThetaAfter }).ToArray();

        string chart = Screens.ThetaChart(result with { Items = items }, width: 60);

        Assert.Contains(" +5.0 |", chart);
        Assert.Contains("are cut at the edge", chart);
        Assert.All(chart.Split('\n').Where(line => line.Contains('|', StringComparison.Ordinal)), line => Assert.True(line.Length <= 60, line));
    }

    [Fact]
    public void ScoreBar_FitsTheWidthGiven_WithTheMarkersUnderTheirColumns()
    {
        string[] lines = Screens.ScoreBar(700, Bank.Value, width: 30).Split('\n');

        Assert.Equal(lines[0].IndexOf('|', StringComparison.Ordinal), lines[1].IndexOf('^', StringComparison.Ordinal));
        Assert.True(lines[0].Length < 45);
    }

    [Fact]
    public void ItemScreen_MarkupInBankText_IsShownLiterally()
    {
        var writer = new StringWriter();
        var screens = Screens.Create(plain: true, writer);
        var session = CatSession.Start(Bank.Value, CatOptions.Quick, 3, new FakeTimeProvider());
        var item = session.Current with { Stem = "Is [bold]this[/] literal? [", Options = [new ItemOption("A", "[red]x[/]"), new ItemOption("B", "]")] };

        screens.Item(session, item);

        Assert.Contains("Is [bold]this[/] literal? [", writer.ToString());
        Assert.Contains("[red]x[/]", writer.ToString());
    }

    [Fact]
    public void ResultScreen_InANarrowWindow_FitsEveryLine()
    {
        var writer = new StringWriter();
        var screens = Screens.Create(plain: true, writer);
        screens.Console.Profile.Width = 50;
        var result = Finished();

        ResultReport.Show(screens, Bank.Value, result, ResultReport.ErrorLogFor(result));

        Assert.All(writer.ToString().Split('\n'), line => Assert.True(line.TrimEnd().Length <= 50, line));
        Assert.Contains("^ 950 to pass", writer.ToString());
        var rows = writer.ToString().Split('\n').Where(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^ [ +-]\d\.\d \|")).ToList();
        Assert.Equal(13, rows.Count); // every row of the θ chart on its own line: drawn for the width, not wrapped by it
    }

    [Fact]
    public void Answered_IsSingularForOne() =>
        Assert.Equal(("1 answer", "2 answers"), (PracticeCommand.Answered(1), PracticeCommand.Answered(2)));
}
