using EmrCat.Banks;
using EmrCat.Calibration;

namespace EmrCat.Tests.Calibration;

/// <summary>Bad data, bad tables and bad options: one clear error naming the place, never a half result.</summary>
public class CalibrationInputTests
{
    [Theory]
    [InlineData("examinee,I1,I2\nP1,1,2\n", 1, "r.csv:2:3:", "a response must be 1, 0 or empty, but was '2'")]
    [InlineData("examinee,I1,I2\nP1,1,x\n", 3, "r.csv:2:3:", "a whole number 0..3 or empty")]
    [InlineData("examinee,I1,I2\nP1,1,4\n", 3, "r.csv:2:3:", "but was '4'")]
    [InlineData("examinee,I1,I2\nP1,1,-1\n", 3, "r.csv:2:3:", "but was '-1'")]
    [InlineData("person,I1,I2\nP1,1,0\n", 1, "r.csv:1:1:", "must be 'examinee'")]
    [InlineData("examinee,I1,I1\nP1,1,0\n", 1, "r.csv:1:3:", "appears twice")]
    [InlineData("examinee,I1,I2\nP1,1,0\nP1,0,0\n", 1, "r.csv:3:1:", "repeats line 2")]
    [InlineData("examinee,I1,I2\nP1,1\n", 1, "r.csv:2:", "Expected 3 fields")]
    [InlineData("examinee,I1,I2\n", 1, "r.csv:0:0:", "no examinees")]
    public void Parse_MalformedResponses_NamesFileLineAndColumn(string csv, int maxCategory, string place, string message)
    {
        var e = Assert.Throws<InputFormatException>(() => CalibrationData.Parse("r.csv", csv, maxCategory));

        Assert.StartsWith(place, e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Parse_EmptyAndNaCells_AreMissing()
    {
        var data = CalibrationData.Parse("r.csv", "examinee,I1,I2,I3\nP1,1,,NA\nP2,0,1,0\n", 1);

        Assert.Null(data[0, 1]);
        Assert.Null(data[0, 2]);
        Assert.Equal(1, data[0, 0]);
        Assert.Equal(4, data.ResponseTotal);
        Assert.Equal([2, 1, 1], data.ResponseCounts);
    }

    [Fact]
    public void Calibrate_ItemEveryoneGotRight_IsNamed()
    {
        var data = CalibrationData.Parse("r.csv", "examinee,I1,I2\nP1,1,1\nP2,1,0\nP3,1,1\n", 1);

        var e = Assert.Throws<CalibrationInputException>(() => ItemCalibrator.Calibrate(data, new CalibrationOptions()));

        Assert.Equal("I1", e.ItemId);
        Assert.Contains("No response is in category 0", e.Message);
    }

    [Fact]
    public void Calibrate_PolytomousItemWithAnEmptyMiddleCategory_IsNamed()
    {
        var data = CalibrationData.Parse("r.csv", "examinee,I1,I2\nP1,0,1\nP2,2,0\nP3,2,1\n", 3);

        var e = Assert.Throws<CalibrationInputException>(() => ItemCalibrator.Calibrate(data, new CalibrationOptions { Model = CalibrationModel.Gpcm }));

        Assert.Equal("I1", e.ItemId);
        Assert.Contains("category 1", e.Message);
    }

    [Fact]
    public void Calibrate_ItemNobodyAnswered_IsNamed()
    {
        var data = CalibrationData.Parse("r.csv", "examinee,I1,I2\nP1,0,\nP2,1,\n", 1);

        var e = Assert.Throws<CalibrationInputException>(() => ItemCalibrator.Calibrate(data, new CalibrationOptions()));

        Assert.Equal("I2", e.ItemId);
    }

    [Fact]
    public void Calibrate_FixedItemOfAnotherFamily_IsNamed()
    {
        var data = CalibrationData.Parse("r.csv", "examinee,I1,I2\nP1,0,1\nP2,1,0\n", 1);
        var held = new Dictionary<string, CalibratedParameters> { ["I1"] = new(CalibrationModel.Gpcm, 1, [0.0]) };

        var e = Assert.Throws<CalibrationInputException>(() => ItemCalibrator.Calibrate(data, new CalibrationOptions(), held));

        Assert.Equal("I1", e.ItemId);
    }

    [Fact]
    public void Calibrate_EveryItemFixed_SaysThereIsNothingToEstimate()
    {
        var data = CalibrationData.Parse("r.csv", "examinee,I1\nP1,0\nP2,1\n", 1);
        var held = new Dictionary<string, CalibratedParameters> { ["I1"] = new(CalibrationModel.TwoPL, 1.2, [0.0]) };

        Assert.Throws<CalibrationInputException>(() => ItemCalibrator.Calibrate(data, new CalibrationOptions(), held));
    }

    [Fact]
    public void Options_Defaults_AreMirtsEmDefaults()
    {
        var options = new CalibrationOptions();

        Assert.Equal(61, options.QuadraturePoints);
        Assert.Equal(-6, options.ThetaMin);
        Assert.Equal(6, options.ThetaMax);
        Assert.Equal(1e-6, options.Tolerance);
        Assert.Equal(10_000, options.MaxCycles);
        Assert.True(options.StandardErrors);
        Assert.Null(options.GuessingPrior);
        Assert.False(options.EstimateLatentDistribution);
    }

    [Fact]
    public void Options_Invalid_NamesEveryProblemAtOnce()
    {
        var options = new CalibrationOptions
        {
            Model = CalibrationModel.TwoPL,
            GuessingPrior = new BetaPrior(5, 17),
            QuadraturePoints = 2,
            Tolerance = 0,
            MaxCycles = 0,
            ThetaMin = 3,
            ThetaMax = 3,
        };

        var e = Assert.Throws<ArgumentException>(options.Validate);

        foreach (string name in new[] { "QuadraturePoints", "Tolerance", "MaxCycles", "ThetaMin", "GuessingPrior applies to 3PL only" })
        {
            Assert.Contains(name, e.Message);
        }
    }

    [Theory]
    [InlineData("beta:5,17", true)]
    [InlineData("BETA:2.5,10", true)]
    [InlineData("beta:0,17", false)]
    [InlineData("beta:5", false)]
    [InlineData("gamma:5,17", false)]
    [InlineData("beta:5,NaN", false)]
    public void BetaPrior_TryParse_AcceptsOnlyPositiveAlphaAndBeta(string text, bool valid)
    {
        Assert.Equal(valid, BetaPrior.TryParse(text, out var prior));
        Assert.Equal(valid, prior is not null);
    }

    [Fact]
    public void BetaPrior_LogDensity_IsTheNormalisedBetaDensity()
    {
        // dbeta(0.2, 5, 17, log = TRUE) in R.
        Assert.Equal(1.52218, new BetaPrior(5, 17).LogDensity(0.2), 1e-4);
        Assert.Equal(0.2, new BetaPrior(5, 17).Mode, 12);
    }
}
