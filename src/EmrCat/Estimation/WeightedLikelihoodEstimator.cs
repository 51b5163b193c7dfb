using EmrCat.Internal;
using EmrCat.Irt;

namespace EmrCat.Estimation;

/// <summary>
/// Warm's (1989) weighted likelihood: the root of Σ dlogL/dθ + J(θ)/(2·I(θ)) with J = Σ P′P″/(PQ), which removes the
/// first-order bias of ML and gives finite estimates for most constant patterns. SE = 1/√I(θ̂), as in catR. When 3PL/4PL
/// items give the equation several + → − roots, the one with the highest weighted likelihood (log L + ∫ J/(2I)) wins;
/// a − → + root is never returned.
/// </summary>
public sealed class WeightedLikelihoodEstimator : IAbilityEstimator, IIncrementalEstimator
{
    private readonly WeightedLikelihoodOptions _options;

    /// <summary>Creates the estimator.</summary>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public WeightedLikelihoodEstimator(WeightedLikelihoodOptions? options = null)
    {
        _options = options ?? new WeightedLikelihoodOptions();
        OptionsGuard.ThrowIfInvalid(nameof(WeightedLikelihoodOptions), _options.Validate());
    }

    /// <summary>The options in force.</summary>
    public WeightedLikelihoodOptions Options => _options;

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
        if (items.IsEmpty)
        {
            return new AbilityEstimate(_options.Range.Clamp(_options.EmptyPatternTheta), double.PositiveInfinity, EstimateStatus.NoFiniteEstimate);
        }

        var equation = new EstimatingEquation(items, categories, scaling, ScorePenalty.Warm);
        var (theta, status) = equation.SolveHighestMode(_options.Range, _options.Tolerance);
        return new AbilityEstimate(theta, TestInformation.StandardError(TestInformation.At(items, theta, scaling)), status);
    }

    /// <summary>Running sums of Σ score, Σ I and Σ J on the scan grid.</summary>
    IEstimatorState IIncrementalEstimator.CreateState(int capacity, ItemParameters[]? bankItems) => PenalizedEquationState.Warm(_options, capacity);
}
