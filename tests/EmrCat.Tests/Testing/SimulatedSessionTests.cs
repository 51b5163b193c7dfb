using EmrCat.Sessions;
using EmrCat.Testing;

namespace EmrCat.Tests.Testing;

public class SimulatedSessionTests
{
    [Fact]
    public void Result_IsTheSessionsResult()
    {
        var run = new SimulatedExaminee(5, 1.0).Take(TestBanks.Emr, CatOptions.Quick);
        Assert.Same(run.Session.Result, run.Result);
    }

    [Fact]
    public void ToString_SaysWhoTookItAndHowItEnded()
    {
        var run = new SimulatedExaminee(5, 1.0).Take(TestBanks.Emr, CatOptions.Quick);
        string text = run.ToString();
        Assert.StartsWith("examinee (seed 5, true θ 1): ", text);
        Assert.Contains($"{run.Result.Decision} by {run.Result.Reason}", text);
        Assert.Contains($"{run.Result.ScoredCount} scored + {run.Result.PilotCount} pilot items", text);
    }
}
