using EmrCat.Scoring;
using EmrCat.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmrCat.Tests.Scoring;

public class ReportingScaleTests
{
    [Fact]
    public void Defaults_AreTheEmrScale()
    {
        var scale = new ReportingScale();
        Assert.Equal((0.0, 950.0, 100.0, 1500.0, 100.0), (scale.CutTheta, scale.PassingScore, scale.Minimum, scale.Maximum, scale.PointsPerLogit));
        Assert.Empty(scale.Validate());
    }

    [Theory]
    [InlineData(-0.37)]
    [InlineData(0.0)]
    [InlineData(1.25)]
    public void ToScaled_AtTheCut_IsExactly950(double cut) =>
        Assert.Equal(950.0, new ReportingScale { CutTheta = cut, PointsPerLogit = 137.3 }.ToScaled(cut));

    [Fact]
    public void ToScaled_ClampsAtTheEnds()
    {
        Assert.Equal(100.0, ReportingScale.Emr.ToScaled(-50));
        Assert.Equal(1500.0, ReportingScale.Emr.ToScaled(50));
        Assert.Equal(1500.0, ReportingScale.Emr.ToScaled(double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => ReportingScale.Emr.ToScaled(double.NaN));
    }

    [Fact]
    public void ToReported_JustBelowTheCut_NeverRoundsUpToPassing()
    {
        Assert.Equal(949, ReportingScale.Emr.ToReported(-1e-9));
        Assert.Equal(950, ReportingScale.Emr.ToReported(0));
    }

    [Theory]
    [InlineData(0.0, 100.0)]
    [InlineData(-0.37, 100.0)]
    [InlineData(-0.37, 173.3)]
    public void ToScaled_TheDoubleJustBelowTheCut_StaysBelowThePassingScore(double cut, double slope)
    {
        // Found by EmrCatProperties.ScaledScoreIsMonotoneWith950AtTheCut: 950 + slope·(θ − cut) rounded to exactly 950.
        var scale = new ReportingScale { CutTheta = cut, PointsPerLogit = slope };
        double below = Math.BitDecrement(cut);
        Assert.True(scale.ToScaled(below) < 950);
        Assert.False(scale.Passes(below));
        Assert.Equal(949, scale.ToReported(below));
        Assert.True(scale.ToScaled(Math.BitIncrement(cut)) >= 950);
    }

    [Fact]
    public void Validate_ReportsEveryProblem()
    {
        var problems = new ReportingScale { PointsPerLogit = 0, Minimum = 2000 }.Validate();
        Assert.Equal(2, problems.Count);
    }

    [Property(MaxTest = 500)]
    public Property ToScaled_IsMonotoneAndPassMatchesTheCut() =>
        Prop.ForAll(
            (from cut in EmrCatGen.Uniform(-2, 2) from slope in EmrCatGen.Uniform(20, 300) from t1 in EmrCatGen.Uniform(-10, 10) from t2 in EmrCatGen.Uniform(-10, 10)
             select (scale: new ReportingScale { CutTheta = cut, PointsPerLogit = slope }, lo: Math.Min(t1, t2), hi: Math.Max(t1, t2))).ToArbitrary(),
            s => s.scale.ToScaled(s.lo) <= s.scale.ToScaled(s.hi)
                && (s.scale.ToScaled(s.lo) >= 950) == (s.lo >= s.scale.CutTheta)
                && s.scale.Passes(s.hi) == (s.scale.ToScaled(s.hi) >= 950)
                && (s.scale.ToReported(s.lo) >= 950) == s.scale.Passes(s.lo));

    [Property(MaxTest = 300)]
    public Property ToTheta_InvertsToScaledInsideTheRange() =>
        Prop.ForAll(EmrCatGen.Uniform(-8.4, 5.4).ToArbitrary(), theta =>
            Math.Abs(ReportingScale.Emr.ToTheta(ReportingScale.Emr.ToScaled(theta)) - theta) < 1e-9);
}
