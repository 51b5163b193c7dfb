using System.Runtime.Intrinsics;
using EmrCat.Irt;
using EmrCat.Internal;

namespace EmrCat.Estimation;

/// <summary>An estimating equation whose roots are refined, and the objective whose stationary points they are.</summary>
internal interface IModeFunction : IScalarFunction
{
    /// <summary>The objective (log-likelihood, log-posterior or log weighted likelihood, up to a constant) at θ.</summary>
    double Objective(double theta);

    /// <summary>Whether <see cref="EvaluateWithDerivative"/> is available (then crossings are refined by safeguarded Newton).</summary>
    bool HasDerivative { get; }

    /// <summary>f and f′ at <paramref name="x"/> (only called when <see cref="HasDerivative"/>).</summary>
    double EvaluateWithDerivative(double x, out double derivative);
}

/// <summary>
/// The θ grid an estimating equation is scanned on: equally spaced points from the range's lower end to its upper end,
/// at most <see cref="MaxStep"/> apart (81 points on [-4, 4], 241 on [-6, 6]).
/// </summary>
internal static class ThetaGrid
{
    /// <summary>Widest gap between scan points: two roots closer than this (a maximum and a minimum) can hide between them.</summary>
    public const double MaxStep = 0.05;

    /// <summary>Number of scan points on <paramref name="range"/>.</summary>
    public static int PointCount(ThetaRange range) => (int)Math.Ceiling((range.Upper - range.Lower) / MaxStep - 1e-9) + 1;

    /// <summary>The scan points of <paramref name="range"/>; the last is exactly the upper end.</summary>
    public static double[] Points(ThetaRange range)
    {
        int n = PointCount(range);
        var points = new double[n];
        double step = (range.Upper - range.Lower) / (n - 1);
        for (int k = 0; k < n; k++) points[k] = k == n - 1 ? range.Upper : range.Lower + k * step;
        return points;
    }
}

