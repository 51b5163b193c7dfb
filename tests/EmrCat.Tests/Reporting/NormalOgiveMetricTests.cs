using EmrCat.Banks;
using EmrCat.Coaching;
using EmrCat.Estimation;
using EmrCat.Irt;
using EmrCat.Reporting;
using EmrCat.Sessions;
using EmrCat.Tests.Sessions;

namespace EmrCat.Tests.Reporting;

/// <summary>
/// A normal-ogive bank (D = 1.702) keeps its metric from the session to the score report and the error log: domain
/// estimates and the cost of a miss are computed on D = 1.702, not on the logistic default.
/// </summary>
public class NormalOgiveMetricTests
{
    private static (ItemBank Bank, SessionResult Result) NormalOgiveSession()
    {
        var emr = TestBanks.Emr;
        var bank = ItemBank.Create(emr.Metadata, emr.Scale, emr.Blueprint, emr.Items, emr.EnemyGroups, IrtMetric.NormalOgive);
        var session = CatSession.Start(bank, CatOptions.Quick, seed: 12);
        SessionDriver.Run(session, trueTheta: 0.3, seed: 12);
        return (bank, session.Result);
    }

    [Fact]
    public void ScoreReport_DomainEstimates_UseTheBanksMetric()
    {
        var (bank, result) = NormalOgiveSession();
        Assert.Equal(IrtMetric.NormalOgive, result.Metric);

        var report = new ScoreReporter().Create(result);

        var ogive = new MapEstimator(new MapOptions { Range = new ThetaRange(-4, 4), Metric = IrtMetric.NormalOgive });
        var logistic = new MapEstimator(new MapOptions { Range = new ThetaRange(-4, 4) });
        var estimated = report.Domains.Where(d => d.Estimate is not null).ToList();
        Assert.NotEmpty(estimated);
        foreach (var domain in estimated)
        {
            var items = result.Items.Where(r => !r.IsPilot && r.Domain == domain.DomainId).OrderBy(r => r.ItemId, StringComparer.Ordinal).ToArray();
            var parameters = items.Select(r => r.Parameters).ToArray();
            var answers = items.Select(r => r.Correct).ToArray();
            Assert.Equal(ogive.Estimate(parameters, answers).Theta, domain.Estimate!.Value.Theta, 12);
            Assert.NotEqual(logistic.Estimate(parameters, answers).Theta, domain.Estimate!.Value.Theta, 6);
        }
    }

    [Fact]
    public void ErrorLog_Costs_UseTheBanksMetric()
    {
        var (bank, result) = NormalOgiveSession();
        var answered = result.Items;
        Assert.Equal(IrtMetric.NormalOgive, result.Metric);

        var log = new ErrorLogBuilder().Build(result);
        var asIfLogistic = new ErrorLogBuilder().Build(result with { Metric = IrtMetric.Logistic });

        Assert.NotEmpty(log.Entries);
        double cut = bank.Scale.CutTheta;
        double information = answered.Where(a => !a.IsPilot).Sum(a => ItemResponseFunctions.Information(a.Parameters, cut, IrtMetric.NormalOgive));
        foreach (var (entry, logisticEntry) in log.Entries.Zip(asIfLogistic.Entries))
        {
            // Cost of a miss = points per logit × (P'/(PQ) at the cut) / test information at the cut, all on D = 1.702.
            var p = answered.Single(a => a.ItemId == entry.ItemId).Parameters;
            double e = Math.Exp(-1.702 * p.A * (cut - p.B)), logisticPart = 1 / (1 + e);
            double probability = p.C + (p.D - p.C) * logisticPart;
            double slope = 1.702 * p.A * (p.D - p.C) * logisticPart * (1 - logisticPart);
            double expected = bank.Scale.PointsPerLogit * slope / (probability * (1 - probability)) / information;
            Assert.Equal(expected, entry.Cost, 9);
            Assert.NotEqual(logisticEntry.Cost, entry.Cost, 6);
        }
    }

    [Fact]
    public void ErrorLog_MixedMetrics_AreRefused()
    {
        var (bank, result) = NormalOgiveSession();
        var answered = result.Items.Select(a => AnsweredItem.FromBankItem(bank.Items.Single(i => i.Id == a.ItemId), a.Answer, a.ResponseTime, metric: bank.Metric)).ToList();
        answered[1] = answered[1] with { Metric = IrtMetric.Logistic };

        var ex = Assert.Throws<ArgumentException>(() => { new ErrorLogBuilder().Build(answered, bank.Scale); });
        Assert.Contains("one session's items share the bank's metric", ex.Message);
    }
}
