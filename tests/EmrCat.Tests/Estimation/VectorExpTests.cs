using System.Runtime.Intrinsics;
using EmrCat.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmrCat.Tests.Estimation;

/// <summary>The inlined vector exp of the ML kernels: close to <see cref="Math.Exp"/>, the same bits at 512 and 256 bits (and in software, under the CI's vector-width runs).</summary>
public class VectorExpTests
{
    private const double RelativeTolerance = 1e-15;

    [Property(MaxTest = 300)]
    public Property Exp_EveryLane_IsMathExpWithin1e15_AndBothWidthsAgreeBitForBit() =>
        Prop.ForAll(
            Gen.Choose(-700_000_000, 700_000_000).Select(k => k / 1e6).ArrayOf(8).ToArbitrary(),
            x =>
            {
                var wide = VectorExp.Exp(Vector512.Create(x));
                var low = VectorExp.Exp(Vector256.Create(x.AsSpan(0, 4)));
                var high = VectorExp.Exp(Vector256.Create(x.AsSpan(4, 4)));
                for (int i = 0; i < 8; i++)
                {
                    double expected = Math.Exp(x[i]);
                    double actual = wide[i];
                    double narrow = i < 4 ? low[i] : high[i - 4];
                    if (BitConverter.DoubleToInt64Bits(actual) != BitConverter.DoubleToInt64Bits(narrow)) return false.Label($"x = {x[i]:R}: 512-bit {actual:R}, 256-bit {narrow:R}");
                    if (!(Math.Abs(actual - expected) <= RelativeTolerance * expected)) return false.Label($"x = {x[i]:R}: {actual:R}, Math.Exp {expected:R}");
                }

                return true.ToProperty();
            });

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-300)]
    [InlineData(-0.34657359027997264)] // ln 2 / 2, where the reduction's rounding turns over
    [InlineData(-0.3465735902799727)]
    [InlineData(-1.0)]
    [InlineData(-36.7368005696771)] // where e^x falls below 1e-16
    [InlineData(-500.0)] // the kernels' clamp, −|z| at its most negative
    [InlineData(-700.0)]
    [InlineData(700.0)]
    [InlineData(1.0)]
    public void Exp_AtEdges_IsMathExpWithin1e15(double x)
    {
        double expected = Math.Exp(x);
        double actual = VectorExp.Exp(Vector512.Create(x))[0];
        Assert.True(Math.Abs(actual - expected) <= RelativeTolerance * expected, $"x = {x:R}: {actual:R}, Math.Exp {expected:R}");
        Assert.Equal(actual, VectorExp.Exp(Vector256.Create(x))[0]);
    }

    [Fact]
    public void Exp_OfZero_IsExactlyOne() => Assert.Equal(1.0, VectorExp.Exp(Vector256<double>.Zero)[3]);
}
