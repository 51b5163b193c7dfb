using EmrCat.Diagnostics;
using EmrCat.Irt;
using EmrCat.Sessions;

namespace EmrCat.Tests.Diagnostics;

public class BankDiagnosticianTests
{
    private static readonly CatOptions Options = CatOptions.Quick with { PilotItems = 5 };

    private static readonly Lazy<BankDiagnostics> Diagnosis = new(() =>
        BankDiagnostician.Diagnose(TestBanks.Emr, Options, new DiagnosticsOptions { ThetaGrid = [-2, -1, -0.5, 0.5, 1, 2], Examinees = 1400, Seed = 5, Threads = 2 }));

    [Fact]
    public void Diagnose_AddsTheCutToTheGridAndSimulatesEveryPointEvenly()
    {
        var d = Diagnosis.Value;
        double cut = TestBanks.Emr.Scale.CutTheta;
        Assert.Equal(new[] { -2, -1, -0.5, 0.5, 1, 2 }.Append(cut).Distinct().Order(), d.Theta);
        Assert.Equal(d.Theta, d.Simulated.Select(p => p.TrueTheta));
        Assert.All(d.Simulated, p => Assert.InRange(p.Examinees, 1400 / d.Theta.Count, 1400 / d.Theta.Count + 1));
        Assert.Equal(1400, d.Examinees);
    }

    [Fact]
    public void Information_IsEachDomainsQuotaOfItsBestItems_AndTheTotalTheirSum()
    {
        var d = Diagnosis.Value;
        var bank = TestBanks.Emr;
        Assert.Equal(bank.Blueprint.Domains.Select(x => x.Id), d.Domains.Select(x => x.Id));
        Assert.InRange(d.Total.Quota, Options.MaxScoredItems - d.Domains.Count, Options.MaxScoredItems + d.Domains.Count);
        for (int k = 0; k < d.Domains.Count; k++)
        {
            var domain = d.Domains[k];
            var items = Enumerable.Range(0, bank.Count).Where(i => !bank.Columns.IsPilot[i] && bank.Columns.DomainIndex[i] == k).ToArray();
            Assert.Equal(items.Length, domain.ScoredItems);
            for (int g = 0; g < d.Theta.Count; g++)
            {
                double expected = items.Select(i => ItemResponseFunctions.Information(bank.Columns.Parameters[i], d.Theta[g], bank.Metric)).OrderDescending().Take(domain.Quota).Sum();
                Assert.Equal(expected, domain.Information[g], 1e-9);
                Assert.Equal(1 / Math.Sqrt(expected), domain.StandardError[g], 1e-9);
            }
        }

        for (int g = 0; g < d.Theta.Count; g++) Assert.Equal(d.Domains.Sum(x => x.Information[g]), d.Total.Information[g], 1e-9);
    }

    [Fact]
    public void Bands_ContainTheCut_AndPassRatesRiseAcrossIt()
    {
        var d = Diagnosis.Value;
        double cut = d.CutTheta;
        Assert.NotNull(d.NoDecisionBand);
        Assert.InRange(cut, d.NoDecisionBand!.Lower, d.NoDecisionBand.Upper);
        var z = 1.959963984540054;
        for (int g = 0; g < d.Theta.Count; g++)
        {
            bool inside = d.Theta[g] >= d.NoDecisionBand.Lower && d.Theta[g] <= d.NoDecisionBand.Upper;
            if (!inside) Assert.True(Math.Abs(d.Theta[g] - cut) >= z * d.Total.StandardError[g]);
        }

        Assert.NotNull(d.WrongDecisionBand);
        Assert.InRange(cut, d.WrongDecisionBand!.Lower, d.WrongDecisionBand.Upper);
        Assert.True(d.Simulated[0].PassRate < 0.05 && d.Simulated[^1].PassRate > 0.95, "pass rates should run from near 0 to near 1 across the grid");
        Assert.All(d.Simulated.Where(p => p.TrueTheta < d.WrongDecisionBand.Lower || p.TrueTheta > d.WrongDecisionBand.Upper), p => Assert.True(p.WrongDecisionRate <= 0.05));
        Assert.All(d.Simulated, p => Assert.Equal(p.TrueTheta < cut ? p.PassRate : 1 - p.PassRate, p.WrongDecisionRate, 1e-12));
        Assert.True(d.ScoredExposure.Items > 0 && d.PilotExposure.Items > 0);
    }

    [Fact]
    public void Diagnose_DoesNotDependOnTheThreadCount()
    {
        var one = BankDiagnostician.Diagnose(TestBanks.Emr, Options, new DiagnosticsOptions { ThetaGrid = [-1, 1], Examinees = 90, Seed = 9, Threads = 1 });
        var two = BankDiagnostician.Diagnose(TestBanks.Emr, Options, new DiagnosticsOptions { ThetaGrid = [-1, 1], Examinees = 90, Seed = 9, Threads = 2 });
        Assert.Equal(one.Simulated, two.Simulated);
        Assert.Equal(one.ScoredExposure, two.ScoredExposure);
    }

    [Fact]
    public void Options_ReportEveryProblemAtOnce()
    {
        var problems = new DiagnosticsOptions { ThetaGrid = [double.NaN], Examinees = 1, Threads = 0, WrongDecisionLimit = 0.5 }.Validate();
        Assert.Equal(5, problems.Count);
        Assert.Throws<ArgumentException>(() => BankDiagnostician.Diagnose(TestBanks.Emr, Options, new DiagnosticsOptions { Examinees = 2 }));
    }
}
