using System.Runtime.CompilerServices;
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
        var zero = Vector256<double>.Zero;
        var at = Vector256.Create(theta);
        var sum = Vector256<double>.Zero;
        for (int k = 0; k < _graded; k += Lanes)
        {
            var slope = Vector256.LoadUnsafe(ref _gradedSlope[k]);
            var (_, smLower) = Logistic(Exponent(slope, at, _gradedLower, k));
            var (sUpper, _) = Logistic(Exponent(slope, at, _gradedUpper, k));
            // Padding lanes: slope 0 gives z = 0 (or 0·∞ = NaN, masked by the select below).
            sum += Vector256.ConditionalSelect(Vector256.Equals(slope, zero), zero, slope * (smLower - sUpper));
        }

        Span<Vector256<double>> weights = stackalloc Vector256<double>[Steps + 1];
        for (int k = 0; k < _credit; k += Lanes)
        {
            var slope = Vector256.LoadUnsafe(ref _creditSlope[k]);
            var (_, mean) = CreditWeights(slope, at, k, weights);
            var term = slope * (Vector256.LoadUnsafe(ref _creditCategory[k]) - mean);
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
            for (int j = 0; j < Steps; j++) (s[j + 1], sm[j + 1]) = Logistic(Exponent(slope, at, _gradedBoundaries[j], k));

            var total = zero;
            for (int j = 1; j <= Steps; j++) total += s[j] * sm[j] * (s[j - 1] - s[j + 1]);
            sum += Vector256.ConditionalSelect(Vector256.Equals(slope, zero), zero, slope * slope * total);
        }

        Span<Vector256<double>> weights = stackalloc Vector256<double>[Steps + 1];
        for (int k = 0; k < _credit; k += Lanes)
        {
            var slope = Vector256.LoadUnsafe(ref _creditSlope[k]);
            var (mass, mean) = CreditWeights(slope, at, k, weights);
            var second = zero;
            for (int j = 0; j <= Steps; j++)
            {
                var deviation = Vector256.Create((double)j) - mean;
                second += weights[j] * deviation * deviation;
            }

            sum += Vector256.ConditionalSelect(Vector256.Equals(slope, zero), zero, slope * slope * (second / mass));
        }

        return Vector256.Sum(sum);
    }

    /// <summary>z = slope·(θ − threshold), clamped to ±<see cref="ResponseTerms.MaxExponent"/>, for four answers from column <paramref name="k"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Exponent(Vector256<double> slope, Vector256<double> at, double[] thresholds, int k)
    {
        var limit = Vector256.Create(ResponseTerms.MaxExponent);
        return Vector256.Min(Vector256.Max(slope * (at - Vector256.LoadUnsafe(ref thresholds[k])), -limit), limit);
    }

    /// <summary>The logistic s = 1/(1 + e^{−z}) and its complement 1 − s, each from e^{−|z|} without cancellation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<double> S, Vector256<double> Complement) Logistic(Vector256<double> z)
    {
        var one = Vector256<double>.One;
        var e = Vector256.Exp(-Vector256.Abs(z));
        var upper = Vector256.GreaterThanOrEqual(z, Vector256<double>.Zero);
        return (Vector256.ConditionalSelect(upper, one, e) / (one + e), Vector256.ConditionalSelect(upper, e, one) / (one + e));
    }

    /// <summary>
    /// GPCM/PCM category weights e^{η_j − max} of four answers from column <paramref name="k"/> into
    /// <paramref name="weights"/> (η_j = Σ_{v≤j} slope·(θ − δ_v)), with their sum and the mean category E[X].
    /// Floored at e^{−500}, a normal double, so no lane ever computes a subnormal (slow) weight.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (Vector256<double> Mass, Vector256<double> Mean) CreditWeights(Vector256<double> slope, Vector256<double> at, int k, Span<Vector256<double>> weights)
    {
        var limit = Vector256.Create(ResponseTerms.MaxExponent);
        var max = Vector256<double>.Zero;
        weights[0] = Vector256<double>.Zero;
        for (int j = 0; j < Steps; j++)
        {
            weights[j + 1] = weights[j] + Exponent(slope, at, _creditSteps[j], k);
            max = Vector256.Max(max, weights[j + 1]);
        }

        var mass = Vector256<double>.Zero;
        var first = Vector256<double>.Zero;
        for (int j = 0; j <= Steps; j++)
        {
            weights[j] = Vector256.Exp(Vector256.Max(weights[j] - max, -limit));
            mass += weights[j];
            first += weights[j] * Vector256.Create((double)j);
        }

        return (mass, first / mass);
    }

    /// <summary>The scalar twin of <see cref="CreditWeights(Vector256{double}, Vector256{double}, int, Span{Vector256{double}})"/>, for machines without 256-bit vectors.</summary>
    private (double Mass, double Mean) CreditWeights(double slope, double theta, int k, Span<double> weights)
    {
        double max = 0;
        weights[0] = 0;
        for (int j = 0; j < Steps; j++)
        {
            weights[j + 1] = weights[j] + Clamp(slope * (theta - _creditSteps[j][k]));
            max = Math.Max(max, weights[j + 1]);
        }

        double mass = 0, first = 0;
        for (int j = 0; j <= Steps; j++)
        {
            weights[j] = Math.Exp(Math.Max(weights[j] - max, -ResponseTerms.MaxExponent));
            mass += weights[j];
            first += j * weights[j];
        }

        return (mass, first / mass);
    }

    private static double Clamp(double z) => Math.Clamp(z, -ResponseTerms.MaxExponent, ResponseTerms.MaxExponent);

    private double ScalarInformation(double theta)
    {
        double sum = 0;
        Span<double> s = stackalloc double[Steps + 2];
        for (int k = 0; k < _graded; k++)
        {
            double slope = _gradedSlope[k];
            s[0] = 1;
            s[Steps + 1] = 0;
            for (int j = 0; j < Steps; j++) s[j + 1] = 1.0 / (1.0 + Math.Exp(-Clamp(slope * (theta - _gradedBoundaries[j][k]))));
            double total = 0;
            for (int j = 1; j <= Steps; j++) total += s[j] * (1 - s[j]) * (s[j - 1] - s[j + 1]);
            sum += slope * slope * total;
        }

        Span<double> weights = stackalloc double[Steps + 1];
        for (int k = 0; k < _credit; k++)
        {
            double slope = _creditSlope[k];
            var (mass, mean) = CreditWeights(slope, theta, k, weights);
            double second = 0;
            for (int j = 0; j <= Steps; j++) second += weights[j] * (j - mean) * (j - mean);
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
            double smLower = double.IsNegativeInfinity(_gradedLower[k]) ? 0 : 1.0 / (1.0 + Math.Exp(Clamp(slope * (theta - _gradedLower[k]))));
            double sUpper = double.IsPositiveInfinity(_gradedUpper[k]) ? 0 : 1.0 / (1.0 + Math.Exp(-Clamp(slope * (theta - _gradedUpper[k]))));
            sum += slope * (smLower - sUpper);
        }

        Span<double> weights = stackalloc double[Steps + 1];
        for (int k = 0; k < _credit; k++)
        {
            double slope = _creditSlope[k];
            sum += slope * (_creditCategory[k] - CreditWeights(slope, theta, k, weights).Mean);
        }

        return sum;
    }
}
