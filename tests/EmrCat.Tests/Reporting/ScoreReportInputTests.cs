using EmrCat.Banks;
using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;
using EmrCat.Irt;
using EmrCat.Scoring;
using EmrCat.Sessions;
using EmrCat.Stopping;

namespace EmrCat.Tests.Reporting;

public class ScoreReportInputTests
{
    private static ScoreReportInput Valid() => new()
    {
        Decision = PassFailDecision.Pass,
        Reason = StopReason.ConfidenceClassification,
        Theta = 0.4,
        StandardError = 0.2,
        Responses = [new AnsweredItem("a", "primary", new ItemParameters(1, 0), true)],
    };

    [Fact]
    public void Defaults_EmrBlueprintAndEmrScale()
    {
        var input = Valid();
        Assert.Same(Blueprint.Emr2025, input.Blueprint);
        Assert.Same(ReportingScale.Emr, input.Scale);
        Assert.Empty(input.Problems());
    }

    [Fact]
    public void Problems_EverythingWrong_ReportsEveryProblem()
    {
        var input = Valid() with
        {
            Decision = (PassFailDecision)7,
            Reason = (StopReason)42,
            Theta = double.NaN,
            StandardError = 0,
            Responses =
            [
                new AnsweredItem("a", "primary", new ItemParameters(1, 0), true),
                new AnsweredItem("a", "", new ItemParameters(1, 0), true) { ResponseTime = TimeSpan.FromSeconds(-1) },
                null!,
            ],
            Scale = ReportingScale.Emr with { PointsPerLogit = 0 },
        };
        var problems = input.Problems();
        Assert.Contains("Decision 7 is not a defined PassFailDecision.", problems);
        Assert.Contains("Reason 42 is not a defined StopReason.", problems);
        Assert.Contains("Theta must be finite, but was NaN.", problems);
        Assert.Contains("StandardError must be > 0 (or +∞), but was 0.", problems);
        Assert.Contains("Scale: PointsPerLogit must be finite and > 0, but was 0.", problems);
        Assert.Contains(problems, p => p.Contains("item 'a' was already answered at [0]"));
        Assert.Contains(problems, p => p.Contains("has an empty domain"));
        Assert.Contains(problems, p => p.Contains("negative response time"));
        Assert.Contains("Responses[2] is null.", problems);
    }

    [Fact]
    public void Problems_InfiniteStandardError_IsAccepted() =>
        Assert.Empty((Valid() with { StandardError = double.PositiveInfinity }).Problems());

    [Fact]
    public void Problems_PassBelowTheCut_IsRejected() =>
        Assert.Contains((Valid() with { Theta = -0.1 }).Problems(), p => p.Contains("a pass is never reported with a failing score"));

    [Fact]
    public void Problems_FailAtTheCutByConfidence_IsRejected() =>
        Assert.Single((Valid() with { Decision = PassFailDecision.Fail, Theta = 0 }).Problems());

    [Theory]
    [InlineData(StopReason.TimeLimit)]
    [InlineData(StopReason.Abandoned)]
    public void Problems_FailAboveTheCutAfterTimeLimitOrAbandon_IsAccepted(StopReason reason) =>
        Assert.Empty((Valid() with { Decision = PassFailDecision.Fail, Reason = reason }).Problems());

    [Fact]
    public void Problems_UndecidedOnEitherSide_IsAccepted()
    {
        Assert.Empty((Valid() with { Decision = PassFailDecision.Undecided, Theta = 1 }).Problems());
        Assert.Empty((Valid() with { Decision = PassFailDecision.Undecided, Theta = -1 }).Problems());
    }

    [Fact]
    public void Problems_PilotItemInAnUnknownDomain_IsIgnored() =>
        Assert.Empty((Valid() with { Responses = [.. Valid().Responses, new AnsweredItem("p", "trial", new ItemParameters(1, 0), true, IsPilot: true)] }).Problems());

    [Fact]
    public void Problems_NullResponses_IsReported() =>
        Assert.Contains("Responses must not be null.", (Valid() with { Responses = null! }).Problems());
}
