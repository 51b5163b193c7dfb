using System.Runtime.Intrinsics;
using EmrCat.Internal;
using EmrCat.Irt;

namespace EmrCat.Estimation;

/// <summary>
/// <see cref="MaximumLikelihoodEstimator"/> for a pattern that grows one answer at a time (a session's scored items):
/// the same bounded root of Σ dlogL/dθ, found by the same Brent iteration from the same bracket, with SE = 1/√I(θ̂).
/// What differs is only how the sums are evaluated: the items live in reusable columns, the score at the two ends of the
/// range is a running sum updated as answers arrive (in the same order and arithmetic as the estimator, so the
/// bound decisions are identical), and inside the range the score and information are summed four items at a time with
/// <see cref="Vector256"/> (vector exp, so the last bits can differ from the scalar kernel; the tests hold the estimate
/// within 1e-8 of the estimator's). Nothing is allocated after construction.
/// </summary>
internal sealed class MaximumLikelihoodWorkspace
{
    private static readonly int Lanes = Vector256<double>.Count;
    private readonly MaximumLikelihoodOptions _options;
    private readonly double _scaling;
    private readonly double[] _slope;
    private readonly double[] _b;
    private readonly double[] _c;
    private readonly double[] _d;
    private readonly double[] _correct;
    private int _count;
    private double _scoreAtLower;
    private double _scoreAtUpper;

