using EmrCat.Scoring;
using EmrCat.Sessions;
using EmrCat.Simulation;

namespace EmrCat.Tests.Simulation;

public class SimulatorClassificationTests
{
    [Theory]
    [InlineData(1.5, PassFailDecision.Pass)]
    [InlineData(-1.5, PassFailDecision.Fail)]
    public void EmrPreset_ExamineeOneAndAHalfLogitsFromTheCut_IsClassifiedRightAtLeast99Percent(double offset, PassFailDecision expected)
    {
        var bank = TestBanks.Emr;
        var report = Simulator.Run(bank, CatOptions.Emr, new SimulationOptions { Examinees = 1000, Seed = 2026, FixedTrueTheta = bank.Scale.CutTheta + offset });
        double share = report.Sessions.Count(s => s.Decision == expected) / 1000.0;
        Assert.True(share >= 0.99, $"{share:P2} classified {expected}");
    }

    [Fact]
    public void Run_ResultsDoNotDependOnTheThreadCount()
    {
        var bank = TestBanks.Emr;
        var one = Simulator.Run(bank, CatOptions.Quick, new SimulationOptions { Examinees = 60, Seed = 5, Threads = 1, KeepSessions = true });
        var four = Simulator.Run(bank, CatOptions.Quick, new SimulationOptions { Examinees = 60, Seed = 5, Threads = 4, KeepSessions = true });
        Assert.Equal(one.Sessions.Select(SimulationJson.ToJsonLine), four.Sessions.Select(SimulationJson.ToJsonLine));
    }

    [Fact]
    public void Run_ReportsTheReviewerFigures()
    {
        var report = Simulator.Run(TestBanks.Emr, CatOptions.Quick, new SimulationOptions { Examinees = 200, Seed = 3 });
        Assert.InRange(report.Rmse, 0.05, 1.0);
        Assert.InRange(report.MeanLength, 15, 20);
        Assert.InRange(report.ClassificationAccuracy, 0.7, 1.0);
        Assert.InRange(report.MaxExposure, 0.0, 1.0);
        Assert.True(report.FalsePassRate + report.FalseFailRate < 0.5);
    }

    [Fact]
    public void JsonLine_RoundTrips()
    {
        var report = Simulator.Run(TestBanks.Emr, CatOptions.Quick, new SimulationOptions { Examinees = 2, Seed = 9, KeepSessions = true });
        var line = SimulationJson.ToJsonLine(report.Sessions[0]);
        Assert.Contains("\"pilot\":true", line);
        Assert.Equal(line, SimulationJson.ToJsonLine(SimulationJson.FromJsonLine(line)));
    }
}
