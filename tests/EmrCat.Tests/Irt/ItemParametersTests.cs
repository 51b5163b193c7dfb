using EmrCat.Irt;

namespace EmrCat.Tests.Irt;

public class ItemParametersTests
{
    [Theory]
    [InlineData(double.NaN, 0, 0, 1, "a", "NaN")]
    [InlineData(0.0, 0, 0, 1, "a", "0")]
    [InlineData(-1.2, 0, 0, 1, "a", "-1.2")]
    [InlineData(double.PositiveInfinity, 0, 0, 1, "a", "Infinity")]
    [InlineData(1, double.NaN, 0, 1, "b", "NaN")]
    [InlineData(1, double.NegativeInfinity, 0, 1, "b", "-Infinity")]
    [InlineData(1, 0, -0.1, 1, "c", "-0.1")]
    [InlineData(1, 0, 1.0, 1, "c", "1")]
    [InlineData(1, 0, double.NaN, 1, "c", "NaN")]
    [InlineData(1, 0, 0.3, 0.3, "d", "0.3")]
    [InlineData(1, 0, 0.2, 1.01, "d", "1.01")]
    [InlineData(1, 0, 0, double.NaN, "d", "NaN")]
    public void Constructor_InvalidField_ThrowsNamingFieldAndValue(double a, double b, double c, double d, string field, string shown)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ItemParameters(a, b, c, d));
        Assert.Equal(field, ex.ParamName);
        Assert.Contains(shown, ex.Message);
    }

    [Theory]
    [InlineData(1.0, 0.5, 0, 1, IrtModel.OnePL)]
    [InlineData(1.3, 0.5, 0, 1, IrtModel.TwoPL)]
    [InlineData(1.3, 0.5, 0.2, 1, IrtModel.ThreePL)]
    [InlineData(1.3, 0.5, 0.2, 0.95, IrtModel.FourPL)]
    public void Model_IsTheMostSpecificCase(double a, double b, double c, double d, IrtModel expected) =>
        Assert.Equal(expected, new ItemParameters(a, b, c, d).Model);

    [Fact]
    public void Defaults_AreTwoPL() => Assert.Equal(new ItemParameters(1.2, 0.3, 0, 1), new ItemParameters(1.2, 0.3));
}
