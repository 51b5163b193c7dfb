using System.Runtime.Intrinsics;
using EmrCat.Internal;
using EmrCat.Irt;

namespace EmrCat.Estimation;

/// <summary>
/// <see cref="MaximumLikelihoodEstimator"/> for a pattern that grows one answer at a time (a session's scored items):
/// the same highest maximum of the likelihood on the range (<see cref="HighestMode"/>), with SE = 1/√I(θ̂). The score
/// on the scan grid is a running sum updated in O(grid) as each answer arrives (in the estimator's order and scalar
/// arithmetic, so the candidate cells and bound decisions are identical; with a bank, each answer adds its item's row
/// tabulated once per bank by that kernel); only the Newton refinement inside a crossing cell sums the score and its
/// derivative eight (or four) items at a time with <see cref="Vector512"/> (or <see cref="Vector256"/>) arithmetic and
/// one division per item (vector exp and a rearranged quotient, so the last bits can differ from the scalar kernel; the
/// tests hold the estimate within 1e-10 of the estimator's). Nothing is allocated after construction.
/// </summary>
internal sealed class MaximumLikelihoodWorkspace : IEstimatorState
{
    /// <summary>Columns are padded to whole 512-bit vectors, whichever width runs.</summary>
    private static readonly int Lanes = Vector512<double>.Count;
    private readonly MaximumLikelihoodOptions _options;
    private readonly double _scaling;
    private readonly double[] _slope;
    private readonly double[] _b;
    private readonly double[] _c;
    private readonly double[] _d;
    private readonly double[] _correct;
    private readonly double[] _grid;
    private readonly double[] _gridScore;
    private readonly ItemParameters[] _polytomous;
    private readonly int[] _polytomousCategory;
    private int _count;
    private int _polytomousCount;
    private readonly PolytomousScoreColumns _polytomousScore;
    private readonly ItemGridTable? _table;

