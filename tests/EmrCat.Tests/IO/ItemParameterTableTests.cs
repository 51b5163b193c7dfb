using EmrCat.Banks;
using EmrCat.IO;

namespace EmrCat.Tests.IO;

public class ItemParameterTableTests
{
    [Fact]
    public void Parse_BomCrlfAndQuotes_ReadsTheTable()
    {
        var items = ItemParameterTable.Parse("p.csv", "\uFEFF\"id\",\"a\",\"b\",\"c\",\"d\"\r\n\"X1\",1.2,-0.5,0.2,1\r\nX2,0.8,1,0,0.97\r\n");
        Assert.Equal(["X1", "X2"], items.Select(i => i.Id));
        Assert.Equal(0.97, items[1].Parameters.D);
    }

    [Fact]
    public void Parse_WithoutCAndD_DefaultsToTwoPL()
    {
        var items = ItemParameterTable.Parse("p.csv", "id,a,b\nX1,1.2,-0.5\n");
        Assert.Equal(0.0, items[0].Parameters.C);
        Assert.Equal(1.0, items[0].Parameters.D);
    }

    [Theory]
    [InlineData("", "p.csv:0:0", "empty")]
    [InlineData("id,a,b,c,d\n", "p.csv:0:0", "no items")]
    [InlineData("id,a,b,c,d\nX1,1,0,0\n", "p.csv:2:5", "Expected 5 fields")]
    [InlineData("id,a,b,c,d\nX1,abc,0,0,1\n", "p.csv:2:2", "field 'a'")]
    [InlineData("id,a,b,c,d\nX1,-1,0,0,1\n", "p.csv:2:2", "Discrimination a")]
    [InlineData("id,a,b,c,d\nX1,1,0,0.4,0.3\n", "p.csv:2:5", "Upper asymptote d")]
    [InlineData("id,a,b,c,d\nX1,1,0,0,1\nX1,1,0,0,1\n", "p.csv:3:1", "repeats line 2")]
    [InlineData("id,a,b,e\nX1,1,0,0\n", "p.csv:1:4", "Unknown column 'e'")]
    [InlineData("id,a,c,d\nX1,1,0,1\n", "p.csv:1:0", "no 'b' column")]
    [InlineData("id,a,b,c,d\nX1,1,NaN,0,1\n", "p.csv:2:3", "field 'b'")]
    public void Parse_Malformed_NamesFileLineAndColumn(string csv, string place, string problem)
    {
        var ex = Assert.Throws<InputFormatException>(() => ItemParameterTable.Parse("p.csv", csv));
        Assert.StartsWith(place, ex.Message);
        Assert.Contains(problem, ex.Message);
    }
}
