using System.Runtime.Intrinsics;
using EmrCat.Irt;

namespace EmrCat.Estimation;

/// <summary>
/// The polytomous answers of a growing pattern as columns, so the ML score Σ d log P_x/dθ (and the information) over them is summed four
/// answers at a time with <see cref="Vector256"/> arithmetic, as the dichotomous columns of
/// <see cref="MaximumLikelihoodWorkspace"/> are. A GRM answer's score needs only the two boundaries around its
/// category, D·a·(s̄_x − s_{x+1}) (two exps); a GPCM/PCM answer's is D·a·(x − E[X]) over all six category slots
/// (missing steps are +∞, so their categories get weight e^{−500·k} ≈ 0). Padding lanes have slope 0 and add exactly 0.
/// The same values as <see cref="CategoryTerms.Score"/> up to the last bits (vector exp). Nothing is allocated after
/// construction.
/// </summary>
internal sealed class PolytomousScoreColumns
{
    private const int Steps = ItemParameters.MaxCategories - 1;
    private static readonly int Lanes = Vector256<double>.Count;
    private readonly double _scaling;
    private readonly double[] _gradedSlope;
    private readonly double[] _gradedLower;
    private readonly double[] _gradedUpper;
    private readonly double[][] _gradedBoundaries;
    private readonly double[] _creditSlope;
    private readonly double[] _creditCategory;
    private readonly double[][] _creditSteps;
    private int _graded;
    private int _credit;

    public PolytomousScoreColumns(double scaling, int capacity)
    {
        _scaling = scaling;
        int padded = (capacity + Lanes - 1) / Lanes * Lanes;
        _gradedSlope = new double[padded];
        _gradedLower = new double[padded];
        _gradedUpper = new double[padded];
        _creditSlope = new double[padded];
        _creditCategory = new double[padded];
        _creditSteps = new double[Steps][];
        _gradedBoundaries = new double[Steps][];
        for (int j = 0; j < Steps; j++)
        {
            _creditSteps[j] = new double[padded];
            _gradedBoundaries[j] = new double[padded];
        }
    }

    /// <summary>Forgets every answer (padding: slope 0, thresholds 0).</summary>
    public void Clear()
    {
        Array.Clear(_gradedSlope);
        Array.Clear(_gradedLower);
        Array.Clear(_gradedUpper);
        Array.Clear(_creditSlope);
        Array.Clear(_creditCategory);
        foreach (var steps in _creditSteps) Array.Clear(steps);
        foreach (var boundaries in _gradedBoundaries) Array.Clear(boundaries);
        _graded = _credit = 0;
    }

    /// <summary>Adds one polytomous answer.</summary>
    public void Add(in ItemParameters item, int category)
    {
        double slope = _scaling * item.A;
        int k = item.Categories;
        if (item.Model == IrtModel.GradedResponse)
        {
            int g = _graded++;
            _gradedSlope[g] = slope;
            _gradedLower[g] = category > 0 ? item.Threshold(category) : double.NegativeInfinity;
            _gradedUpper[g] = category < k - 1 ? item.Threshold(category + 1) : double.PositiveInfinity;
            for (int j = 0; j < Steps; j++) _gradedBoundaries[j][g] = j + 1 < k ? item.Threshold(j + 1) : double.PositiveInfinity;
            return;
        }

        int c = _credit++;
        _creditSlope[c] = slope;
        _creditCategory[c] = category;
        for (int j = 0; j < Steps; j++) _creditSteps[j][c] = j + 1 < k ? item.Threshold(j + 1) : double.PositiveInfinity;
    }

