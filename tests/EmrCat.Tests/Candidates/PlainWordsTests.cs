using EmrCat.Candidates;

namespace EmrCat.Tests.Candidates;

public class PlainWordsTests
{
    [Theory]
    [InlineData(1, "1st")]
    [InlineData(2, "2nd")]
    [InlineData(3, "3rd")]
    [InlineData(4, "4th")]
    [InlineData(11, "11th")]
    [InlineData(12, "12th")]
    [InlineData(13, "13th")]
    [InlineData(21, "21st")]
    [InlineData(102, "102nd")]
    public void Ordinal_UsesEnglishSuffixes(int n, string expected) => Assert.Equal(expected, PlainWords.Ordinal(n));

    [Fact]
    public void Date_IsWeekdayMonthDayYear() => Assert.Equal("Tuesday, March 17, 2026", PlainWords.Date(new DateOnly(2026, 3, 17)));

    [Fact]
    public void Count_SingularAndPlural()
    {
        Assert.Equal("1 year", PlainWords.Count(1, "year", "years"));
        Assert.Equal("2 years", PlainWords.Count(2, "year", "years"));
    }
}
