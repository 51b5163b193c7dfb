using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;

namespace EmrCat.Tests.Certification;

public class CertificationStatusTests
{
    private static CertificationStatus With(params GateStatus[] statuses) => new()
    {
        AsOf = new DateOnly(2026, 1, 1),
        Gates = [.. statuses.Select((s, i) => new GateState((CertificationGate)i, s, null, s.ToString()))],
        Blockers = [],
        Exam = new RetakePolicy().Evaluate(AttemptHistory.Empty),
        Headline = "",
    };

    [Fact]
    public void CertifiedByRegistry_NeedsTheFirstFourComplete()
    {
        Assert.True(With(GateStatus.Complete, GateStatus.Complete, GateStatus.Complete, GateStatus.Complete, GateStatus.NotStarted).CertifiedByRegistry);
        Assert.False(With(GateStatus.Complete, GateStatus.Pending, GateStatus.Complete, GateStatus.Complete, GateStatus.Complete).CertifiedByRegistry);
        Assert.False(With(GateStatus.Complete, GateStatus.Complete, GateStatus.Complete, GateStatus.Expired, GateStatus.Complete).CertifiedByRegistry);
    }

    [Fact]
    public void MayPractice_NeedsCertificationAndLicensureCompleteOrNotRequired()
    {
        Assert.True(With(GateStatus.Complete, GateStatus.Complete, GateStatus.Complete, GateStatus.Complete, GateStatus.Complete).MayPractice);
        Assert.True(With(GateStatus.Complete, GateStatus.Complete, GateStatus.Complete, GateStatus.Complete, GateStatus.NotRequired).MayPractice);
        Assert.False(With(GateStatus.Complete, GateStatus.Complete, GateStatus.Complete, GateStatus.Complete, GateStatus.Pending).MayPractice);
        Assert.False(With(GateStatus.NotStarted, GateStatus.NotStarted, GateStatus.Complete, GateStatus.NotStarted, GateStatus.NotRequired).MayPractice);
    }

    [Fact]
    public void MayPractice_WithoutALicensureGate_IsFalse() =>
        Assert.False(With(GateStatus.Complete, GateStatus.Complete, GateStatus.Complete, GateStatus.Complete).MayPractice);

    [Fact]
    public void Indexer_FindsTheGateOrThrows()
    {
        var s = With(GateStatus.Complete, GateStatus.Pending);
        Assert.Equal(GateStatus.Pending, s[CertificationGate.ProgramDirectorVerification].Status);
        Assert.Throws<KeyNotFoundException>(() => s[CertificationGate.StateLicensure]);
    }

    [Theory]
    [InlineData(GateStatus.Complete, true)]
    [InlineData(GateStatus.NotRequired, true)]
    [InlineData(GateStatus.Pending, false)]
    [InlineData(GateStatus.Expired, false)]
    [InlineData(GateStatus.NotStarted, false)]
    public void GateState_IsClosed_OnlyWhenCompleteOrNotRequired(GateStatus status, bool closed) =>
        Assert.Equal(closed, new GateState(CertificationGate.StateLicensure, status, null, "").IsClosed);
}
