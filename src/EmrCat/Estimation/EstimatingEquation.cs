using EmrCat.Internal;
using EmrCat.Irt;

namespace EmrCat.Estimation;

/// <summary>Which penalty is added to the likelihood score.</summary>
internal enum ScorePenalty
{
    None,
    NormalPrior,
    Warm,
}

/// <summary>
/// The estimating equation of ML, MAP and WLE: Σ dlogL/dθ plus a penalty (0, the normal prior's (μ − θ)/σ², or
/// Warm's J/(2I)). A ref struct over the caller's spans: evaluating it allocates nothing.
/// </summary>
internal ref struct EstimatingEquation : IScalarFunction
{
    private readonly ReadOnlySpan<ItemParameters> _items;
    private readonly ReadOnlySpan<int> _categories;
    private readonly double _scaling;
    private readonly ScorePenalty _penalty;
    private readonly double _priorMean;
    private readonly double _priorPrecision;

    public EstimatingEquation(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<int> categories, double scaling, ScorePenalty penalty, double priorMean = 0, double priorPrecision = 0)
    {
        _items = items;
        _categories = categories;
        _scaling = scaling;
        _penalty = penalty;
        _priorMean = priorMean;
        _priorPrecision = priorPrecision;
    }

    public double Evaluate(double theta)
    {
        double score = 0, information = 0, warmJ = 0;
        for (int i = 0; i < _items.Length; i++)
        {
            ref readonly var item = ref _items[i];
            if (item.IsPolytomous)
            {
                if (_penalty != ScorePenalty.Warm)
                {
                    score += CategoryTerms.Score(item, theta, _scaling, _categories[i]);
                    continue;
                }

                var r = CategoryTerms.At(item, theta, _scaling, _categories[i]);
                score += r.Score;
                information += r.Information;
                warmJ += r.WarmJ;
                continue;
            }

            var t = ResponseTerms.At(item, theta, _scaling);
            score += t.Score(_categories[i] == 1);
            if (_penalty == ScorePenalty.Warm)
            {
                information += t.Information;
                warmJ += t.WarmJ;
            }
        }

        return _penalty switch
        {
            ScorePenalty.NormalPrior => score + (_priorMean - theta) * _priorPrecision,
            ScorePenalty.Warm => information > 0 ? score + warmJ / (2.0 * information) : score,
            _ => score,
        };
    }

    /// <summary>
    /// The objective whose derivative the equation is, up to a constant: the log-likelihood, plus the log prior (MAP),
    /// or plus ∫ J/(2I) from the lower end of <paramref name="range"/> (WLE: the log weighted likelihood, which is
    /// log L + ½·log I for 1PL/2PL items).
    /// </summary>
    public double Objective(double theta, ThetaRange range)
    {
        double total = 0;
        for (int i = 0; i < _items.Length; i++) total += ResponseContribution.Of(_items[i], theta, _scaling, _categories[i]).LogLikelihood;

        return _penalty switch
        {
            ScorePenalty.NormalPrior => total - 0.5 * _priorPrecision * (theta - _priorMean) * (theta - _priorMean),
            ScorePenalty.Warm => total + GaussLegendre.Integrate(ref this, range.Lower, theta),
            _ => total,
        };
    }

    /// <summary>Warm's penalty J/(2I) alone (0 where there is no information).</summary>
    public double WarmPenalty(double theta)
    {
        double information = 0, warmJ = 0;
        for (int i = 0; i < _items.Length; i++)
        {
            var t = ResponseContribution.Of(_items[i], theta, _scaling, _categories[i]);
            information += t.Information;
            warmJ += t.WarmJ;
        }

        return information > 0 ? warmJ / (2.0 * information) : 0;
    }

    /// <summary>
    /// The highest maximum of the objective on the range (see <see cref="HighestMode"/>): the equation is tabulated on
    /// <see cref="ThetaGrid"/>, every + → − crossing is refined to <paramref name="tolerance"/> (ML by safeguarded Newton,
    /// MAP and WLE by Brent's method), the
    /// bounds compete when the equation points outward there. With one maximum in the range (always for 1PL/2PL) this is
    /// catR's root.
    /// </summary>
    public (double Theta, EstimateStatus Status) SolveHighestMode(ThetaRange range, double tolerance)
    {
        var grid = ThetaGrids.For(range);
        Span<double> values = grid.Length <= 1024 ? stackalloc double[grid.Length] : new double[grid.Length];
        Tabulate(grid, values);
        return FindHighestMode(range, grid, values, tolerance);
    }

    /// <summary>
    /// <see cref="SolveHighestMode"/> from the equation already tabulated on <paramref name="grid"/> (the incremental
    /// MAP/WLE state keeps the sums): the same refinement and candidate comparison over this equation's answers.
    /// </summary>
    public (double Theta, EstimateStatus Status) FindHighestMode(ThetaRange range, scoped ReadOnlySpan<double> grid, scoped ReadOnlySpan<double> values, double tolerance)
    {
        var function = new Mode(this, range);
        return HighestMode.Find(ref function, grid, values, tolerance);
    }

    /// <summary>
    /// Whether the objective has a local maximum strictly inside <paramref name="range"/>: a scan cell where the equation
    /// falls through zero (+ → −), the cells <see cref="SolveHighestMode"/> refines. The highest point may still be a bound.
    /// </summary>
    public bool HasInteriorMaximum(ThetaRange range)
    {
        var grid = ThetaGrids.For(range);
        Span<double> values = grid.Length <= 1024 ? stackalloc double[grid.Length] : new double[grid.Length];
        Tabulate(grid, values);
        for (int k = 0; k + 1 < values.Length; k++)
        {
            if (values[k] > 0 && values[k + 1] <= 0) return true;
        }

        return false;
    }

    private void Tabulate(scoped ReadOnlySpan<double> grid, scoped Span<double> values)
    {
        if (_penalty == ScorePenalty.None)
        {
            // ML: tabulate item by item with the kernel the incremental workspace uses, so both see the same grid.
            values.Clear();
            for (int i = 0; i < _items.Length; i++) GridScore.Add(values, grid, _items[i], _categories[i], _scaling);
        }
        else
        {
            for (int k = 0; k < grid.Length; k++) values[k] = Evaluate(grid[k]);
        }
    }

    /// <summary>The equation and its objective on one range, as <see cref="HighestMode"/> takes them.</summary>
    private readonly ref struct Mode(EstimatingEquation equation, ThetaRange range) : IModeFunction
    {
        private readonly EstimatingEquation _equation = equation;

        public double Evaluate(double x)
        {
            var e = _equation;
            return e.Evaluate(x);
        }

        public double Objective(double theta)
        {
            var e = _equation;
            return e.Objective(theta, range);
        }

        // ML only: the workspace refines the same way, so batch and incremental ML agree to rounding. MAP and WLE keep Brent.
        public bool HasDerivative => _equation._penalty == ScorePenalty.None;

        public double EvaluateWithDerivative(double x, out double derivative)
        {
            var e = _equation;
            return e.ScoreAndDerivative(x, out derivative);
        }
    }

    /// <summary>Σ dlogL/dθ and Σ d²logL/dθ² at θ (no penalty).</summary>
    public double ScoreAndDerivative(double theta, out double derivative)
    {
        double score = 0, slope = 0;
        for (int i = 0; i < _items.Length; i++)
        {
            var r = ResponseContribution.Of(_items[i], theta, _scaling, _categories[i]);
            score += r.Score;
            slope += r.ScoreDerivative;
        }

        derivative = slope;
        return score;
    }
}

