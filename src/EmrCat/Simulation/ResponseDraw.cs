using EmrCat.Irt;

namespace EmrCat.Simulation;

/// <summary>A simulated examinee's response category from one uniform draw.</summary>
internal static class ResponseDraw
{
    /// <summary>
    /// The largest category c with u &lt; P(X ≥ c | θ): for a 1–4PL item 1 (right) when u &lt; P(θ), else 0; for a
    /// polytomous item the inverse of its upper cumulative distribution, so with the same draw a higher θ never earns a
    /// lower category.
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="theta">True ability.</param>
    /// <param name="scaling">D.</param>
    /// <param name="uniform">A draw in [0, 1).</param>
    /// <returns>The category.</returns>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static int Category(in ItemParameters item, double theta, double scaling, double uniform)
    {
        if (!item.IsPolytomous) return uniform < ResponseTerms.At(item, theta, scaling).P ? 1 : 0;
        Span<double> p = stackalloc double[ItemParameters.MaxCategories];
        Span<double> u = stackalloc double[ItemParameters.MaxCategories];
        int c = CategoryTerms.Fill(item, theta, scaling, p, u, default) - 1;
        double atLeast = p[c];
        while (c > 0 && uniform >= atLeast)
        {
            c--;
            atLeast += p[c];
        }

        return c;
    }
}
