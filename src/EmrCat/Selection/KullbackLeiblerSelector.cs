using EmrCat.Irt;

namespace EmrCat.Selection;

/// <summary>
/// Kullback–Leibler information (Chang &amp; Ying, 1996): the item maximising ∫ KL(θ ‖ θ̂) dθ over θ̂ ± δ with
/// δ = z/√max(1, n), where n is the number of scored answers. More robust than Fisher information early in a test,
/// when θ̂ is still far from θ. Ties go to the lowest bank index.
/// </summary>
public sealed class KullbackLeiblerSelector : IItemSelector
{
    private const int Points = 21;
    private readonly double _z;

    /// <summary>Creates the selector.</summary>
    /// <param name="halfWidthZ">z of the integration half-width δ = z/√n; default 3.</param>
    /// <exception cref="ArgumentOutOfRangeException">z is not finite and positive.</exception>
    public KullbackLeiblerSelector(double halfWidthZ = 3.0)
    {
        if (!(halfWidthZ > 0 && double.IsFinite(halfWidthZ))) throw new ArgumentOutOfRangeException(nameof(halfWidthZ), halfWidthZ, "z must be finite and > 0.");
        _z = halfWidthZ;
    }

    /// <inheritdoc />
    public bool TrySelect(in SelectionContext context, out int item) => (item = Select(context)) >= 0;

    /// <summary>The chosen bank index, or -1 when none is eligible (what <see cref="TrySelect"/> reports).</summary>
    internal int Select(in SelectionContext context)
    {
        var columns = context.Bank.Columns;
        var metric = context.Bank.Metric;
        double theta = context.Theta;
        double delta = _z / Math.Sqrt(Math.Max(1, context.ScoredCount));
        int best = -1;
        double bestKl = double.NegativeInfinity;
        for (int i = 0; i < columns.Count; i++)
        {
            if (!context.IsEligible(i)) continue;
            var item = columns.Parameters[i];
            double sum = 0;
            for (int k = 0; k < Points; k++)
            {
                double t = theta - delta + 2 * delta * k / (Points - 1);
                double kl = ItemResponseFunctions.KullbackLeibler(item, theta, t, metric);
                sum += k == 0 || k == Points - 1 ? kl / 2 : kl;
            }

            if (sum > bestKl)
            {
                bestKl = sum;
                best = i;
            }
        }

        return best;
    }
}
