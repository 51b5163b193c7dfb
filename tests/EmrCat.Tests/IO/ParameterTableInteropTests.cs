using System.Text;
using EmrCat.Banks;
using EmrCat.IO;
using EmrCat.Irt;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.IO;

/// <summary>Parameter tables as mirt and catR export them from R (<c>write.csv</c>), and written back.</summary>
public class ParameterTableInteropTests
{
    // coef(mod, simplify = TRUE)$items written by write.csv: quoted header with R's unnamed row-name column.
    private const string MirtSlopeIntercept = "\"\",\"a1\",\"d\",\"g\",\"u\"\n\"Item.1\",0.988,1.856,0,1\n\"Item.2\",1.081,-0.808,0.2,1\n\"Item.3\",1.7,0.34,0.15,0.97\n";

    // coef(mod, IRTpars = TRUE, simplify = TRUE)$items: the same items in difficulty form.
    private const string MirtIrtPars = "\"\",\"a\",\"b\",\"g\",\"u\"\n\"Item.1\",0.988,-1.87854251012146,0,1\n\"Item.2\",1.081,0.747456059204440,0.2,1\n\"Item.3\",1.7,-0.2,0.15,0.97\n";

    [Fact]
    public void Parse_MirtSlopeInterceptExport_ConvertsTheInterceptToDifficulty()
    {
        var items = ItemParameterTable.Parse("mirt.csv", MirtSlopeIntercept);

        Assert.Equal(["Item.1", "Item.2", "Item.3"], items.Select(i => i.Id));
        Assert.Equal(0.988, items[0].Parameters.A);
        Assert.Equal(-1.856 / 0.988, items[0].Parameters.B, 12);
        Assert.Equal(0.2, items[1].Parameters.C);
        Assert.Equal(0.97, items[2].Parameters.D);
    }

    [Fact]
    public void Parse_MirtIrtParsExport_DescribesTheSameItemsAsTheSlopeInterceptExport()
    {
        var slopeIntercept = ItemParameterTable.Parse("si.csv", MirtSlopeIntercept);
        var irtPars = ItemParameterTable.Parse("irt.csv", MirtIrtPars);

        for (int i = 0; i < 3; i++)
        {
            foreach (double theta in new[] { -2.0, 0.0, 1.3 })
            {
                Assert.Equal(ItemResponseFunctions.Probability(slopeIntercept[i].Parameters, theta, IrtMetric.Logistic),
                    ItemResponseFunctions.Probability(irtPars[i].Parameters, theta, IrtMetric.Logistic), 12);
            }
        }
    }

    [Fact]
    public void Parse_CatRExportWithRowNames_ReadsTheRowNamesAsIds()
    {
        // write.csv(genDichoMatrix(2)): row names "1", "2" under an unnamed column.
        var items = ItemParameterTable.Parse("catr.csv", "\"\",\"a\",\"b\",\"c\",\"d\"\n\"1\",1.2,-0.5,0.1,1\n\"2\",0.8,0.4,0,0.95\n");

        Assert.Equal(["1", "2"], items.Select(i => i.Id));
        Assert.Equal(new ItemParameters(0.8, 0.4, 0, 0.95), items[1].Parameters);
    }

    [Fact]
    public void Parse_NoIdColumn_NamesItemsByRowNumberAsR()
    {
        var items = ItemParameterTable.Parse("catr.csv", "a,b,c,d\n1.2,-0.5,0.1,1\n0.8,0.4,0,1\n");
        Assert.Equal(["1", "2"], items.Select(i => i.Id));
    }

