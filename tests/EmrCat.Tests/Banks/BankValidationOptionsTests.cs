using EmrCat.Banks;

namespace EmrCat.Tests.Banks;

public class BankValidationOptionsTests
{
    [Fact]
    public void Defaults_AreTheEmrPreset()
    {
        var options = new BankValidationOptions();
        Assert.Equal(80, options.MaxScoredItems);
        Assert.Equal(30, options.PilotItems);
        Assert.Equal(options, BankValidationOptions.Emr);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void ConsistencyOnly_AsksForNoItems()
    {
        Assert.Equal(0, BankValidationOptions.ConsistencyOnly.MaxScoredItems);
        Assert.Equal(0, BankValidationOptions.ConsistencyOnly.PilotItems);
        Assert.Equal(0, BankValidationOptions.ConsistencyOnly.ScoredItemsNeeded(1.0));
    }

    [Theory]
    [InlineData(0.41, 33)]
    [InlineData(0.2, 16)] // 0.2 × 80 is 16.000000000000004 in binary; still 16
    [InlineData(0.23, 19)]
    [InlineData(0.08, 7)]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 80)]
    public void ScoredItemsNeeded_IsTheShareOf80RoundedUp(double maxShare, int expected) =>
        Assert.Equal(expected, BankValidationOptions.Emr.ScoredItemsNeeded(maxShare));

    [Fact]
    public void Validate_NegativeCounts_ListsBoth()
    {
        var problems = new BankValidationOptions { MaxScoredItems = -1, PilotItems = -2 }.Validate().ToList();
        Assert.Equal(["MaxScoredItems must be ≥ 0, but was -1.", "PilotItems must be ≥ 0, but was -2."], problems);
    }
}
