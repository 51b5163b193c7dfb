using EmrCat.Irt;

namespace EmrCat.Estimation;

/// <summary>
/// Maps the scored responses so far to an ability estimate. Implementations are immutable and thread-safe: the same
/// inputs always give the same estimate, and one instance may serve any number of sessions at once.
/// </summary>
public interface IAbilityEstimator
{
    /// <summary>Estimates θ and its standard error from right/wrong responses to dichotomous items.</summary>
    /// <param name="items">The administered (scored) items, in any order.</param>
    /// <param name="correct">The responses, aligned with <paramref name="items"/>.</param>
    /// <returns>The estimate; never NaN.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, or an item is polytomous.</exception>
    AbilityEstimate Estimate(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<bool> correct);

    /// <summary>
    /// Estimates θ and its standard error from response categories: 0..K−1 for a polytomous item, 1 (right) or 0
    /// (wrong) for a dichotomous one, so mixed patterns are scored together. The built-in estimators implement this;
    /// the default serves an estimator that only knows right/wrong when every item is dichotomous.
    /// </summary>
    /// <param name="items">The administered (scored) items, in any order.</param>
    /// <param name="categories">The response categories, aligned with <paramref name="items"/>.</param>
    /// <returns>The estimate; never NaN.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or a category is outside its item's range.</exception>
    /// <exception cref="NotSupportedException">The default implementation was given a polytomous item.</exception>
    AbilityEstimate Estimate(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<int> categories)
    {
        Responses.ThrowIfInvalid(items, categories);
        foreach (ref readonly var item in items)
        {
            if (item.IsPolytomous) throw new NotSupportedException($"{GetType().Name} scores right/wrong responses only; it cannot score {item.Model} items.");
        }

        var correct = new bool[categories.Length];
        for (int i = 0; i < correct.Length; i++) correct[i] = categories[i] == 1;
        return Estimate(items, correct);
    }
}

/// <summary>Checks and conversions of response patterns shared by the estimators.</summary>
internal static class Responses
{
    /// <summary>Stack-allocate up to this many categories when converting right/wrong responses.</summary>
    public const int StackLimit = 512;

    /// <summary>Right/wrong as categories 1/0, after checking that the spans align and every item is dichotomous.</summary>
    public static void ToCategories(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<bool> correct, Span<int> categories)
    {
        if (items.Length != correct.Length)
        {
            throw new ArgumentException($"Got {items.Length} items but {correct.Length} responses; they must align one to one.", nameof(correct));
        }

        for (int i = 0; i < correct.Length; i++)
        {
            if (items[i].IsPolytomous)
            {
                throw new ArgumentException($"Item {i} is {items[i].Model} with {items[i].Categories} categories; pass response categories, not right/wrong.", nameof(items));
            }

            categories[i] = correct[i] ? 1 : 0;
        }
    }

    /// <summary>Throws unless the spans align and every category is within its item's 0..K−1.</summary>
    public static void ThrowIfInvalid(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<int> categories)
    {
        if (items.Length != categories.Length)
        {
            throw new ArgumentException($"Got {items.Length} items but {categories.Length} responses; they must align one to one.", nameof(categories));
        }

        for (int i = 0; i < items.Length; i++)
        {
            if ((uint)categories[i] >= (uint)items[i].Categories)
            {
                throw new ArgumentException($"Response {i} is category {categories[i]}, but its item has categories 0..{items[i].Categories - 1}.", nameof(categories));
            }
        }
    }
}
