using EmrCat.Banks;
using EmrCat.Internal;
using EmrCat.Irt;

namespace EmrCat.Selection;

/// <summary>
/// Randomesque exposure control (Kingsbury &amp; Zara, 1989): one of the k most informative eligible items at θ̂,
/// chosen uniformly with the session's replayable random draw. k = 1 is maximum information.
/// </summary>
public sealed class RandomesqueSelector : IItemSelector
{
    /// <summary>Largest k supported (the candidates are kept on the stack).</summary>
    public const int MaxK = 64;

    /// <summary>Creates the selector.</summary>
    /// <param name="k">How many top items to choose among, 1 to 64.</param>
    /// <exception cref="ArgumentOutOfRangeException">k is out of range.</exception>
    public RandomesqueSelector(int k)
    {
        if (k is < 1 or > MaxK) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in 1..{MaxK}.");
        K = k;
    }

    /// <summary>How many top items are candidates.</summary>
    public int K { get; }

    /// <inheritdoc />
    /// <remarks>
    /// The k best are found by branch and bound over the information bounds of the domain being filled (or of the
    /// whole bank): items are visited in decreasing bound order and the search stops once the next bound is below the
    /// k-th best information, so the candidates, their order (information descending, ties to the lower index) and
    /// hence the pick are those of a plain scan of every item.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int Select(in SelectionContext context)
    {
        var bank = context.Bank;
        var columns = bank.Columns;
        double scaling = bank.Metric.ScalingConstant, theta = context.Theta;
        // A filter naming no blueprint domain matches no item (every item's domain index is below the count).
        int filter = context.DomainFilter;
        if (filter >= bank.Blueprint.Domains.Count) return -1;
        var bounds = InformationBounds.For(bank, filter);
        var available = context.Available;
        Span<int> top = stackalloc int[K];
        Span<double> topInformation = stackalloc double[K];
        int count = 0;
        int cell = bounds.CellOf(theta);
        if (cell >= 0)
        {
            var items = bounds.CellItems(cell);
            var cellBounds = bounds.CellBounds(cell);
            int j = 0;
            for (; j < items.Length; j++)
            {
                if (count == K && cellBounds[j] < topInformation[K - 1]) break;
                Visit(available, columns, items[j], theta, scaling, top, topInformation, ref count);
            }

            // Done when the rest cannot reach the k-th best, or when the cell's order held every item.
            double rest = bounds.CellRest(cell);
            if (j < items.Length || rest == double.NegativeInfinity || (count == K && rest < topInformation[K - 1])) return Pick(context, top, count);
            count = 0;
        }

        // θ̂ off the grid, or the cell's order was not enough: the global order, from scratch.
        var globalItems = bounds.GlobalItems;
        var globalBounds = bounds.GlobalBounds;
        for (int j = 0; j < globalItems.Length; j++)
        {
            if (count == K && globalBounds[j] < topInformation[K - 1]) break;
            Visit(available, columns, globalItems[j], theta, scaling, top, topInformation, ref count);
        }

        return Pick(context, top, count);
    }

    private static int Pick(in SelectionContext context, ReadOnlySpan<int> top, int count) =>
        count == 0 ? -1 : top[context.Random.Below(count, context.Step, SessionRandom.Randomesque)];

    /// <summary>Inserts an eligible item into the sorted buffer: information descending, equal values by increasing index.</summary>
    /// <remarks>The bounds searched hold only the filter's domain (or the whole bank with no filter), so availability is all there is to check.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Visit(ReadOnlySpan<bool> available, ItemColumns columns, int i, double theta, double scaling, Span<int> top, Span<double> topInformation, ref int count)
    {
        if (!available[i]) return;
        double information = columns.Information(i, theta, scaling);
        int position = count < K ? count : K;
        while (position > 0 && (topInformation[position - 1] < information || (topInformation[position - 1] == information && top[position - 1] > i))) position--;
        if (position >= K) return;
        int last = Math.Min(count, K - 1);
        for (int j = last; j > position; j--)
        {
            top[j] = top[j - 1];
            topInformation[j] = topInformation[j - 1];
        }

        top[position] = i;
        topInformation[position] = information;
        if (count < K) count++;
    }
}
