using EmrCat.Banks;
using EmrCat.Irt;

namespace EmrCat.Selection;

/// <summary>
/// Maximum Fisher information at θ̂, exact: the eligible item with the largest I(θ̂); ties go to the lowest bank index.
/// </summary>
/// <remarks>
/// Branch and bound over per-bank information bounds (see the internal <c>InformationBounds</c>): items are visited in
/// decreasing order of a safe upper bound of their information near θ̂, and the search stops once the next bound is
/// below the best information found. Information is computed by the same kernel as a plain scan, so the chosen item
/// is always the plain argmax; typically a few dozen items are evaluated instead of the whole bank. The bounds are
/// built on the first selection on a bank (about 240 evaluations per item) and kept while the bank lives.
/// </remarks>
public sealed class MaximumInformationSelector : IItemSelector
{
    /// <summary>The shared instance (the selector has no state).</summary>
    public static MaximumInformationSelector Instance { get; } = new();

    /// <inheritdoc />
    public bool TrySelect(in SelectionContext context, out int item) => (item = Select(context)) >= 0;

    /// <summary>The chosen bank index, or -1 when none is eligible (what <see cref="TrySelect"/> reports).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal int Select(in SelectionContext context)
    {
        var bounds = InformationBounds.For(context.Bank);
        var columns = context.Bank.Columns;
        double scaling = context.Bank.Metric.ScalingConstant, theta = context.Theta;
        int best = -1;
        double bestInformation = double.NegativeInfinity;
        int cell = bounds.CellOf(theta);
        if (cell >= 0)
        {
            var items = bounds.CellItems(cell);
            var cellBounds = bounds.CellBounds(cell);
            for (int j = 0; j < items.Length; j++)
            {
                if (cellBounds[j] < bestInformation) return best;
                Visit(context, columns, items[j], theta, scaling, ref best, ref bestInformation);
            }

            if (bounds.CellRest(cell) < bestInformation) return best;
        }

        // θ̂ off the grid, or every item the cell keeps was ineligible or not good enough: the global order.
        var globalItems = bounds.GlobalItems;
        var globalBounds = bounds.GlobalBounds;
        for (int j = 0; j < globalItems.Length; j++)
        {
            if (globalBounds[j] < bestInformation) break;
            Visit(context, columns, globalItems[j], theta, scaling, ref best, ref bestInformation);
        }

        return best;
    }

    private static void Visit(in SelectionContext context, ItemColumns columns, int i, double theta, double scaling, ref int best, ref double bestInformation)
    {
        if (!context.IsEligible(i)) return;
        double information = columns.Information(i, theta, scaling);
        if (information > bestInformation || (information == bestInformation && i < best))
        {
            bestInformation = information;
            best = i;
        }
    }
}
