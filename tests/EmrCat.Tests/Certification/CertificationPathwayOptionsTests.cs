using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;

namespace EmrCat.Tests.Certification;

public class CertificationPathwayOptionsTests
{
    [Fact]
    public void Defaults_TwoYearEducationWindow()
    {
        var o = new CertificationPathwayOptions();
        Assert.Equal(2, o.EducationWindowYears);
        Assert.Empty(o.Validate());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void Validate_WindowOutside1To10_ReportsItsValue(int years) =>
        Assert.Equal([$"EducationWindowYears must be in 1..10, but was {years}."], new CertificationPathwayOptions { EducationWindowYears = years }.Validate());
}