    /// <summary>Σ d log P_x/dθ over the answers held.</summary>
    public double Score(double theta)
    {
        if (!Vector256.IsHardwareAccelerated) return ScalarScore(theta);
        var limit = Vector256.Create(ResponseTerms.MaxExponent);
        var one = Vector256<double>.One;
        var zero = Vector256<double>.Zero;
        var at = Vector256.Create(theta);
        var sum = Vector256<double>.Zero;
        for (int k = 0; k < _graded; k += Lanes)
        {
            var slope = Vector256.LoadUnsafe(ref _gradedSlope[k]);
            var zl = Vector256.Min(Vector256.Max(slope * (at - Vector256.LoadUnsafe(ref _gradedLower[k])), -limit), limit);
            var zu = Vector256.Min(Vector256.Max(slope * (at - Vector256.LoadUnsafe(ref _gradedUpper[k])), -limit), limit);
            var el = Vector256.Exp(-Vector256.Abs(zl));
            var eu = Vector256.Exp(-Vector256.Abs(zu));
            var smLower = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(zl, zero), el, one) / (one + el);
            var sUpper = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(zu, zero), one, eu) / (one + eu);
            // Padding lanes: slope 0 gives z = 0 (or 0·∞ = NaN, masked by the select below).
            sum += Vector256.ConditionalSelect(Vector256.Equals(slope, zero), zero, slope * (smLower - sUpper));
        }

        Span<Vector256<double>> eta = stackalloc Vector256<double>[Steps + 1];
        for (int k = 0; k < _credit; k += Lanes)
        {
            var slope = Vector256.LoadUnsafe(ref _creditSlope[k]);
            eta[0] = zero;
            var max = zero;
            for (int j = 0; j < Steps; j++)
            {
                var step = Vector256.Min(Vector256.Max(slope * (at - Vector256.LoadUnsafe(ref _creditSteps[j][k])), -limit), limit);
                eta[j + 1] = eta[j] + step;
                max = Vector256.Max(max, eta[j + 1]);
            }

            var total = zero;
            var first = zero;
            for (int j = 0; j <= Steps; j++)
            {
                // Floor at −500: e^{−500} is a normal double, so no lane ever computes a subnormal (slow) weight.
                var w = Vector256.Exp(Vector256.Max(eta[j] - max, -limit));
                total += w;
                first += w * Vector256.Create((double)j);
            }

            var term = slope * (Vector256.LoadUnsafe(ref _creditCategory[k]) - first / total);
            sum += Vector256.ConditionalSelect(Vector256.Equals(slope, zero), zero, term);
        }

        return Vector256.Sum(sum);
    }

    /// <summary>
    /// Σ of the items' Fisher information at θ: for GRM (D·a)²·Σ_j s_j·s̄_j·(s_{j−1} − s_{j+1}) over the boundaries
    /// (= Σ_c P_c·u_c², with s_0 = 1 and s = 0 past the last boundary), for GPCM/PCM (D·a)²·Var[X].
    /// </summary>
    public double Information(double theta)
    {
        if (!Vector256.IsHardwareAccelerated) return ScalarInformation(theta);
        var limit = Vector256.Create(ResponseTerms.MaxExponent);
        var one = Vector256<double>.One;
        var zero = Vector256<double>.Zero;
        var at = Vector256.Create(theta);
        var sum = Vector256<double>.Zero;
        Span<Vector256<double>> s = stackalloc Vector256<double>[Steps + 2];
        Span<Vector256<double>> sm = stackalloc Vector256<double>[Steps + 2];
        for (int k = 0; k < _graded; k += Lanes)
        {
            var slope = Vector256.LoadUnsafe(ref _gradedSlope[k]);
            s[0] = one;
            sm[0] = zero;
            s[Steps + 1] = zero;
            sm[Steps + 1] = one;
            for (int j = 0; j < Steps; j++)
            {
                var z = Vector256.Min(Vector256.Max(slope * (at - Vector256.LoadUnsafe(ref _gradedBoundaries[j][k])), -limit), limit);
                var e = Vector256.Exp(-Vector256.Abs(z));
                var upper = Vector256.GreaterThanOrEqual(z, zero);
                s[j + 1] = Vector256.ConditionalSelect(upper, one, e) / (one + e);
                sm[j + 1] = Vector256.ConditionalSelect(upper, e, one) / (one + e);
            }

            var total = zero;
            for (int j = 1; j <= Steps; j++) total += s[j] * sm[j] * (s[j - 1] - s[j + 1]);
            sum += Vector256.ConditionalSelect(Vector256.Equals(slope, zero), zero, slope * slope * total);
        }

        Span<Vector256<double>> eta = stackalloc Vector256<double>[Steps + 1];
        for (int k = 0; k < _credit; k += Lanes)
        {
            var slope = Vector256.LoadUnsafe(ref _creditSlope[k]);
            eta[0] = zero;
            var max = zero;
            for (int j = 0; j < Steps; j++)
            {
                var step = Vector256.Min(Vector256.Max(slope * (at - Vector256.LoadUnsafe(ref _creditSteps[j][k])), -limit), limit);
                eta[j + 1] = eta[j] + step;
                max = Vector256.Max(max, eta[j + 1]);
            }

            var mass = zero;
            var first = zero;
            for (int j = 0; j <= Steps; j++)
            {
                eta[j] = Vector256.Exp(Vector256.Max(eta[j] - max, -limit));
                mass += eta[j];
                first += eta[j] * Vector256.Create((double)j);
            }

            var mean = first / mass;
            var second = zero;
            for (int j = 0; j <= Steps; j++)
            {
                var deviation = Vector256.Create((double)j) - mean;
                second += eta[j] * deviation * deviation;
            }

            sum += Vector256.ConditionalSelect(Vector256.Equals(slope, zero), zero, slope * slope * (second / mass));
        }

        return Vector256.Sum(sum);
    }

    private double ScalarInformation(double theta)
    {
        double sum = 0;
        Span<double> s = stackalloc double[Steps + 2];
        for (int k = 0; k < _graded; k++)
        {
            double slope = _gradedSlope[k];
            s[0] = 1;
            s[Steps + 1] = 0;
            for (int j = 0; j < Steps; j++)
            {
                double z = Math.Clamp(slope * (theta - _gradedBoundaries[j][k]), -ResponseTerms.MaxExponent, ResponseTerms.MaxExponent);
                s[j + 1] = 1.0 / (1.0 + Math.Exp(-z));
            }

            double total = 0;
            for (int j = 1; j <= Steps; j++) total += s[j] * (1 - s[j]) * (s[j - 1] - s[j + 1]);
            sum += slope * slope * total;
        }

        Span<double> eta = stackalloc double[Steps + 1];
        for (int k = 0; k < _credit; k++)
        {
            double slope = _creditSlope[k], max = 0;
            eta[0] = 0;
            for (int j = 0; j < Steps; j++)
            {
                eta[j + 1] = eta[j] + Math.Clamp(slope * (theta - _creditSteps[j][k]), -ResponseTerms.MaxExponent, ResponseTerms.MaxExponent);
                max = Math.Max(max, eta[j + 1]);
            }

            double mass = 0, first = 0;
            for (int j = 0; j <= Steps; j++)
            {
                eta[j] = Math.Exp(Math.Max(eta[j] - max, -ResponseTerms.MaxExponent));
                mass += eta[j];
                first += j * eta[j];
            }

            double mean = first / mass, second = 0;
            for (int j = 0; j <= Steps; j++) second += eta[j] * (j - mean) * (j - mean);
            sum += slope * slope * second / mass;
        }

        return sum;
    }

    private double ScalarScore(double theta)
    {
        double sum = 0;
        for (int k = 0; k < _graded; k++)
        {
            double slope = _gradedSlope[k];
            double smLower = double.IsNegativeInfinity(_gradedLower[k]) ? 0 : 1.0 / (1.0 + Math.Exp(Math.Clamp(slope * (theta - _gradedLower[k]), -ResponseTerms.MaxExponent, ResponseTerms.MaxExponent)));
            double sUpper = double.IsPositiveInfinity(_gradedUpper[k]) ? 0 : 1.0 / (1.0 + Math.Exp(-Math.Clamp(slope * (theta - _gradedUpper[k]), -ResponseTerms.MaxExponent, ResponseTerms.MaxExponent)));
            sum += slope * (smLower - sUpper);
        }

        Span<double> eta = stackalloc double[Steps + 1];
        for (int k = 0; k < _credit; k++)
        {
            double slope = _creditSlope[k], max = 0;
            eta[0] = 0;
            for (int j = 0; j < Steps; j++)
            {
                eta[j + 1] = eta[j] + Math.Clamp(slope * (theta - _creditSteps[j][k]), -ResponseTerms.MaxExponent, ResponseTerms.MaxExponent);
                max = Math.Max(max, eta[j + 1]);
            }

            double total = 0, first = 0;
            for (int j = 0; j <= Steps; j++)
            {
                double w = Math.Exp(Math.Max(eta[j] - max, -ResponseTerms.MaxExponent));
                total += w;
                first += j * w;
            }

            sum += slope * (_creditCategory[k] - first / total);
        }

        return sum;
    }
}
