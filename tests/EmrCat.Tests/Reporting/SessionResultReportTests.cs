using EmrCat.Coaching;
using EmrCat.Estimation;
using EmrCat.Reporting;
using EmrCat.Sessions;
using EmrCat.Tests.Sessions;
using EmrCat.Tests.Simulation;

namespace EmrCat.Tests.Reporting;

/// <summary>
/// Results flow one way: the score report and the error log are built from a <see cref="SessionResult"/> alone, with
/// exactly what the bank would have given, and survive the result's JSON round trip.
/// </summary>
public class SessionResultReportTests
{
    private static SessionResult Finished(int seed)
    {
        var session = CatSession.Start(TestBanks.Emr, CatOptions.Quick, (ulong)seed);
        SessionDriver.Run(session, trueTheta: -0.2, seed: seed);
        return session.Result;
    }

    [Fact]
    public void Create_FromTheResult_EqualsTheReportFromTheBanksItems()
    {
        var result = Finished(21);
        var bank = TestBanks.Emr;
        var fromBank = new ScoreReportInput
        {
            Decision = result.Decision,
            Reason = result.Reason,
            Theta = result.Theta,
            StandardError = result.StandardError,
            Responses = result.Items.Select(i => AnsweredItem.FromBankItem(bank.Items.Single(b => b.Id == i.ItemId), i.Answer, i.ResponseTime, metric: bank.Metric)).ToList(),
            Blueprint = bank.Blueprint,
            Scale = bank.Scale,
            RapidGuessItemIds = result.RapidGuessItemIds,
            LeftOutOfEstimate = result.LeftOutOfEstimate,
        };

        var report = new ScoreReporter().Create(result);
        var expected = new ScoreReporter().Create(fromBank);

        Assert.Equal(expected with { Domains = [], RapidGuessItemIds = [] }, report with { Domains = [], RapidGuessItemIds = [] });
        Assert.Equal(expected.Domains, report.Domains);
        Assert.Equal(expected.RapidGuessItemIds, report.RapidGuessItemIds);
        Assert.Contains(report.Domains, d => d.Estimate is not null);
    }

    [Fact]
    public void Build_FromTheResult_EqualsTheLogFromTheBanksItems()
    {
        var result = Finished(22);
        var bank = TestBanks.Emr;
        var answered = result.Items.Select(i => AnsweredItem.FromBankItem(bank.Items.Single(b => b.Id == i.ItemId), i.Answer, i.ResponseTime, metric: bank.Metric)).ToList();

        var log = new ErrorLogBuilder().Build(result);
        var expected = new ErrorLogBuilder().Build(answered, bank.Scale);

        Assert.NotEmpty(log.Entries);
        Assert.Equal(expected.Entries.Select(e => (e.ItemId, e.Cost, e.SuggestedBucket, string.Join(",", e.Key), string.Join(",", e.Chosen))),
            log.Entries.Select(e => (e.ItemId, e.Cost, e.SuggestedBucket, string.Join(",", e.Key), string.Join(",", e.Chosen))));
        Assert.Equal(expected.MedianResponseTime, log.MedianResponseTime);
    }

    [Fact]
    public void Result_JsonRoundTrip_GivesTheSameReportAndLog()
    {
        var result = Finished(23);

        var read = SessionJson.DeserializeResult(SessionJson.Serialize(result));

        Assert.Equal(result.Metric, read.Metric);
        Assert.Equal(result.Items.Select(i => i.Parameters), read.Items.Select(i => i.Parameters));
        Assert.Equal(new ScoreReporter().Create(result).Domains, new ScoreReporter().Create(read).Domains);
        Assert.Equal(new ErrorLogBuilder().Build(result).Entries.Select(e => e.Cost), new ErrorLogBuilder().Build(read).Entries.Select(e => e.Cost));
    }

    [Fact]
    public void Result_StoredBeforeItCarriedTheBanksMetricScaleAndBlueprint_StillReads()
    {
        var result = Finished(24);
        var node = System.Text.Json.Nodes.JsonNode.Parse(SessionJson.Serialize(result))!.AsObject();
        node.Remove("metric");
        node.Remove("scale");
        node.Remove("blueprint");

        var read = SessionJson.DeserializeResult(node.ToJsonString());

        Assert.Equal((result.ReportedScore, result.Decision), (read.ReportedScore, read.Decision));
        Assert.Equal(EmrCat.Scoring.ReportingScale.Emr, read.Scale);
        Assert.Equal(1.0, read.Metric.ScalingConstant);
        Assert.NotEmpty(new ScoreReporter().Create(read).Domains);
    }

    [Fact]
    public void Result_OnAMixedBank_CarriesCategoriesAndTheReportScoresByThem()
    {
        var bank = MixedBankSimulationTests.MixedBank(300, 40);
        var session = CatSession.Start(bank, CatOptions.Quick with { PilotItems = 0 }, seed: 5);
        var random = new Random(5);
        var given = new Dictionary<string, int>();
        while (!session.IsFinished)
        {
            var item = bank.Items.Single(b => b.Id == session.Current.ItemId);
            int category = random.Next(item.MaxCategory + 1);
            given[item.Id] = category;
            session.Submit(item.Id, item.AnswerFor(category));
        }

        var result = session.Result;
        Assert.Contains(result.Items, i => i.MaxCategory > 1);
        Assert.All(result.Items, i => Assert.Equal(given[i.ItemId], i.Category));
        Assert.All(result.Items, i => Assert.Equal(bank.Items.Single(b => b.Id == i.ItemId).MaxCategory, i.MaxCategory));
        Assert.All(result.Items, i => Assert.Equal(bank.Items.Single(b => b.Id == i.ItemId).Type, i.Type));

        var read = SessionJson.DeserializeResult(SessionJson.Serialize(result));
        Assert.Equal(result.Items.Select(i => i.Parameters), read.Items.Select(i => i.Parameters));

        var report = new ScoreReporter().Create(read);
        var estimator = ScoreReportOptions.DefaultDomainEstimator(result.Metric);
        foreach (var domain in report.Domains.Where(d => d.Estimate is not null))
        {
            var items = result.Items.Where(i => i.Domain == domain.DomainId).OrderBy(i => i.ItemId, StringComparer.Ordinal).ToArray();
            if (!items.Any(i => i.Parameters.IsPolytomous)) continue;
            var expected = estimator.Estimate(items.Select(i => i.Parameters).ToArray(), items.Select(i => i.Category).ToArray());
            Assert.Equal(expected.Theta, domain.Estimate!.Value.Theta, 12);
        }
    }
}