/// <summary>
/// The highest maximum of an objective over a closed range, from its estimating equation f (the objective's
/// derivative) tabulated on a grid. Every maximum is a place where f falls through zero (+ → −) or a bound where f
/// points outward (f &lt; 0 at the lower bound, f &gt; 0 at the upper), so: each + → − cell is refined (by safeguarded
/// Newton when f′ is available, ML; else by Brent's method, MAP and WLE), the bounds are added when f points outward there, and the candidate with the largest objective wins.
/// A − → + root (a minimum) is never a candidate. With a single candidate (every 1PL/2PL pattern, most 3PL ones) no
/// objective is evaluated and the result is that candidate.
/// </summary>
internal static class HighestMode
{
    /// <summary>Finds the highest maximum.</summary>
    /// <param name="function">f and the objective.</param>
    /// <param name="grid">Scan points, increasing, first and last the range's ends.</param>
    /// <param name="values">f at the scan points.</param>
    /// <param name="tolerance">The refinement's absolute tolerance on θ.</param>
    /// <returns>θ̂ and whether it is interior or a bound.</returns>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static (double Theta, EstimateStatus Status) Find<TF>(ref TF function, scoped ReadOnlySpan<double> grid, scoped ReadOnlySpan<double> values, double tolerance)
        where TF : IModeFunction, allows ref struct
    {
        int n = grid.Length;
        int candidates = 0;
        double bestTheta = grid[0], bestValue = double.NegativeInfinity;
        var bestStatus = EstimateStatus.AtLowerBound;
        double firstTheta = double.NaN;
        var firstStatus = EstimateStatus.Converged;

        void Consider(double theta, EstimateStatus status, ref TF f)
        {
            candidates++;
            if (candidates == 1)
            {
                // Defer the objective until a second candidate shows up: one candidate needs no comparison.
                firstTheta = theta;
                firstStatus = status;
                return;
            }

            if (candidates == 2)
            {
                bestValue = f.Objective(firstTheta);
                bestTheta = firstTheta;
                bestStatus = firstStatus;
            }

            double value = f.Objective(theta);
            if (value > bestValue)
            {
                bestValue = value;
                bestTheta = theta;
                bestStatus = status;
            }
        }

        if (values[0] < 0 || (values[0] == 0 && n > 1 && values[1] < 0)) Consider(grid[0], EstimateStatus.AtLowerBound, ref function);
        int k = 0;
        ref double head = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(values);
        if (Vector512.IsHardwareAccelerated)
        {
            // Eight cells at a time: most blocks hold no crossing; a block that does is refined cell by cell in
            // increasing order, so the candidates are met in the scalar scan's order.
            for (; k + Vector512<double>.Count + 1 <= n; k += Vector512<double>.Count)
            {
                var left = Vector512.LoadUnsafe(ref head, (nuint)k);
                var right = Vector512.LoadUnsafe(ref head, (nuint)(k + 1));
                ulong mask = (Vector512.GreaterThan(left, Vector512<double>.Zero) & Vector512.LessThanOrEqual(right, Vector512<double>.Zero)).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    int j = k + System.Numerics.BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    double root = function.HasDerivative
                        ? NewtonRoot(ref function, grid[j], grid[j + 1], values[j], values[j + 1], tolerance)
                        : BrentRootFinder.FindRoot(ref function, grid[j], grid[j + 1], values[j], values[j + 1], tolerance);
                    Consider(Math.Clamp(root, grid[j], grid[j + 1]), EstimateStatus.Converged, ref function);
                }
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; k + Vector256<double>.Count + 1 <= n; k += Vector256<double>.Count)
            {
                var left = Vector256.LoadUnsafe(ref head, (nuint)k);
                var right = Vector256.LoadUnsafe(ref head, (nuint)(k + 1));
                uint mask = (Vector256.GreaterThan(left, Vector256<double>.Zero) & Vector256.LessThanOrEqual(right, Vector256<double>.Zero)).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    int j = k + System.Numerics.BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    double root = function.HasDerivative
                        ? NewtonRoot(ref function, grid[j], grid[j + 1], values[j], values[j + 1], tolerance)
                        : BrentRootFinder.FindRoot(ref function, grid[j], grid[j + 1], values[j], values[j + 1], tolerance);
                    Consider(Math.Clamp(root, grid[j], grid[j + 1]), EstimateStatus.Converged, ref function);
                }
            }
        }

        for (; k + 1 < n; k++)
        {
            if (values[k] > 0 && values[k + 1] <= 0)
            {
                double root = function.HasDerivative
                    ? NewtonRoot(ref function, grid[k], grid[k + 1], values[k], values[k + 1], tolerance)
                    : BrentRootFinder.FindRoot(ref function, grid[k], grid[k + 1], values[k], values[k + 1], tolerance);
                Consider(Math.Clamp(root, grid[k], grid[k + 1]), EstimateStatus.Converged, ref function);
            }
        }

        if (values[n - 1] > 0) Consider(grid[n - 1], EstimateStatus.AtUpperBound, ref function);
        return candidates switch
        {
            0 => (grid[0], EstimateStatus.AtLowerBound), // f ≡ 0: a flat objective, every point a maximum
            1 => (firstTheta, firstStatus),
            _ => (bestTheta, bestStatus),
        };
    }

    /// <summary>
    /// The root of f in a + → − cell [lo, hi] by Newton's method kept inside the bracket (rtsafe): it starts at the
    /// secant point of the cell's grid values, shrinks the bracket with every evaluation, and bisects whenever a Newton
    /// step would leave it or f′ is not negative. It stops once a step is within <paramref name="tolerance"/>, or once two
    /// Newton steps show quadratic convergence whose next error, step³/previous², is below 1% of the tolerance. Two or three evaluations from a 0.05-wide cell where Brent's method needs eight to ten; the root is
    /// the one Brent converges to when the cell holds one root (always for 1PL/2PL), within the tolerance.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static double NewtonRoot<TF>(ref TF f, double lo, double hi, double flo, double fhi, double tolerance)
        where TF : IModeFunction, allows ref struct
    {
        if (flo == 0.0) return lo;
        if (fhi == 0.0) return hi;
        double x = lo + (hi - lo) * (flo / (flo - fhi));
        if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
        double previous = double.PositiveInfinity;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double fx = f.EvaluateWithDerivative(x, out double dfx);
            if (fx == 0.0) return x;
            if (fx > 0) lo = x;
            else hi = x;
            double next = x - fx / dfx;
            if (next == x) return x;
            bool newton = dfx < 0 && next > lo && next < hi;
            if (!newton) next = 0.5 * (lo + hi);
            double step = Math.Abs(next - x);
            // Converging quadratically (error ≈ C·step², C ≈ step/previous²), the next error is step³/previous².
            if (newton && (step <= tolerance || (double.IsFinite(previous) && step <= 0.1 * previous && step * step * step <= 0.01 * tolerance * previous * previous))) return next;
            if (hi - lo <= 4 * 2.220446049250313e-16 * Math.Abs(next) + 1e-300) return next;
            previous = newton ? step : double.PositiveInfinity;
            x = next;
        }

        return x;
    }
}

