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
    public int Select(in SelectionContext context)
    {
        var columns = context.Bank.Columns;
        double scaling = context.Bank.Metric.ScalingConstant;
        Span<int> top = stackalloc int[K];
        Span<double> topInformation = stackalloc double[K];
        int count = 0;
        for (int i = 0; i < columns.Count; i++)
        {
            if (!context.IsEligible(i)) continue;
            double information = columns.Information(i, context.Theta, scaling);

            // Insertion into a small sorted buffer (descending; equal values keep the lower index first).
            int position = count < K ? count : K;
            while (position > 0 && topInformation[position - 1] < information) position--;
            if (position >= K) continue;
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

        if (count == 0) return -1;
        return top[context.Random.Below(count, context.Step, SessionRandom.Randomesque)];
    }
}
