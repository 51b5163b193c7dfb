using EmrCat.Scoring;

namespace EmrCat.Tests.Scoring;

public class ReportingScaleBandTests
{
    [Fact]
    public void ThetaSpan_OfTheEmrScale_IsWhereItStopsClamping()
    {
        var span = ReportingScale.Emr.ThetaSpan;
        Assert.Equal((-8.5, 5.5), (span.Lower, span.Upper));
        Assert.Equal(1500, ReportingScale.Emr.ToScaled(span.Upper));
        Assert.Equal(100, ReportingScale.Emr.ToScaled(span.Lower));
    }

    [Fact]
    public void ToScaledStandardError_IsThePointsPerLogit()
    {
        Assert.Equal(30.0, ReportingScale.Emr.ToScaledStandardError(0.3), 1e-12);
        Assert.Equal(double.PositiveInfinity, ReportingScale.Emr.ToScaledStandardError(double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => ReportingScale.Emr.ToScaledStandardError(double.NaN));
    }

    [Fact]
    public void Band_Is1Point96StandardErrorsEitherSideAndClampedToTheScale()
    {
        var band = ReportingScale.Emr.Band(0.4, 0.3, 0.95);
        Assert.Equal(990 - 1.959964 * 30, band.Low, 1e-3);
        Assert.Equal(990 + 1.959964 * 30, band.High, 1e-3);

        var top = ReportingScale.Emr.Band(5.4, 0.5, 0.95);
        Assert.Equal(1500, top.High);

        var unknown = ReportingScale.Emr.Band(0, double.PositiveInfinity, 0.95);
        Assert.Equal((100.0, 1500.0), (unknown.Low, unknown.High));
        Assert.Throws<ArgumentException>(() => ReportingScale.Emr.Band(0, 0.3, 1.0));
    }
}