/// <summary>
/// One item's ML score dlogL/dθ added at every point of a scan grid, several points at a time. Both the batch ML
/// estimator and the ML workspace tabulate the score with this one kernel, item by item in answer order, so they see
/// the same grid values (the same candidate cells and bound decisions).
/// </summary>
internal static class GridScore
{
    /// <summary>
    /// Adds the score of (<paramref name="item"/>, <paramref name="category"/>) at each grid point to
    /// <paramref name="sums"/>: the vector kernel below for a 1–4PL item (category 1 = right), the polytomous kernel point
    /// by point for a GRM/GPCM/PCM item.
    /// </summary>
    public static void Add(Span<double> sums, ReadOnlySpan<double> grid, in ItemParameters item, int category, double scaling)
    {
        if (!item.IsPolytomous)
        {
            Add(sums, grid, item, category == 1, scaling);
            return;
        }

        for (int k = 0; k < grid.Length; k++) sums[k] += CategoryTerms.Score(item, grid[k], scaling, category);
    }

    /// <summary>Adds the score of a dichotomous (<paramref name="item"/>, <paramref name="correct"/>) at each grid point to <paramref name="sums"/>.</summary>
    // Fully optimized from the first call: a bank's table is filled with it (two rows per item) before tiering could promote it.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Add(Span<double> sums, ReadOnlySpan<double> grid, in ItemParameters item, bool correct, double scaling)
    {
        // With e = exp(−|z|): P = P̃/(1 + e), Q = Q̃/(1 + e), P′ = S/(1 + e)², S = D·a·(d − c)·e, so the score is
        // ±S/((1 + e)·P̃ or Q̃), P̃ and Q̃ from the nearer asymptotes (no cancellation), as the workspace computes it.
        double slope = scaling * item.A, b = item.B, c = item.C, d = item.D;
        int k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var limit = Vector512.Create(ResponseTerms.MaxExponent);
            var one = Vector512<double>.One;
            var vs = Vector512.Create(slope);
            var vb = Vector512.Create(b);
            var vc = Vector512.Create(c);
            var vd = Vector512.Create(d);
            for (; k + Vector512<double>.Count <= grid.Length; k += Vector512<double>.Count)
            {
                var theta = Vector512.Create(grid.Slice(k, Vector512<double>.Count));
                var z = Vector512.Min(Vector512.Max(vs * (theta - vb), -limit), limit);
                var e = VectorExp.Exp(-Vector512.Abs(z));
                var upper = Vector512.GreaterThanOrEqual(z, Vector512<double>.Zero);
                var near = Vector512.ConditionalSelect(upper, vd, vc);
                var far = Vector512.ConditionalSelect(upper, vc, vd);
                var numerator = vs * (vd - vc) * e;
                var denominator = correct ? near + far * e : (one - near) + (one - far) * e;
                var score = numerator / ((one + e) * denominator);
                var sum = Vector512.Create(sums.Slice(k, Vector512<double>.Count));
                (correct ? sum + score : sum - score).CopyTo(sums.Slice(k, Vector512<double>.Count));
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var limit = Vector256.Create(ResponseTerms.MaxExponent);
            var one = Vector256<double>.One;
            var vs = Vector256.Create(slope);
            var vb = Vector256.Create(b);
            var vc = Vector256.Create(c);
            var vd = Vector256.Create(d);
            for (; k + Vector256<double>.Count <= grid.Length; k += Vector256<double>.Count)
            {
                var theta = Vector256.Create(grid.Slice(k, Vector256<double>.Count));
                var z = Vector256.Min(Vector256.Max(vs * (theta - vb), -limit), limit);
                var e = VectorExp.Exp(-Vector256.Abs(z));
                var upper = Vector256.GreaterThanOrEqual(z, Vector256<double>.Zero);
                var near = Vector256.ConditionalSelect(upper, vd, vc);
                var far = Vector256.ConditionalSelect(upper, vc, vd);
                var numerator = vs * (vd - vc) * e;
                var denominator = correct ? near + far * e : (one - near) + (one - far) * e;
                var score = numerator / ((one + e) * denominator);
                var sum = Vector256.Create(sums.Slice(k, Vector256<double>.Count));
                (correct ? sum + score : sum - score).CopyTo(sums.Slice(k, Vector256<double>.Count));
            }
        }

        for (; k < grid.Length; k++)
        {
            double z = Math.Clamp(slope * (grid[k] - b), -ResponseTerms.MaxExponent, ResponseTerms.MaxExponent);
            double e = Math.Exp(-Math.Abs(z));
            double near = z >= 0 ? d : c, far = z >= 0 ? c : d;
            double numerator = slope * (d - c) * e;
            double score = numerator / ((1 + e) * (correct ? near + far * e : (1 - near) + (1 - far) * e));
            sums[k] += correct ? score : -score;
        }
    }
}
