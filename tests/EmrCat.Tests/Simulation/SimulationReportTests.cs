using EmrCat.Sessions;
using EmrCat.Simulation;

namespace EmrCat.Tests.Simulation;

public class SimulationReportTests
{
    [Fact]
    public void Run_ReportsScoredAndPilotExposureApartAndClassificationAtEachGridTheta()
    {
        var bank = TestBanks.Emr;
        var report = Simulator.Run(bank, CatOptions.Quick, new SimulationOptions { Examinees = 300, Seed = 2, Threads = 2, TrueThetaGrid = [-1.5, 0.0, 1.5] });

        int pilots = bank.Columns.PilotCount;
        Assert.Equal(bank.Count - pilots, report.ScoredExposure.Items);
        Assert.Equal(pilots, report.PilotExposure.Items);

        // Each session gives exactly 5 pilot items, so the pilot rates sum to 5 and average 5 / pilots.
        double pilotSum = report.ExposureRates.Where((_, i) => bank.Columns.IsPilot[i]).Sum();
        Assert.Equal(5.0, pilotSum, 1e-9);
        Assert.Equal(report.ScoredExposure.MaxRate, report.MaxExposure);

        Assert.Equal([-1.5, 0.0, 1.5], report.ByTrueTheta.Select(t => t.TrueTheta));
        Assert.All(report.ByTrueTheta, t => Assert.Equal(100, t.Examinees));
        Assert.True(report.ByTrueTheta[0].PassRate < 0.1 && report.ByTrueTheta[2].PassRate > 0.9);
        Assert.Equal(1 - report.ByTrueTheta[0].PassRate - report.ByTrueTheta[0].UndecidedRate, report.ByTrueTheta[0].Accuracy, 1e-12);
    }

    [Fact]
    public void Options_GridAndFixedThetaTogether_AreRefused()
    {
        var problems = new SimulationOptions { FixedTrueTheta = 0, TrueThetaGrid = [0.5] }.Validate();
        Assert.Contains(problems, p => p.Contains("not both", StringComparison.Ordinal));
    }
}
