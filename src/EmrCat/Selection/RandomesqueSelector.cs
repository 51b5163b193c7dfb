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
    public bool TrySelect(in SelectionContext context, out int item) => (item = Select(context)) >= 0;

    /// <summary>The chosen bank index, or -1 when none is eligible (what <see cref="TrySelect"/> reports).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal int Select(in SelectionContext context)
    {
        Span<int> top = stackalloc int[K];
        Span<double> topInformation = stackalloc double[K];
        return Pick(context, top, Rank(context, top, topInformation));
    }

    /// <summary>
    /// The best <c>top.Length</c> eligible items in the selector's order (information descending, ties to the lower
    /// index), by the same branch and bound as <see cref="Select"/>; returns how many were found (fewer only when fewer
    /// are eligible).
    /// </summary>
    /// <remarks>
    /// The order is total and does not depend on which items are available, so the ranking of a set with one ranked
    /// item withdrawn is this ranking without that item: Sympson–Hetter ranks a few more than k once per step and
    /// draws its re-proposals from that list.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal int Rank(in SelectionContext context, Span<int> top, Span<double> topInformation)
    {
        var bank = context.Bank;
        var columns = bank.Columns;
        double scaling = bank.Metric.ScalingConstant, theta = context.Theta;
        // A filter naming no blueprint domain matches no item (every item's domain index is below the count).
        int filter = context.DomainFilter;
        if (filter >= bank.Blueprint.Domains.Count) return 0;
        var bounds = InformationBounds.For(bank, filter);
        var available = context.Available;
        int width = top.Length;
        int count = 0;
        int cell = bounds.CellOf(theta);
        if (cell >= 0)
        {
            var items = bounds.CellItems(cell);
            var cellBounds = bounds.CellBounds(cell);
            int j = 0;
            for (; j < items.Length; j++)
            {
                if (count == width && cellBounds[j] < topInformation[width - 1]) break;
                Visit(available, columns, items[j], theta, scaling, top, topInformation, ref count);
            }

            // Done when the rest cannot reach the last ranked, or when the cell's order held every item.
            double rest = bounds.CellRest(cell);
            if (j < items.Length || rest == double.NegativeInfinity || (count == width && rest < topInformation[width - 1])) return count;
            count = 0;
        }

        // θ̂ off the grid, or the cell's order was not enough: the global order, from scratch.
        var globalItems = bounds.GlobalItems;
        var globalBounds = bounds.GlobalBounds;
        for (int j = 0; j < globalItems.Length; j++)
        {
            if (count == width && globalBounds[j] < topInformation[width - 1]) break;
            Visit(available, columns, globalItems[j], theta, scaling, top, topInformation, ref count);
        }

        return count;
    }

    /// <summary>The pick among the first <paramref name="count"/> (at most k) ranked items; -1 when there are none.</summary>
    internal static int Pick(in SelectionContext context, ReadOnlySpan<int> top, int count) =>
        count == 0 ? -1 : top[context.Random.Below(count, context.Step, SessionRandom.Randomesque)];

    /// <summary>Inserts an eligible item into the sorted buffer: information descending, equal values by increasing index.</summary>
    /// <remarks>The bounds searched hold only the filter's domain (or the whole bank with no filter), so availability is all there is to check.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Visit(ReadOnlySpan<bool> available, ItemColumns columns, int i, double theta, double scaling, Span<int> top, Span<double> topInformation, ref int count)
    {
        if (!available[i]) return;
        int width = top.Length;
        double information = columns.Information(i, theta, scaling);
        int position = count < width ? count : width;
        while (position > 0 && (topInformation[position - 1] < information || (topInformation[position - 1] == information && top[position - 1] > i))) position--;
        if (position >= width) return;
        int last = Math.Min(count, width - 1);
        for (int j = last; j > position; j--)
        {
            top[j] = top[j - 1];
            topInformation[j] = topInformation[j - 1];
        }

        top[position] = i;
        topInformation[position] = information;
        if (count < width) count++;
    }
}
