using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;

namespace EmrCat.Tests.Certification;

public class GateEvidenceTests
{
    [Fact]
    public void NotStarted_IsTheDefault()
    {
        Assert.Equal(default, GateEvidence.NotStarted);
        Assert.Null(GateEvidence.NotStarted.CompletedOn);
        Assert.False(GateEvidence.NotStarted.InProgress);
    }

    [Fact]
    public void Started_IsInProgressWithoutADate()
    {
        Assert.True(GateEvidence.Started.InProgress);
        Assert.Null(GateEvidence.Started.CompletedOn);
    }

    [Fact]
    public void Completed_CarriesTheDates()
    {
        var e = GateEvidence.Completed(new DateOnly(2026, 1, 2), new DateOnly(2028, 1, 2));
        Assert.Equal(new DateOnly(2026, 1, 2), e.CompletedOn);
        Assert.Equal(new DateOnly(2028, 1, 2), e.ExpiresOn);
        Assert.False(e.InProgress);
    }
}