    /// <summary>Creates a workspace for up to <paramref name="capacity"/> answers.</summary>
    /// <param name="options">The estimator's options.</param>
    /// <param name="capacity">Most answers the pattern will hold.</param>
    /// <param name="bankItems">The parameters of the bank the answers come from, by bank index, whose score rows are tabulated once (null: none).</param>
    public MaximumLikelihoodWorkspace(MaximumLikelihoodOptions options, int capacity, ItemParameters[]? bankItems = null)
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
        _grid = ThetaGrids.For(options.Range);
        _gridScore = new double[_grid.Length];
        _polytomous = new ItemParameters[capacity];
        _polytomousCategory = new int[capacity];
        _polytomousScore = new PolytomousScoreColumns(_scaling, capacity);
        _table = bankItems is null ? null : ItemGridTable.For(bankItems, new GridTableKey(GridTableKind.MaximumLikelihoodScore, options.Range.Lower, options.Range.Upper, _grid.Length, _scaling), _grid);
        Capacity = capacity;
        Clear();
    }

    /// <summary>Most answers the workspace holds.</summary>
    public int Capacity { get; }

    /// <summary>Answers held.</summary>
    public int Count => _count + _polytomousCount;

    /// <summary>Forgets every answer.</summary>
    public void Clear()
    {
        // Unused slots hold a flat item (c = d, so P′ = 0): it adds exactly 0 to the score and the information.
        Array.Fill(_slope, 1.0);
        Array.Clear(_b);
        Array.Fill(_c, 0.5);
        Array.Fill(_d, 0.5);
        Array.Clear(_correct);
        Array.Clear(_gridScore);
        _count = 0;
        _polytomousCount = 0;
        _polytomousScore.Clear();
    }

    /// <summary>Adds one scored right/wrong answer to a dichotomous item.</summary>
    /// <param name="item">The item.</param>
    /// <param name="correct">Whether the answer was right.</param>
    /// <exception cref="InvalidOperationException">The workspace is full.</exception>
    public void Add(in ItemParameters item, bool correct) => Add(item, correct ? 1 : 0);

    /// <summary>
    /// Adds one scored answer. A 1–4PL item joins the vector columns; a GRM/GPCM/PCM item is kept aside with its
    /// category and summed by the polytomous kernel (few per session, so the vector path stays the dichotomous one).
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="category">1 right or 0 wrong for a dichotomous item; 0..K−1 for a polytomous one.</param>
    /// <param name="bankIndex">The item's index in the workspace's bank (its tabulated score rows), or -1.</param>
    /// <exception cref="InvalidOperationException">The workspace is full.</exception>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Add(in ItemParameters item, int category, int bankIndex = -1)
    {
        if (_count + _polytomousCount == Capacity) throw new InvalidOperationException($"The workspace holds at most {Capacity} answers.");
        if (item.IsPolytomous)
        {
            _polytomous[_polytomousCount] = item;
            _polytomousCategory[_polytomousCount++] = category;
            _polytomousScore.Add(item, category);
        }
        else
        {
            int k = _count++;
            _slope[k] = _scaling * item.A;
            _b[k] = item.B;
            _c[k] = item.C;
            _d[k] = item.D;
            _correct[k] = category == 1 ? 1.0 : 0.0;
        }

        // The score on the scan grid, summed in answer order with the estimator's grid kernel, so the crossings (and
        // bound decisions) are exactly those the estimator finds.
        // A tabulated row holds exactly the values the kernel would add.
        if (_table is not null && _table.TryGetRow(bankIndex, category == 1, out var row)) AddRow(_gridScore, row);
        else GridScore.Add(_gridScore, _grid, item, category, _scaling);
    }

    /// <summary>
    /// sums[k] += row[k], a whole vector at a time: the same IEEE additions as a scalar loop, in this method's own
    /// optimized code (TensorPrimitives' generic kernel started at tier 0 and was a tenth of a W1 run).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void AddRow(double[] sums, ReadOnlySpan<double> row)
    {
        int n = Math.Min(sums.Length, row.Length), k = 0;
        ref double sum = ref sums[0];
        ref double add = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(row);
        if (Vector512.IsHardwareAccelerated)
        {
            for (; k + Vector512<double>.Count <= n; k += Vector512<double>.Count)
            {
                (Vector512.LoadUnsafe(ref sum, (nuint)k) + Vector512.LoadUnsafe(ref add, (nuint)k)).StoreUnsafe(ref sum, (nuint)k);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; k + Vector256<double>.Count <= n; k += Vector256<double>.Count)
            {
                (Vector256.LoadUnsafe(ref sum, (nuint)k) + Vector256.LoadUnsafe(ref add, (nuint)k)).StoreUnsafe(ref sum, (nuint)k);
            }
        }

        for (; k < n; k++) System.Runtime.CompilerServices.Unsafe.Add(ref sum, k) += System.Runtime.CompilerServices.Unsafe.Add(ref add, k);
    }

    /// <summary>The bounded ML estimate of the answers held (see <see cref="MaximumLikelihoodEstimator"/>).</summary>
    /// <returns>The estimate; never NaN.</returns>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public AbilityEstimate Estimate()
    {
        var range = _options.Range;
        if (Count == 0) return new AbilityEstimate(range.Clamp(_options.EmptyPatternTheta), double.PositiveInfinity, EstimateStatus.NoFiniteEstimate);

        var function = new ScoreFunction(this);
        var (theta, status) = HighestMode.Find(ref function, _grid, _gridScore, _options.Tolerance);
        return new AbilityEstimate(theta, TestInformation.StandardError(Information(theta)), status);
    }

    /// <summary>Σ dlogL/dθ at θ.</summary>
    /// <param name="theta">Ability.</param>
    /// <returns>The score.</returns>
    public double Score(double theta) => _polytomousCount == 0 ? DichotomousScore(theta) : DichotomousScore(theta) + _polytomousScore.Score(theta);

    /// <summary>Test information Σ P′²/(PQ) (plus Σ P_k′²/P_k over polytomous items) at θ.</summary>
    /// <param name="theta">Ability.</param>
    /// <returns>The information.</returns>
    public double Information(double theta) => _polytomousCount == 0 ? DichotomousInformation(theta) : DichotomousInformation(theta) + _polytomousScore.Information(theta);

    private enum Term
    {
        LogLikelihood,
    }

    /// <summary>The polytomous answers' share of the score, information or log-likelihood (scalar kernel).</summary>
    private double PolytomousSum(double theta, Term term)
    {
        double sum = 0;
        for (int k = 0; k < _polytomousCount; k++)
        {
            sum += term switch
            {
                _ => CategoryTerms.LogProbability(_polytomous[k], theta, _scaling, _polytomousCategory[k]),
            };
        }

        return sum;
    }

    private double DichotomousScore(double theta)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var sum = Vector512<double>.Zero;
            var at = Vector512.Create(theta);
            for (int k = 0; k < _count; k += Vector512<double>.Count)
            {
                var t = Terms512.At(this, k, at);
                var right = Vector512.Equals(Vector512.LoadUnsafe(ref _correct[k]), Vector512<double>.One);
                sum += Vector512.ConditionalSelect(right, t.Numerator, -t.Numerator) / (t.OnePlusE * Vector512.ConditionalSelect(right, t.P, t.Q));
            }

            return Vector512.Sum(sum);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var sum = Vector256<double>.Zero;
            var at = Vector256.Create(theta);
            for (int k = 0; k < _count; k += Vector256<double>.Count)
            {
                var t = Terms256.At(this, k, at);
                var right = Vector256.Equals(Vector256.LoadUnsafe(ref _correct[k]), Vector256<double>.One);
                sum += Vector256.ConditionalSelect(right, t.Numerator, -t.Numerator) / (t.OnePlusE * Vector256.ConditionalSelect(right, t.P, t.Q));
            }

            return Vector256.Sum(sum);
        }

        return ScalarSum(theta, information: false);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private double DichotomousInformation(double theta)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var sum = Vector512<double>.Zero;
            var at = Vector512.Create(theta);
            for (int k = 0; k < _count; k += Vector512<double>.Count)
            {
                var t = Terms512.At(this, k, at);
                sum += t.Numerator * t.Numerator / (t.OnePlusE * t.OnePlusE * t.P * t.Q);
            }

            return Vector512.Sum(sum);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var sum = Vector256<double>.Zero;
            var at = Vector256.Create(theta);
            for (int k = 0; k < _count; k += Vector256<double>.Count)
            {
                var t = Terms256.At(this, k, at);
                sum += t.Numerator * t.Numerator / (t.OnePlusE * t.OnePlusE * t.P * t.Q);
            }

            return Vector256.Sum(sum);
        }

        return ScalarSum(theta, information: true);
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

    /// <summary>
    /// With e = exp(−|z|), z = D·a·(θ − b) clamped as <see cref="ResponseTerms"/> clamps it, every term has one
    /// denominator: P = P̃/(1 + e), Q = Q̃/(1 + e) with P̃, Q̃ taken from the nearer asymptotes (z ≥ 0: P̃ = d + c·e,
    /// Q̃ = (1 − d) + (1 − c)·e; z &lt; 0: P̃ = c + d·e, Q̃ = (1 − c) + (1 − d)·e, sums of non-negative terms, so no
    /// cancellation), and P′ = S/(1 + e)² with S = D·a·(d − c)·e. Hence dlogL/dθ = ±S/((1 + e)·P̃ or Q̃) and
    /// I = S²/((1 + e)²·P̃·Q̃): one division per item.
    /// </summary>
    private readonly struct Terms512
    {
        private static readonly Vector512<double> Limit = Vector512.Create(ResponseTerms.MaxExponent);

        public readonly Vector512<double> Numerator;
        public readonly Vector512<double> OnePlusE;
        public readonly Vector512<double> P;
        public readonly Vector512<double> Q;

        private Terms512(Vector512<double> numerator, Vector512<double> onePlusE, Vector512<double> p, Vector512<double> q)
        {
            Numerator = numerator;
            OnePlusE = onePlusE;
            P = p;
            Q = q;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static Terms512 At(MaximumLikelihoodWorkspace w, int k, Vector512<double> theta)
        {
            var one = Vector512<double>.One;
            var slope = Vector512.LoadUnsafe(ref w._slope[k]);
            var c = Vector512.LoadUnsafe(ref w._c[k]);
            var d = Vector512.LoadUnsafe(ref w._d[k]);
            var z = Vector512.Min(Vector512.Max(slope * (theta - Vector512.LoadUnsafe(ref w._b[k])), -Limit), Limit);
            var e = VectorExp.Exp(-Vector512.Abs(z));
            var upper = Vector512.GreaterThanOrEqual(z, Vector512<double>.Zero);
            var near = Vector512.ConditionalSelect(upper, d, c);
            var far = Vector512.ConditionalSelect(upper, c, d);
            return new Terms512(slope * (d - c) * e, one + e, near + far * e, (one - near) + (one - far) * e);
        }
    }

    /// <summary>The same terms as <see cref="Terms512"/>, four items at a time.</summary>
    private readonly struct Terms256
    {
        private static readonly Vector256<double> Limit = Vector256.Create(ResponseTerms.MaxExponent);

        public readonly Vector256<double> Numerator;
        public readonly Vector256<double> OnePlusE;
        public readonly Vector256<double> P;
        public readonly Vector256<double> Q;

        private Terms256(Vector256<double> numerator, Vector256<double> onePlusE, Vector256<double> p, Vector256<double> q)
        {
            Numerator = numerator;
            OnePlusE = onePlusE;
            P = p;
            Q = q;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static Terms256 At(MaximumLikelihoodWorkspace w, int k, Vector256<double> theta)
        {
            var one = Vector256<double>.One;
            var slope = Vector256.LoadUnsafe(ref w._slope[k]);
            var c = Vector256.LoadUnsafe(ref w._c[k]);
            var d = Vector256.LoadUnsafe(ref w._d[k]);
            var z = Vector256.Min(Vector256.Max(slope * (theta - Vector256.LoadUnsafe(ref w._b[k])), -Limit), Limit);
            var e = VectorExp.Exp(-Vector256.Abs(z));
            var upper = Vector256.GreaterThanOrEqual(z, Vector256<double>.Zero);
            var near = Vector256.ConditionalSelect(upper, d, c);
            var far = Vector256.ConditionalSelect(upper, c, d);
            return new Terms256(slope * (d - c) * e, one + e, near + far * e, (one - near) + (one - far) * e);
        }
    }

    /// <summary>Σ log P (right) or log Q (wrong), plus log P_x of polytomous answers, at θ, to compare maxima when there are several.</summary>
    /// <param name="theta">Ability.</param>
    /// <returns>The log-likelihood.</returns>
    public double LogLikelihood(double theta)
    {
        double sum = 0;
        for (int k = 0; k < _count; k++)
        {
            var t = ResponseTerms.At(_slope[k], _b[k], _c[k], _d[k], theta, 1.0);
            sum += Math.Log(_correct[k] != 0 ? t.P : t.Q);
        }

        return sum + PolytomousSum(theta, Term.LogLikelihood);
    }

    /// <summary>The score and its derivative as a Newton target and the log-likelihood to compare maxima, by reference: no boxing, no allocation.</summary>
    private readonly struct ScoreFunction(MaximumLikelihoodWorkspace workspace) : IModeFunction
    {
        public double Evaluate(double x) => workspace.Score(x);

        public double Objective(double theta) => workspace.LogLikelihood(theta);

        public bool HasDerivative => true;

        public double EvaluateWithDerivative(double x, out double derivative) => workspace.ScoreAndDerivative(x, out derivative);
    }

    /// <summary>Σ dlogL/dθ and Σ d²logL/dθ² at θ, in one pass (Newton's refinement).</summary>
    /// <param name="theta">Ability.</param>
    /// <param name="derivative">The score's derivative.</param>
    /// <returns>The score.</returns>
    public double ScoreAndDerivative(double theta, out double derivative)
    {
        double score = DichotomousScoreAndDerivative(theta, out derivative);
        for (int k = 0; k < _polytomousCount; k++)
        {
            var r = CategoryTerms.At(_polytomous[k], theta, _scaling, _polytomousCategory[k]);
            score += r.Score;
            derivative += r.ScoreDerivative;
        }

        return score;
    }

    /// <summary>
    /// With the terms of <see cref="Terms512"/>: a right answer's score is g = S/((1 + e)·P̃), a wrong one's
    /// g = −S/((1 + e)·Q̃), and its derivative is g·(h − g) with h = P″/P′ = D·a·σ·(1 − e)/(1 + e), σ = −1 for z ≥ 0
    /// and +1 below (P″/P − (P′/P)² and −P″/Q − (P′/Q)² in one form): one division per item.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private double DichotomousScoreAndDerivative(double theta, out double derivative)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var limit = Vector512.Create(ResponseTerms.MaxExponent);
            var one = Vector512<double>.One;
            var at = Vector512.Create(theta);
            var sum = Vector512<double>.Zero;
            var slopeSum = Vector512<double>.Zero;
            for (int k = 0; k < _count; k += Vector512<double>.Count)
            {
                var slope = Vector512.LoadUnsafe(ref _slope[k]);
                var c = Vector512.LoadUnsafe(ref _c[k]);
                var d = Vector512.LoadUnsafe(ref _d[k]);
                var z = Vector512.Min(Vector512.Max(slope * (at - Vector512.LoadUnsafe(ref _b[k])), -limit), limit);
                var e = VectorExp.Exp(-Vector512.Abs(z));
                var upper = Vector512.GreaterThanOrEqual(z, Vector512<double>.Zero);
                var near = Vector512.ConditionalSelect(upper, d, c);
                var far = Vector512.ConditionalSelect(upper, c, d);
                var right = Vector512.Equals(Vector512.LoadUnsafe(ref _correct[k]), one);
                var denominator = Vector512.ConditionalSelect(right, near + far * e, (one - near) + (one - far) * e);
                var inverse = one / ((one + e) * denominator);
                var numerator = slope * (d - c) * e;
                var g = Vector512.ConditionalSelect(right, numerator, -numerator) * inverse;
                var oneMinusE = one - e;
                var h = slope * Vector512.ConditionalSelect(upper, -oneMinusE, oneMinusE) * denominator * inverse;
                sum += g;
                slopeSum += g * (h - g);
            }

            derivative = Vector512.Sum(slopeSum);
            return Vector512.Sum(sum);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var limit = Vector256.Create(ResponseTerms.MaxExponent);
            var one = Vector256<double>.One;
            var at = Vector256.Create(theta);
            var sum = Vector256<double>.Zero;
            var slopeSum = Vector256<double>.Zero;
            for (int k = 0; k < _count; k += Vector256<double>.Count)
            {
                var slope = Vector256.LoadUnsafe(ref _slope[k]);
                var c = Vector256.LoadUnsafe(ref _c[k]);
                var d = Vector256.LoadUnsafe(ref _d[k]);
                var z = Vector256.Min(Vector256.Max(slope * (at - Vector256.LoadUnsafe(ref _b[k])), -limit), limit);
                var e = VectorExp.Exp(-Vector256.Abs(z));
                var upper = Vector256.GreaterThanOrEqual(z, Vector256<double>.Zero);
                var near = Vector256.ConditionalSelect(upper, d, c);
                var far = Vector256.ConditionalSelect(upper, c, d);
                var right = Vector256.Equals(Vector256.LoadUnsafe(ref _correct[k]), one);
                var denominator = Vector256.ConditionalSelect(right, near + far * e, (one - near) + (one - far) * e);
                var inverse = one / ((one + e) * denominator);
                var numerator = slope * (d - c) * e;
                var g = Vector256.ConditionalSelect(right, numerator, -numerator) * inverse;
                var oneMinusE = one - e;
                var h = slope * Vector256.ConditionalSelect(upper, -oneMinusE, oneMinusE) * denominator * inverse;
                sum += g;
                slopeSum += g * (h - g);
            }

            derivative = Vector256.Sum(slopeSum);
            return Vector256.Sum(sum);
        }

        double score = 0, scoreSlope = 0;
        for (int k = 0; k < _count; k++)
        {
            var t = ResponseTerms.At(_slope[k], _b[k], _c[k], _d[k], theta, 1.0);
            bool correct = _correct[k] != 0;
            score += t.Score(correct);
            scoreSlope += t.ScoreDerivative(correct);
        }

        derivative = scoreSlope;
        return score;
    }
}
