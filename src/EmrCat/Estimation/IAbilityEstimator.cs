using EmrCat.Irt;

namespace EmrCat.Estimation;

/// <summary>
/// Maps the scored responses so far to an ability estimate. Implementations are immutable and thread-safe: the same
/// inputs always give the same estimate, and one instance may serve any number of sessions at once.
/// </summary>
public interface IAbilityEstimator
{
    /// <summary>Estimates θ and its standard error.</summary>
    /// <param name="items">The administered (scored) items, in any order.</param>
    /// <param name="correct">The responses, aligned with <paramref name="items"/>.</param>
    /// <returns>The estimate; never NaN.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    AbilityEstimate Estimate(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<bool> correct);
}
