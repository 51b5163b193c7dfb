using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EmrCat.Internal;

/// <summary>
/// e^x lane by lane for the logistic kernels' arguments (|x| ≤ <see cref="MaxArgument"/>; they pass −|z| with |z| ≤ 500),
/// inlined into the callers' own optimized code. <c>Vector512.Exp</c> is a large generic method the JIT calls rather
/// than inlines, and tiered compilation ran it at tier 0 and instrumented tiers for much of a one-second simulation.
/// </summary>
/// <remarks>
/// Cody–Waite reduction x = n·ln 2 + r, |r| ≤ ln 2 / 2 (n rounded to nearest by the 1.5·2⁵² shift, ln 2 split so n·ln2Hi
/// is exact), e^r by its Taylor series to r¹³ (truncation below 2e-16 relative), and 2ⁿ built in the exponent field.
/// Plain multiplies and adds, no fused operations, so every width (512, 256, software) gives the same bits; within a few
/// ulps of <see cref="Math.Exp"/> (a property test holds it to 1e-15 relative).
/// </remarks>
internal static class VectorExp
{
    /// <summary>Largest |x| handled: 2ⁿ stays a normal number.</summary>
    public const double MaxArgument = 700.0;

    private const double Log2E = 1.4426950408889634;
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Shift = 6755399441055744.0; // 1.5·2⁵²: adding it rounds to an integer held in the low mantissa bits

    // 1/k! for k = 13 down to 2.
    private const double C13 = 1.0 / 6227020800.0;
    private const double C12 = 1.0 / 479001600.0;
    private const double C11 = 1.0 / 39916800.0;
    private const double C10 = 1.0 / 3628800.0;
    private const double C9 = 1.0 / 362880.0;
    private const double C8 = 1.0 / 40320.0;
    private const double C7 = 1.0 / 5040.0;
    private const double C6 = 1.0 / 720.0;
    private const double C5 = 1.0 / 120.0;
    private const double C4 = 1.0 / 24.0;
    private const double C3 = 1.0 / 6.0;
    private const double C2 = 0.5;

    /// <summary>e^x for each lane, |x| ≤ <see cref="MaxArgument"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x)
    {
        var shifted = x * Vector512.Create(Log2E) + Vector512.Create(Shift);
        var n = shifted - Vector512.Create(Shift);
        var r = (x - n * Vector512.Create(Ln2Hi)) - n * Vector512.Create(Ln2Lo);
        var p = Vector512.Create(C13);
        p = p * r + Vector512.Create(C12);
        p = p * r + Vector512.Create(C11);
        p = p * r + Vector512.Create(C10);
        p = p * r + Vector512.Create(C9);
        p = p * r + Vector512.Create(C8);
        p = p * r + Vector512.Create(C7);
        p = p * r + Vector512.Create(C6);
        p = p * r + Vector512.Create(C5);
        p = p * r + Vector512.Create(C4);
        p = p * r + Vector512.Create(C3);
        p = p * r + Vector512.Create(C2);
        p = p * r + Vector512<double>.One;
        p = p * r + Vector512<double>.One;
        var scale = Vector512.ShiftLeft(shifted.AsUInt64() + Vector512.Create(1023UL), 52).AsDouble();
        return p * scale;
    }

    /// <summary>e^x for each lane, |x| ≤ <see cref="MaxArgument"/>: the same operations as the 512-bit form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        var shifted = x * Vector256.Create(Log2E) + Vector256.Create(Shift);
        var n = shifted - Vector256.Create(Shift);
        var r = (x - n * Vector256.Create(Ln2Hi)) - n * Vector256.Create(Ln2Lo);
        var p = Vector256.Create(C13);
        p = p * r + Vector256.Create(C12);
        p = p * r + Vector256.Create(C11);
        p = p * r + Vector256.Create(C10);
        p = p * r + Vector256.Create(C9);
        p = p * r + Vector256.Create(C8);
        p = p * r + Vector256.Create(C7);
        p = p * r + Vector256.Create(C6);
        p = p * r + Vector256.Create(C5);
        p = p * r + Vector256.Create(C4);
        p = p * r + Vector256.Create(C3);
        p = p * r + Vector256.Create(C2);
        p = p * r + Vector256<double>.One;
        p = p * r + Vector256<double>.One;
        var scale = Vector256.ShiftLeft(shifted.AsUInt64() + Vector256.Create(1023UL), 52).AsDouble();
        return p * scale;
    }
}
