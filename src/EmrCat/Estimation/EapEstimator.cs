using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using EmrCat.Internal;
using EmrCat.Irt;
using MathNet.Numerics.Distributions;

namespace EmrCat.Estimation;

/// <summary>
/// Expected a posteriori estimation: the posterior mean of θ under a normal prior, integrated by the trapezoidal rule
/// on equally spaced points (catR's <c>eapEst</c>/<c>eapSem</c> with its <c>integrate.catR</c>). SE = posterior SD.
/// Finite for every pattern, including none (then it returns the prior's mean and SD on the grid).
/// </summary>
/// <remarks>The posterior is accumulated in log space and rescaled by its maximum, so long patterns cannot underflow.</remarks>
public sealed class EapEstimator : IAbilityEstimator, IIncrementalEstimator
{
    private const int StackLimit = 2048;
    private readonly EapOptions _options;
    private readonly double[] _grid;
    private readonly double[] _logPriorWeight;

    /// <summary>Creates the estimator and its quadrature grid.</summary>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public EapEstimator(EapOptions? options = null)
    {
        _options = options ?? new EapOptions();
        OptionsGuard.ThrowIfInvalid(nameof(EapOptions), _options.Validate());
        int n = _options.QuadraturePoints;
        _grid = new double[n];
        _logPriorWeight = new double[n];
        double lower = _options.Range.Lower, step = (_options.Range.Upper - lower) / (n - 1);
        for (int k = 0; k < n; k++)
        {
            _grid[k] = k == n - 1 ? _options.Range.Upper : lower + k * step;

            // Trapezoid weights are 1/2 at the ends and 1 inside (the common step cancels in every ratio).
            double trapezoid = k == 0 || k == n - 1 ? 0.5 : 1.0;
            _logPriorWeight[k] = Normal.PDFLn(_options.PriorMean, _options.PriorStandardDeviation, _grid[k]) + Math.Log(trapezoid);
        }
    }

    /// <summary>The options in force.</summary>
    public EapOptions Options => _options;

    /// <inheritdoc />
    public AbilityEstimate Estimate(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<bool> correct)
    {
        Span<int> categories = correct.Length <= Responses.StackLimit ? stackalloc int[correct.Length] : new int[correct.Length];
        Responses.ToCategories(items, correct, categories);
        return Estimate(items, categories);
    }

    /// <inheritdoc />
    public AbilityEstimate Estimate(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<int> categories)
    {
        Responses.ThrowIfInvalid(items, categories);
        int n = _grid.Length;
        double[]? rented = null;
        Span<double> logPosterior = n <= StackLimit ? stackalloc double[n] : (rented = ArrayPool<double>.Shared.Rent(n)).AsSpan(0, n);
        try
        {
            _logPriorWeight.CopyTo(logPosterior);
            for (int i = 0; i < items.Length; i++) Accumulate(logPosterior, items[i], categories[i]);
            return Summarise(logPosterior);
        }
        finally
        {
            if (rented is not null) ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <inheritdoc />
    IEstimatorState IIncrementalEstimator.CreateState(int capacity, ItemParameters[]? bankItems) => new State(this, bankItems is null ? null : ItemGridTable.For(bankItems, TableKey(), _grid));

    /// <summary>The grid and metric of this estimator's log-likelihood table (the grid is a function of these values).</summary>
    private GridTableKey TableKey() =>
        new(GridTableKind.LogLikelihood, _options.Range.Lower, _options.Range.Upper, _options.QuadraturePoints, _options.Metric.ScalingConstant);

    /// <summary>Adds one answer's log-likelihood at every grid point: the one place both the batch and the incremental path sum it.</summary>
    private void Accumulate(Span<double> logPosterior, in ItemParameters item, int category)
    {
        double scaling = _options.Metric.ScalingConstant;
        var grid = _grid;
        if (item.IsPolytomous)
        {
            for (int k = 0; k < logPosterior.Length; k++) logPosterior[k] += CategoryTerms.LogProbability(item, grid[k], scaling, category);
            return;
        }

        for (int k = 0; k < logPosterior.Length; k++)
        {
            var t = ResponseTerms.At(item, grid[k], scaling);
            logPosterior[k] += Math.Log(category == 1 ? t.P : t.Q);
        }
    }

    private AbilityEstimate Summarise(Span<double> logPosterior) => Summarise(logPosterior, logPosterior);

    /// <summary>The estimate from the log-posterior; <paramref name="weights"/> (as long, may be the same span) receives the unnormalised posterior weights.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private AbilityEstimate Summarise(ReadOnlySpan<double> logPosterior, Span<double> weights)
    {
        // Weights exp(log posterior − max) and the moments, several points at a time (both the batch and the
        // incremental path come through here, so they agree bit for bit).
        double max = TensorPrimitives.Max(logPosterior);
        TensorPrimitives.Subtract(logPosterior, max, weights);
        TensorPrimitives.Exp(weights, weights);
        ReadOnlySpan<double> grid = _grid;
        double mass = TensorPrimitives.Sum(weights);
        double mean = TensorPrimitives.Dot(weights, grid) / mass;
        var at = new Vector<double>(mean);
        var sum = Vector<double>.Zero;
        int k = 0;
        ref double g = ref MemoryMarshal.GetReference(grid);
        ref double w = ref MemoryMarshal.GetReference(weights);
        for (; k + Vector<double>.Count <= weights.Length; k += Vector<double>.Count)
        {
            // Loads without a span slice per lane group (the slices were not inlined); the arithmetic is unchanged.
            var dev = Vector.LoadUnsafe(ref g, (nuint)k) - at;
            sum += Vector.LoadUnsafe(ref w, (nuint)k) * dev * dev;
        }

        double second = Vector.Sum(sum);
        for (; k < weights.Length; k++)
        {
            double dev = grid[k] - mean;
            second += weights[k] * dev * dev;
        }

        double sd = Math.Sqrt(second / mass);
        return new AbilityEstimate(mean, sd > 0 ? sd : double.PositiveInfinity, EstimateStatus.Converged);
    }

    /// <summary>
    /// The log-posterior at every grid point as a running sum: O(grid) per answer instead of O(grid · answers), added in
    /// the batch estimator's order with its arithmetic, so the estimate is bit-for-bit the batch one.
    /// </summary>
    private sealed class State(EapEstimator estimator, ItemGridTable? table) : IEstimatorState
    {
        private readonly double[] _logPosterior = (double[])estimator._logPriorWeight.Clone();
        private readonly double[] _scratch = new double[estimator._grid.Length];

        public void Clear() => estimator._logPriorWeight.CopyTo(_logPosterior, 0);

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Add(in ItemParameters item, int category, int bankIndex = -1)
        {
            // The bank's tabulated log P_x are the values Accumulate would compute; adding them is the same sum.
            if (table is not null && table.TryGetRow(bankIndex, category, out var row))
            {
                TensorPrimitives.Add(_logPosterior, row, _logPosterior);
                return;
            }

            estimator.Accumulate(_logPosterior, item, category);
        }

        // The weights go to scratch, so the running sum is read once and never copied.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public AbilityEstimate Estimate() => estimator.Summarise(_logPosterior, _scratch);
    }
}
