using EmrCat.Internal;
using EmrCat.Irt;

namespace EmrCat.Estimation;

/// <summary>
/// Bounded maximum likelihood: the highest point of the likelihood on the search range (the + → − root of Σ dlogL/dθ
/// with the largest likelihood, or a bound when that is higher), SE = 1/√I(θ̂).
/// An all-correct (all-wrong) pattern has no finite maximum; it returns the upper (lower) bound with
/// <see cref="EstimateStatus.AtUpperBound"/> (<see cref="EstimateStatus.AtLowerBound"/>), never NaN.
/// </summary>
public sealed class MaximumLikelihoodEstimator : IAbilityEstimator, IIncrementalEstimator
{
    private readonly MaximumLikelihoodOptions _options;

    /// <summary>Creates the estimator.</summary>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public MaximumLikelihoodEstimator(MaximumLikelihoodOptions? options = null)
    {
        _options = options ?? new MaximumLikelihoodOptions();
        OptionsGuard.ThrowIfInvalid(nameof(MaximumLikelihoodOptions), _options.Validate());
    }

    /// <summary>The options in force.</summary>
    public MaximumLikelihoodOptions Options => _options;

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

        var equation = new EstimatingEquation(items, categories, scaling, ScorePenalty.None);
        var (theta, status) = equation.SolveHighestMode(_options.Range, _options.Tolerance);
        return new AbilityEstimate(theta, TestInformation.StandardError(TestInformation.At(items, theta, scaling)), status);
    }

    /// <summary>
    /// Whether the likelihood of the pattern has a local maximum strictly inside the search range (a place where the
    /// score Σ dlogL/dθ falls through zero), as root-finding scorers such as catR's report one. <see cref="Estimate(ReadOnlySpan{ItemParameters}, ReadOnlySpan{int})"/>
    /// may still return a bound when the likelihood is higher there (some 3PL/4PL patterns); an all-right or all-wrong
    /// pattern has none.
    /// </summary>
    /// <param name="items">Item parameters.</param>
    /// <param name="categories">Response categories, one per item.</param>
    /// <returns>True when an interior local maximum exists.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or a category is out of range.</exception>
    public bool HasInteriorMaximum(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<int> categories)
    {
        Responses.ThrowIfInvalid(items, categories);
        return !items.IsEmpty && new EstimatingEquation(items, categories, _options.Metric.ScalingConstant, ScorePenalty.None).HasInteriorMaximum(_options.Range);
    }

    /// <inheritdoc />
    IEstimatorState IIncrementalEstimator.CreateState(int capacity, ItemParameters[]? bankItems) => new MaximumLikelihoodWorkspace(_options, capacity, bankItems);
}
