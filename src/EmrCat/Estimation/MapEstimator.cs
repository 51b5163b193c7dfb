using EmrCat.Internal;
using EmrCat.Irt;

namespace EmrCat.Estimation;

/// <summary>
/// Maximum a posteriori (Bayes modal) estimation with a normal prior N(μ, σ): the root of
/// Σ dlogL/dθ + (μ − θ)/σ² in the search range, SE = 1/√(I(θ̂) + 1/σ²). Finite for every pattern, including none.
/// When the posterior has one mode in the range (always for 1PL/2PL) this is catR's root; when 3PL/4PL items give it
/// several, the highest mode is returned (catR returns whichever root its bracketing meets), which keeps the estimate
/// monotone in the responses.
/// </summary>
public sealed class MapEstimator : IAbilityEstimator, IIncrementalEstimator
{
    private readonly MapOptions _options;
    private readonly double _priorPrecision;

    /// <summary>Creates the estimator.</summary>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public MapEstimator(MapOptions? options = null)
    {
        _options = options ?? new MapOptions();
        OptionsGuard.ThrowIfInvalid(nameof(MapOptions), _options.Validate());
        _priorPrecision = 1.0 / (_options.PriorStandardDeviation * _options.PriorStandardDeviation);
    }

    /// <summary>The options in force.</summary>
    public MapOptions Options => _options;

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
        double scaling = _options.Metric.ScalingConstant;
        var equation = new EstimatingEquation(items, categories, scaling, ScorePenalty.NormalPrior, _options.PriorMean, _priorPrecision);
        var (theta, status) = equation.SolveHighestMode(_options.Range, _options.Tolerance);
        double information = TestInformation.At(items, theta, scaling) + _priorPrecision;
        return new AbilityEstimate(theta, 1.0 / Math.Sqrt(information), status);
    }

    /// <summary>Running sums of the equation on the scan grid (the bank's items are not tabulated for MAP).</summary>
    IEstimatorState IIncrementalEstimator.CreateState(int capacity, ItemParameters[]? bankItems) => PenalizedEquationState.Map(_options, _priorPrecision, capacity);
}
