using EmrCat.Practice.Ui;
using EmrCat.Scoring;
using EmrCat.Sessions;
using EmrCat.Stopping;

namespace EmrCat.Tests.Practice;

public class ResultPrecisionTests
{
    private static SessionResult Result(double passProbability, double scaledSe, ScoreBand band) => new()
    {
        Decision = PassFailDecision.Pass, Reason = StopReason.MaximumItems, Explanation = "", Theta = 0.2, StandardError = scaledSe / 100, CutTheta = 0,
        ScaledScore = 970, ReportedScore = 970, PassProbability = passProbability, ScaledStandardError = scaledSe, ScoreBand = band,
        ScoredCount = 60, PilotCount = 30, Elapsed = TimeSpan.Zero, Domains = [], Items = [],
        Metric = EmrCat.Irt.IrtMetric.Logistic, Scale = ReportingScale.Emr, Blueprint = EmrCat.Banks.Blueprint.Emr2025,
    };

    [Fact]
    public void Precision_SaysTheChanceAndTheBandInPlainWords()
    {
        string text = Screens.Precision(Result(0.734, 25, new ScoreBand(921, 1019, 0.95)));
        Assert.Equal("Given your answers, the chance that your ability meets the passing standard is about 73%. Your score is precise to about ±49 points (95% band: 921 to 1019).", text);
    }

    [Fact]
    public void Precision_AtTheExtremesAndWithoutAnswers_StaysTrue()
    {
        Assert.Contains("less than 1%", Screens.Precision(Result(0.002, 25, new ScoreBand(600, 700, 0.95))), StringComparison.Ordinal);
        Assert.Contains("more than 99%", Screens.Precision(Result(0.9995, 25, new ScoreBand(1200, 1300, 0.95))), StringComparison.Ordinal);
        Assert.DoesNotContain("band", Screens.Precision(Result(0.5, double.PositiveInfinity, new ScoreBand(100, 1500, 0.95))), StringComparison.Ordinal);
    }
}