    /// <summary>Creates a workspace for up to <paramref name="capacity"/> answers.</summary>
    /// <param name="options">The estimator's options.</param>
    /// <param name="capacity">Most answers the pattern will hold.</param>
    public MaximumLikelihoodWorkspace(MaximumLikelihoodOptions options, int capacity)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _options = options;
        _scaling = options.Metric.ScalingConstant;
        int padded = (capacity + Lanes - 1) / Lanes * Lanes;
        _slope = new double[padded];
        _b = new double[padded];
        _c = new double[padded];
        _d = new double[padded];
        _correct = new double[padded];
        Capacity = capacity;
        Clear();
    }

    /// <summary>Most answers the workspace holds.</summary>
    public int Capacity { get; }

    /// <summary>Answers held.</summary>
    public int Count => _count;

    /// <summary>Forgets every answer.</summary>
    public void Clear()
    {
        // Unused slots hold a flat item (c = d, so P′ = 0): it adds exactly 0 to the score and the information.
        Array.Fill(_slope, 1.0);
        Array.Clear(_b);
        Array.Fill(_c, 0.5);
        Array.Fill(_d, 0.5);
        Array.Clear(_correct);
        _count = 0;
        _scoreAtLower = 0;
        _scoreAtUpper = 0;
    }

    /// <summary>Adds one scored answer.</summary>
    /// <param name="item">The item.</param>
    /// <param name="correct">Whether the answer was right.</param>
    /// <exception cref="InvalidOperationException">The workspace is full.</exception>
    public void Add(in ItemParameters item, bool correct)
    {
        if (_count == Capacity) throw new InvalidOperationException($"The workspace holds at most {Capacity} answers.");
        int k = _count++;
        _slope[k] = _scaling * item.A;
        _b[k] = item.B;
        _c[k] = item.C;
        _d[k] = item.D;
        _correct[k] = correct ? 1.0 : 0.0;
        _scoreAtLower += ResponseTerms.At(item, _options.Range.Lower, _scaling).Score(correct);
        _scoreAtUpper += ResponseTerms.At(item, _options.Range.Upper, _scaling).Score(correct);
    }

    /// <summary>The bounded ML estimate of the answers held (see <see cref="MaximumLikelihoodEstimator"/>).</summary>
    /// <returns>The estimate; never NaN.</returns>
    public AbilityEstimate Estimate()
    {
        var range = _options.Range;
        if (_count == 0) return new AbilityEstimate(range.Clamp(_options.EmptyPatternTheta), double.PositiveInfinity, EstimateStatus.NoFiniteEstimate);

        double theta;
        EstimateStatus status;
        if (_scoreAtLower < 0 && _scoreAtUpper < 0)
        {
            (theta, status) = (range.Lower, EstimateStatus.AtLowerBound);
        }
        else if (_scoreAtLower > 0 && _scoreAtUpper > 0)
        {
            (theta, status) = (range.Upper, EstimateStatus.AtUpperBound);
        }
        else
        {
            var score = new ScoreFunction(this);
            theta = range.Clamp(BrentRootFinder.FindRoot(ref score, range.Lower, range.Upper, _scoreAtLower, _scoreAtUpper, _options.Tolerance));
            status = EstimateStatus.Converged;
        }

        return new AbilityEstimate(theta, TestInformation.StandardError(Information(theta)), status);
    }

    /// <summary>Σ dlogL/dθ at θ.</summary>
    /// <param name="theta">Ability.</param>
    /// <returns>The score.</returns>
    public double Score(double theta)
    {
        if (!Vector256.IsHardwareAccelerated) return ScalarSum(theta, information: false);
        var sum = Vector256<double>.Zero;
        var at = Vector256.Create(theta);
        var one = Vector256<double>.One;
        for (int k = 0; k < _count; k += Lanes)
        {
            var t = Terms.At(this, k, at);
            var right = Vector256.Equals(Vector256.LoadUnsafe(ref _correct[k]), one);
            sum += Vector256.ConditionalSelect(right, t.DP, -t.DP) / Vector256.ConditionalSelect(right, t.P, t.Q);
        }

        return Vector256.Sum(sum);
    }

    /// <summary>Test information Σ P′²/(PQ) at θ.</summary>
    /// <param name="theta">Ability.</param>
    /// <returns>The information.</returns>
    public double Information(double theta)
    {
        if (!Vector256.IsHardwareAccelerated) return ScalarSum(theta, information: true);
        var sum = Vector256<double>.Zero;
        var at = Vector256.Create(theta);
        for (int k = 0; k < _count; k += Lanes)
        {
            var t = Terms.At(this, k, at);
            sum += t.DP * (t.DP / (t.P * t.Q));
        }

        return Vector256.Sum(sum);
    }

    private double ScalarSum(double theta, bool information)
    {
        double sum = 0;
        for (int k = 0; k < _count; k++)
        {
            var t = ResponseTerms.At(_slope[k], _b[k], _c[k], _d[k], theta, 1.0);
            sum += information ? t.Information : t.Score(_correct[k] != 0);
        }

        return sum;
    }

    /// <summary>P, Q and P′ of four items, computed as <see cref="ResponseTerms"/> does (clamped exponent, each of P and Q from its nearer asymptote).</summary>
    private readonly struct Terms
    {
        private static readonly Vector256<double> Limit = Vector256.Create(ResponseTerms.MaxExponent);

        public readonly Vector256<double> P;
        public readonly Vector256<double> Q;
        public readonly Vector256<double> DP;

        private Terms(Vector256<double> p, Vector256<double> q, Vector256<double> dp)
        {
            P = p;
            Q = q;
            DP = dp;
        }

        public static Terms At(MaximumLikelihoodWorkspace w, int k, Vector256<double> theta)
        {
            var one = Vector256<double>.One;
            var slope = Vector256.LoadUnsafe(ref w._slope[k]);
            var c = Vector256.LoadUnsafe(ref w._c[k]);
            var d = Vector256.LoadUnsafe(ref w._d[k]);
            var z = Vector256.Min(Vector256.Max(slope * (theta - Vector256.LoadUnsafe(ref w._b[k])), -Limit), Limit);
            var e = Vector256.Exp(-Vector256.Abs(z));
            var inv = one / (one + e);
            var eInv = e * inv;
            var upper = Vector256.GreaterThanOrEqual(z, Vector256<double>.Zero);
            var s = Vector256.ConditionalSelect(upper, inv, eInv);
            var sm = Vector256.ConditionalSelect(upper, eInv, inv);
            var range = d - c;
            var p = Vector256.ConditionalSelect(upper, d - range * sm, c + range * s);
            var q = Vector256.ConditionalSelect(upper, (one - d) + range * sm, (one - c) - range * s);
            return new Terms(p, q, slope * range * (s * sm));
        }
    }

    /// <summary>The score as a Brent target, by reference: no boxing, no allocation.</summary>
    private readonly struct ScoreFunction(MaximumLikelihoodWorkspace workspace) : IScalarFunction
    {
        public double Evaluate(double x) => workspace.Score(x);
    }
}
