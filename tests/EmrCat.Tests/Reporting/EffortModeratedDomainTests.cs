using EmrCat.Irt;
using EmrCat.Reporting;
using EmrCat.Scoring;
using EmrCat.Sessions;
using EmrCat.Stopping;
using Microsoft.Extensions.Time.Testing;

namespace EmrCat.Tests.Reporting;

/// <summary>
/// A score report's domain estimates follow the session's response-time rule: under effort-moderated scoring the
/// flagged rapid guesses are left out of each domain's estimate as they were left out of θ̂; otherwise they count.
/// </summary>
public class EffortModeratedDomainTests
{
    private static readonly ScoreReporter Reporter = new();

    // Eight primary items: the first three answered wrong as rapid guesses, the other five right.
    private static readonly AnsweredItem[] Primary = [.. Enumerable.Range(0, 8).Select(i => new AnsweredItem($"p{i}", "primary", new ItemParameters(1.2, 0.1 * (i % 3)), i >= 3))];
    private static readonly string[] Rapid = ["p0", "p1", "p2"];

    private static ScoreReportInput Input(ResponseTimeOptions? rule, IEnumerable<AnsweredItem>? responses = null) => new()
    {
        Decision = PassFailDecision.Pass,
        Reason = StopReason.ConfidenceClassification,
        Theta = 0.8,
        StandardError = 0.3,
        Responses = [.. responses ?? Primary],
        RapidGuessItemIds = Rapid,
        LeftOutOfEstimate = rule?.EffortModerated == true ? 3 : 0,
        ResponseTimes = rule,
    };

    [Fact]
    public void EffortModerated_DomainEstimateIsThatOfTheAnswersWithoutTheRapidGuesses()
    {
        var moderated = Reporter.Create(Input(new ResponseTimeOptions { EffortModerated = true })).Domains.Single(d => d.DomainId == "primary");
        var withoutThem = Reporter.Create(Input(null, Primary.Skip(3))).Domains.Single(d => d.DomainId == "primary");

        Assert.Equal(withoutThem.Estimate, moderated.Estimate);
        Assert.Equal(withoutThem.Level, moderated.Level);
        Assert.Equal(3, moderated.LeftOutOfEstimate);
        // Still counted as given: the counts and points are of every scored item.
        Assert.Equal((5, 8, 5, 8), (moderated.Correct, moderated.Total, moderated.Points, moderated.PossiblePoints));
    }

    [Fact]
    public void NotModerated_RapidGuessesStillCountInTheDomainEstimate()
    {
        var plain = Reporter.Create(Input(ResponseTimeOptions.Default)).Domains.Single(d => d.DomainId == "primary");
        var moderated = Reporter.Create(Input(new ResponseTimeOptions { EffortModerated = true })).Domains.Single(d => d.DomainId == "primary");

        Assert.Equal(0, plain.LeftOutOfEstimate);
        Assert.Equal(Reporter.Create(Input(null)).Domains.Single(d => d.DomainId == "primary").Estimate, plain.Estimate);
        Assert.True(plain.Estimate!.Value.Theta < moderated.Estimate!.Value.Theta, "three wrong rapid guesses pull the unmoderated estimate down");
    }

    [Fact]
    public void EffortModerated_TooFewItemsBesidesTheRapidGuesses_SaysTooFewToSay()
    {
        // Six items, three of them rapid: three left for the estimate, under the minimum of five.
        var moderated = Reporter.Create(Input(new ResponseTimeOptions { EffortModerated = true }, Primary.Take(6))).Domains.Single(d => d.DomainId == "primary");
        Assert.Equal(DomainLevel.InsufficientData, moderated.Level);
        Assert.Equal((6, 3), (moderated.Total, moderated.LeftOutOfEstimate));
        Assert.NotEqual(DomainLevel.InsufficientData, Reporter.Create(Input(null, Primary.Take(6))).Domains.Single(d => d.DomainId == "primary").Level);
    }

    [Fact]
    public void FromASession_TheReportReadsTheSessionsRule()
    {
        // A live effort-moderated session with every third answer too fast: each domain's estimate leaves its rapid guesses out.
        var bank = TestBanks.Emr;
        var options = CatOptions.Quick with { ResponseTimes = new() { EffortModerated = true } };
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var session = CatSession.Start(bank, options, 71, clock);
        var random = new Random(71);
        while (!session.IsFinished)
        {
            var current = session.Current;
            bank.TryGetIndex(current.ItemId, out int index);
            var item = bank.Items[index];
            clock.Advance(TimeSpan.FromMilliseconds(current.Position % 3 == 0 ? 500 : 30_000));
            session.Submit(current.ItemId, random.NextDouble() < 0.6 ? item.Key[0] : item.Options.First(o => o.Id != item.Key[0]).Id);
        }

        var result = session.Result;
        Assert.True(result.ResponseTimes.EffortModerated);
        var report = Reporter.Create(result);
        var rapid = result.RapidGuessItemIds.ToHashSet();
        int leftOut = 0;
        foreach (var domain in report.Domains)
        {
            var scored = result.Items.Where(i => !i.IsPilot && i.Domain == domain.DomainId).ToList();
            Assert.Equal(scored.Count(i => rapid.Contains(i.ItemId)), domain.LeftOutOfEstimate);
            leftOut += domain.LeftOutOfEstimate;
        }

        Assert.True(leftOut > 0);
        Assert.Equal(result.LeftOutOfEstimate, leftOut);
    }
}
