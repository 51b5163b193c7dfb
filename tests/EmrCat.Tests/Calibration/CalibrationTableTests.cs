using EmrCat.Banks;
using EmrCat.Calibration;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Calibration;

/// <summary>Item tables: what calibrate writes is what score and --fixed read back.</summary>
public class CalibrationTableTests
{
    [Fact]
    public void Write_PilotDesign_IsReadBackByScoresTableReaderAndAsFixedItems()
    {
        var result = ItemCalibratorOracleTests.Fit("pilot-fixed");

        string csv = CalibrationTable.Write(result);
        var scored = ItemParameterTable.Parse("p.csv", csv);
        var held = CalibrationTable.ParseFixed("p.csv", csv);
        var rows = CalibrationTable.Parse("p.csv", csv);

        Assert.StartsWith("id,a,b,c,fixed,se_a,se_b,se_c,n\n", csv);
        Assert.Equal(80, scored.Count);
        Assert.Equal(60, held.Count); // only the rows marked fixed
        Assert.Equal(80, rows.Count);
        var pilot = result.Items.Single(i => i.Id == "PL001");
        var row = rows.Single(r => r.Id == "PL001");
        Assert.Equal(pilot.Parameters.A, row.Parameters.A, 1e-6);
        Assert.Equal(pilot.Parameters.Locations[0], row.Parameters.Locations[0], 1e-6);
        Assert.Equal(pilot.Responses, row.Responses);
        Assert.False(row.Fixed);
    }

    [Fact]
    public void Write_Gpcm_UsesStepColumns()
    {
        string csv = CalibrationTable.Write(ItemCalibratorOracleTests.Fit("gpcm"));

        Assert.StartsWith("id,a,t1,t2,t3,se_a,se_t1,se_t2,se_t3,n\n", csv);
        var back = CalibrationTable.ParseFixed("g.csv", csv);
        Assert.Equal(CalibrationModel.Gpcm, back["I001"].Model);
        Assert.Equal(3, back["I001"].Locations.Length);
    }

    [Fact]
    public void ParseFixed_OracleTruthWithFixedColumn_TakesOnlyOperationalItems()
    {
        var held = CalibrationTable.LoadFixed(FixturePaths.Mirt("pilot-fixed", "truth.csv"));

        Assert.Equal(60, held.Count);
        Assert.All(held.Values, p => Assert.Equal(CalibrationModel.ThreePL, p.Model));
    }

    [Fact]
    public void ParseFixed_GrmRowsWithFewerCategories_LeaveTrailingCellsEmpty()
    {
        var held = CalibrationTable.ParseFixed("g.csv", "id,a,b1,b2,b3\nI1,1.2,-1,0,1\nI2,0.8,-0.5,0.5,\n");

        Assert.Equal(3, held["I1"].Locations.Length);
        Assert.Equal(2, held["I2"].Locations.Length);
        Assert.Equal(CalibrationModel.Grm, held["I2"].Model);
    }

    [Theory]
    [InlineData("id,a,b,q\nI1,1,0,1\n", "f.csv:1:4:", "Unknown column 'q'")]
    [InlineData("id,a,b\nI1,-1,0\n", "f.csv:2:2:", "Item 'I1': Discrimination a must be")]
    [InlineData("id,a,b,c\nI1,1,0,1.5\n", "f.csv:2:4:", "Item 'I1': Lower asymptote c")]
    [InlineData("id,a,b\nI1,1,x\n", "f.csv:2:3:", "Item 'I1': field 'b' must be a finite number")]
    [InlineData("id,a,b1,b2\nI1,1,1,0\n", "f.csv:2:3:", "GRM thresholds must increase")]
    [InlineData("id,a,t1,t2\nI1,1,,0\n", "f.csv:2:3:", "field 't1' is empty")]
    [InlineData("id,a,b,fixed\nI1,1,0,yes\n", "f.csv:2:4:", "field 'fixed' must be 1 or 0")]
    [InlineData("id,a,b\nI1,1,0\nI1,1,1\n", "f.csv:3:1:", "repeats line 2")]
    [InlineData("id,a,b,b1\nI1,1,0,1\n", "f.csv:1:0:", "mixes layouts")]
    public void ParseFixed_Malformed_NamesFileLineColumnAndItem(string csv, string place, string message)
    {
        var e = Assert.Throws<InputFormatException>(() => CalibrationTable.ParseFixed("f.csv", csv));

        Assert.StartsWith(place, e.Message);
        Assert.Contains(message, e.Message);
    }
}
