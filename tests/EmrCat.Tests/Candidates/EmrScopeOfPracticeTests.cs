using EmrCat.Candidates;

namespace EmrCat.Tests.Candidates;

public class EmrScopeOfPracticeTests
{
    [Fact]
    public void Lists_AreShortNonEmptyAndDistinct()
    {
        Assert.InRange(EmrScopeOfPractice.Can.Count, 5, 12);
        Assert.InRange(EmrScopeOfPractice.Cannot.Count, 4, 10);
        Assert.Empty(EmrScopeOfPractice.Can.Intersect(EmrScopeOfPractice.Cannot));
        Assert.All(EmrScopeOfPractice.Can.Concat(EmrScopeOfPractice.Cannot), s => Assert.False(string.IsNullOrWhiteSpace(s)));
    }

    [Theory]
    [InlineData("AED")]
    [InlineData("tourniquet")]
    [InlineData("naloxone")]
    [InlineData("nasopharyngeal")]
    [InlineData("own prescribed epinephrine auto-injector")]
    [InlineData("asthma inhaler")]
    [InlineData("glucose by mouth")]
    public void Can_IncludesEmrLevelSkills(string skill) =>
        Assert.Contains(EmrScopeOfPractice.Can, s => s.Contains(skill, StringComparison.OrdinalIgnoreCase));

    [Theory]
    [InlineData("supraglottic")]
    [InlineData("CPAP")]
    [InlineData("IV")]
    [InlineData("nitroglycerin")]
    [InlineData("long backboard")]
    public void Cannot_IncludesSkillsAboveEmr(string skill) =>
        Assert.Contains(EmrScopeOfPractice.Cannot, s => s.Contains(skill, StringComparison.Ordinal));

    [Fact]
    public void Lists_AreReadOnly() =>
        Assert.Throws<NotSupportedException>(() => ((IList<string>)EmrScopeOfPractice.Can).Add("anything"));
}
