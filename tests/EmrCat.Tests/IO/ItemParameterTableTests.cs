using EmrCat.Banks;
using EmrCat.IO;
using EmrCat.Estimation;
using EmrCat.Irt;

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

public class ItemParameterTableModelLayoutTests
{
    [Fact]
    public void Parse_ModelLayout_ReadsGradedPartialCreditAndLogisticRows()
    {
        var items = ItemParameterTable.Parse("p.csv", "id,model,a,b,c,d,t1,t2,t3,t4,t5\nG,grm,1.2,,,,-1,0,1,,\nP,pcm,1,,,,0.5,,,,\nQ,gpcm,0.8,,,,1,-1,0.5,0.2,2\nD,3pl,1.1,0.3,0.2,,,,,,\n");
        Assert.Equal(IrtModel.GradedResponse, items[0].Parameters.Model);
        Assert.Equal(4, items[0].Parameters.Categories);
        Assert.Equal(2, items[1].Parameters.Categories);
        Assert.Equal(6, items[2].Parameters.Categories);
        Assert.Equal(new ItemParameters(1.1, 0.3, 0.2), items[3].Parameters);
    }

    [Theory]
    [InlineData("id,model,a,t1,t2\nG,grm,1,1,0.5\n", 2, 5, "Item 'G': Graded-response boundaries must not decrease")]
    [InlineData("id,model,a,t1,t2\nG,nrm,1,1,0.5\n", 2, 2, "model must be 1pl, 2pl, 3pl, 4pl, grm, gpcm or pcm, but was 'nrm'")]
    [InlineData("id,model,a,t1,t2\nG,gpcm,1,,0.5\n", 2, 5, "t2 is filled but t1 is empty")]
    [InlineData("id,model,a,t1,t2\nG,gpcm,,1,0.5\n", 2, 3, "field 'a' is required")]
    [InlineData("id,model,a,t1,t2\nG,pcm,2,1,0.5\n", 2, 3, "partial credit model has a = 1")]
    [InlineData("id,model,a,t1,t2\nG,gpcm,1,,\n", 2, 4, "needs at least t1")]
    [InlineData("id,model,a,t1,t7\nG,gpcm,1,1,\n", 1, 5, "Unknown column 't7'")]
    public void Parse_BadModelRow_NamesThePlace(string csv, int line, int column, string problem)
    {
        var ex = Assert.Throws<InputFormatException>(() => ItemParameterTable.Parse("p.csv", csv));
        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public void ResponseMatrix_WithCategoryCounts_ReadsCategoriesAndRefusesOnesOutOfRange()
    {
        var counts = new Dictionary<string, int> { ["G"] = 4, ["D"] = 2 };
        var matrix = ResponseMatrix.Parse("r.csv", "examinee,G,D\nS1,3,1\nS2,,0\n", counts);
        Assert.Equal(3, matrix.Category(0, 0));
        Assert.Null(matrix.Category(1, 0));
        Assert.Equal(false, matrix[1, 1]);
        var ex = Assert.Throws<InputFormatException>(() => ResponseMatrix.Parse("r.csv", "examinee,G,D\nS1,4,1\n", counts));
        Assert.Contains("a response must be a category 0..3 or empty, but was '4'", ex.Message);
        Assert.Equal((2, 2), (ex.Line, ex.Column));
    }
}