/// <summary>The Warm penalty as an integrand.</summary>
internal static class GaussLegendre
{
    // 8-point Gauss–Legendre nodes and weights on [-1, 1].
    private static readonly double[] Nodes = [-0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498, 0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363];
    private static readonly double[] Weights = [0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620, 0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];

    /// <summary>∫ J/(2I) from <paramref name="from"/> to <paramref name="to"/>, 8 Gauss–Legendre points per piece of at most 0.1 (smooth integrand: far below 1e-10).</summary>
    public static double Integrate(ref EstimatingEquation equation, double from, double to)
    {
        if (to <= from) return 0;
        int pieces = (int)Math.Ceiling((to - from) / 0.1);
        double width = (to - from) / pieces, total = 0;
        for (int p = 0; p < pieces; p++)
        {
            double mid = from + (p + 0.5) * width, half = width / 2;
            for (int q = 0; q < Nodes.Length; q++) total += Weights[q] * half * equation.WarmPenalty(mid + half * Nodes[q]);
        }

        return total;
    }
}

/// <summary>
/// Scan grids, built once per range and shared (read-only): up to 64 ranges in a copy-on-write array searched in
/// order (a process sees one or two ranges; a dictionary keyed by the struct cost more to compile than it saved).
/// </summary>
internal static class ThetaGrids
{
    private const int MaxRanges = 64;
    private static readonly object Gate = new();
    private static (ThetaRange Range, double[] Grid)[] _cache = [];

    public static double[] For(ThetaRange range)
    {
        foreach (var (known, grid) in Volatile.Read(ref _cache))
        {
            if (known == range) return grid;
        }

        lock (Gate)
        {
            foreach (var (known, grid) in _cache)
            {
                if (known == range) return grid;
            }

            var points = ThetaGrid.Points(range);
            if (_cache.Length < MaxRanges) Volatile.Write(ref _cache, [.. _cache, (range, points)]);
            return points;
        }
    }
}

/// <summary>Test information of a set of items at θ.</summary>
internal static class TestInformation
{
    public static double At(ReadOnlySpan<ItemParameters> items, double theta, double scaling)
    {
        double information = 0;
        foreach (ref readonly var item in items)
        {
            information += item.IsPolytomous ? CategoryTerms.Information(item, theta, scaling) : ResponseTerms.At(item, theta, scaling).Information;
        }

        return information;
    }

    /// <summary>1/√I, or +∞ when there is no information.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static double StandardError(double information) =>
        information > 0 && double.IsFinite(information) ? 1.0 / Math.Sqrt(information) : double.PositiveInfinity;
}