    [Theory]
    [InlineData("item,a1,a2,d\nI1,1,0.5,0\n", 1, 3, "multidimensional")]
    [InlineData("item,a1,b,d,g\nI1,1,0,0,0\n", 1, 4, "Both 'b' (difficulty) and 'd' (mirt's intercept)")]
    [InlineData("item,a1,g,u\nI1,1,0,1\n", 1, 0, "neither 'd' (intercept) nor 'b'")]
    [InlineData("item,a,a1,d\nI1,1,1,0\n", 1, 2, "Both 'a' and 'a1'")]
    [InlineData("item,a1,d,g,u\nI1,0,1,0,1\n", 2, 2, "Discrimination a")]
    [InlineData("item,a1,d,g,u\nI1,1,x,0,1\n", 2, 3, "field 'd' must be a finite number")]
    [InlineData("item,a1,d,c\nI1,1,0,0\n", 1, 4, "Unknown column 'c'")]
    public void Parse_MalformedMirtTable_NamesLineAndColumn(string csv, int line, int column, string problem)
    {
        var ex = Assert.Throws<InputFormatException>(() => ItemParameterTable.Parse("m.csv", csv));
        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.Contains(problem, ex.Problem);
    }

    [Theory]
    [InlineData(ParameterTableLayout.CatR, "id,a,b,c,d")]
    [InlineData(ParameterTableLayout.MirtSlopeIntercept, "item,a1,d,g,u")]
    [InlineData(ParameterTableLayout.MirtIrtParameters, "item,a,b,g,u")]
    public void ToCsv_EveryLayout_ReadsBackAsTheSameItems(ParameterTableLayout layout, string header)
    {
        var items = new[]
        {
            new CalibratedItem("X,1", new ItemParameters(1.25, -0.92, 0.2, 1)),
            new CalibratedItem("X\"2", new ItemParameters(0.7, 1.1)),
            new CalibratedItem("X3", new ItemParameters(1.9, 0.33, 0.05, 0.93)),
        };

        string csv = ItemParameterTable.ToCsv(items, layout);
        var back = ItemParameterTable.Parse("back.csv", csv);

        Assert.StartsWith(header + "\n", csv.ReplaceLineEndings("\n"));
        Assert.Equal(items.Select(i => i.Id), back.Select(i => i.Id));
        for (int i = 0; i < items.Length; i++)
        {
            Assert.Equal(items[i].Parameters.A, back[i].Parameters.A);
            Assert.Equal(items[i].Parameters.B, back[i].Parameters.B, 12);
            Assert.Equal((items[i].Parameters.C, items[i].Parameters.D), (back[i].Parameters.C, back[i].Parameters.D));
        }
    }

    [Fact]
    public void FromBank_NormalOgiveBank_WritesLogisticSlopesWithTheSameCurves()
    {
        var bank = TestBanks.Of([new ItemParameters(1.2, 0.3, 0.2)], metric: IrtMetric.NormalOgive);

        var exported = Assert.Single(ItemParameterTable.FromBank(bank));

        Assert.Equal(1.2 * 1.702, exported.Parameters.A, 12);
        Assert.Equal(ItemResponseFunctions.Probability(bank.Items[0].Parameters, 0.9, IrtMetric.NormalOgive),
            ItemResponseFunctions.Probability(exported.Parameters, 0.9, IrtMetric.Logistic), 12);
    }

    [Fact]
    public void Load_Stream_ReadsTheCatRFixtureLikeThePath()
    {
        string path = FixturePaths.CatR("params.csv");
        using var stream = File.OpenRead(path);

        var fromStream = ItemParameterTable.Load(stream, "params.csv");

        Assert.Equal(ItemParameterTable.Load(path), fromStream);
    }

    [Fact]
    public void Load_StreamWithInvalidUtf8_NamesTheSource()
    {
        using var stream = new MemoryStream([.. "id,a,b\nX"u8, 0xC3, 0x28, .. ",1,0\n"u8]);
        var ex = Assert.Throws<InputFormatException>(() => ItemParameterTable.Load(stream, "upload"));
        Assert.Equal("upload:0:0: The file is not valid UTF-8 text.", ex.Message);
    }

    [Fact]
    public void Write_TextWriter_IsLeftOpen()
    {
        var text = new StringBuilder();
        using var writer = new StringWriter(text);
        ItemParameterTable.Write(writer, [new CalibratedItem("I1", new ItemParameters(1, 0))]);
        writer.Write("tail");
        Assert.EndsWith("tail", text.ToString());
    }
}
