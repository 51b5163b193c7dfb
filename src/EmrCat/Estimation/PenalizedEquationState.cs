using EmrCat.Irt;

namespace EmrCat.Estimation;

/// <summary>
/// Incremental MAP/WLE state: the estimating equation's sums at every scan point, kept running so an answer costs
/// O(grid) instead of the batch estimator's O(answers × grid) re-tabulation. Each answer adds to Σ score (and, for WLE,
/// Σ I and Σ J) exactly the terms <see cref="EstimatingEquation.Evaluate"/> adds, in answer order, so the tabulated
/// values are the batch estimator's bit for bit; the refinement and candidate comparison then run through the same
/// <see cref="EstimatingEquation.FindHighestMode"/> over the stored answers. Preallocated: Add and Estimate allocate nothing.
/// </summary>
internal sealed class PenalizedEquationState : IEstimatorState
{
    private readonly ThetaRange _range;
    private readonly double _tolerance;
    private readonly double _scaling;
    private readonly ScorePenalty _penalty;
    private readonly double _priorMean;
    private readonly double _priorPrecision;
    private readonly double _emptyTheta;
    private readonly double[] _grid;
    private readonly double[] _score;
    private readonly double[] _information;
    private readonly double[] _warmJ;
    private readonly double[] _values;
    private readonly ItemParameters[] _items;
    private readonly int[] _categories;
    private int _count;

    /// <summary>MAP state: the options' normal prior, <paramref name="priorPrecision"/> = 1/σ².</summary>
    public static PenalizedEquationState Map(MapOptions options, double priorPrecision, int capacity) =>
        new(options.Range, options.Tolerance, options.Metric.ScalingConstant, ScorePenalty.NormalPrior, options.PriorMean, priorPrecision, 0, capacity);

    /// <summary>WLE state (Warm's J/(2I) penalty).</summary>
    public static PenalizedEquationState Warm(WeightedLikelihoodOptions options, int capacity) =>
        new(options.Range, options.Tolerance, options.Metric.ScalingConstant, ScorePenalty.Warm, 0, 0, options.EmptyPatternTheta, capacity);

    private PenalizedEquationState(ThetaRange range, double tolerance, double scaling, ScorePenalty penalty, double priorMean, double priorPrecision, double emptyTheta, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _range = range;
        _tolerance = tolerance;
        _scaling = scaling;
        _penalty = penalty;
        _priorMean = priorMean;
        _priorPrecision = priorPrecision;
        _emptyTheta = emptyTheta;
        _grid = ThetaGrids.For(range);
        _score = new double[_grid.Length];
        _values = new double[_grid.Length];
        // Σ I and Σ J only feed Warm's penalty.
        _information = penalty == ScorePenalty.Warm ? new double[_grid.Length] : [];
        _warmJ = penalty == ScorePenalty.Warm ? new double[_grid.Length] : [];
        _items = new ItemParameters[capacity];
        _categories = new int[capacity];
    }

    public void Clear()
    {
        _count = 0;
        Array.Clear(_score);
        Array.Clear(_information);
        Array.Clear(_warmJ);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Add(in ItemParameters item, int category, int bankIndex = -1)
    {
        if (_count == _items.Length) throw new InvalidOperationException($"The estimator state holds at most {_items.Length} answers.");
        if ((uint)category >= (uint)item.Categories)
        {
            throw new ArgumentException($"Response {_count} is category {category}, but its item has categories 0..{item.Categories - 1}.", nameof(category));
        }

        _items[_count] = item;
        _categories[_count] = category;
        _count++;

        // The terms EstimatingEquation.Evaluate adds for this answer, with the same functions (it takes CategoryTerms.At
        // for a polytomous item only under Warm's penalty, CategoryTerms.Score otherwise).
        var grid = _grid;
        if (item.IsPolytomous)
        {
            if (_penalty != ScorePenalty.Warm)
            {
                for (int k = 0; k < grid.Length; k++) _score[k] += CategoryTerms.Score(item, grid[k], _scaling, category);
                return;
            }

            for (int k = 0; k < grid.Length; k++)
            {
                var r = CategoryTerms.At(item, grid[k], _scaling, category);
                _score[k] += r.Score;
                _information[k] += r.Information;
                _warmJ[k] += r.WarmJ;
            }

            return;
        }

        bool correct = category == 1;
        if (_penalty != ScorePenalty.Warm)
        {
            for (int k = 0; k < grid.Length; k++) _score[k] += ResponseTerms.At(item, grid[k], _scaling).Score(correct);
            return;
        }

        for (int k = 0; k < grid.Length; k++)
        {
            var t = ResponseTerms.At(item, grid[k], _scaling);
            _score[k] += t.Score(correct);
            _information[k] += t.Information;
            _warmJ[k] += t.WarmJ;
        }
    }

    public AbilityEstimate Estimate()
    {
        var items = new ReadOnlySpan<ItemParameters>(_items, 0, _count);
        var categories = new ReadOnlySpan<int>(_categories, 0, _count);
        if (_penalty == ScorePenalty.Warm && _count == 0)
        {
            return new AbilityEstimate(_range.Clamp(_emptyTheta), double.PositiveInfinity, EstimateStatus.NoFiniteEstimate);
        }

        // Combined as EstimatingEquation.Evaluate combines them.
        var grid = _grid;
        if (_penalty == ScorePenalty.NormalPrior)
        {
            for (int k = 0; k < grid.Length; k++) _values[k] = _score[k] + (_priorMean - grid[k]) * _priorPrecision;
        }
        else
        {
            for (int k = 0; k < grid.Length; k++)
            {
                double information = _information[k];
                _values[k] = information > 0 ? _score[k] + _warmJ[k] / (2.0 * information) : _score[k];
            }
        }

        var equation = new EstimatingEquation(items, categories, _scaling, _penalty, _priorMean, _priorPrecision);
        var (theta, status) = equation.FindHighestMode(_range, grid, _values, _tolerance);
        double testInformation = TestInformation.At(items, theta, _scaling);
        return _penalty == ScorePenalty.NormalPrior
            ? new AbilityEstimate(theta, 1.0 / Math.Sqrt(testInformation + _priorPrecision), status)
            : new AbilityEstimate(theta, TestInformation.StandardError(testInformation), status);
    }
}
