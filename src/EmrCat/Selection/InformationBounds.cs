using System.Runtime.CompilerServices;
using EmrCat.Banks;
using EmrCat.Irt;

namespace EmrCat.Selection;

/// <summary>
/// Safe upper bounds of each item's Fisher information, built once per bank, that let maximum-information selection
/// stop early without changing its answer (branch and bound). Two orders are kept:
/// <list type="bullet">
/// <item>Per cell of a θ grid (width <see cref="CellWidth"/> over [<see cref="GridLower"/>, <see cref="GridUpper"/>]):
/// the <see cref="PrefixLength"/> items with the largest bound of I(θ) over the cell, in decreasing bound order, and
/// the largest bound among the items left out.</item>
/// <item>Globally: every item in decreasing order of its maximum information over all θ.</item>
/// </list>
/// An item's information is unimodal or, for the 4PL, has at most a few critical points; they are the roots in (0, 1)
/// of a cubic in the logistic s (see <see cref="CriticalThetas"/>), so the maximum of I over a cell is attained at a
/// cell end or at one of those points. Bounds are the kernel's own values there, inflated by a relative 1e-9 to cover
/// rounding, so an item whose bound is below the best information found so far cannot be the argmax.
/// </summary>
internal sealed class InformationBounds
{
    /// <summary>Lower end of the θ grid.</summary>
    internal const double GridLower = -6.0;

    /// <summary>Upper end of the θ grid.</summary>
    internal const double GridUpper = 6.0;

    /// <summary>Width of a grid cell.</summary>
    internal const double CellWidth = 0.05;

    /// <summary>Number of cells.</summary>
    internal const int CellCount = 240;

    /// <summary>How many items each cell keeps in bound order.</summary>
    internal const int PrefixLength = 128;

    /// <summary>Relative inflation that covers the kernel's rounding (a few ulps) many times over.</summary>
    private const double Inflation = 1.0 + 1e-9;

    private static readonly ConditionalWeakTable<ItemBank, InformationBounds> Cache = new();
    private static readonly ConditionalWeakTable<ItemBank, InformationBounds[]> DomainCache = new();

    private readonly double[] _grid;
    private readonly int[] _cellItems;
    private readonly double[] _cellBounds;
    private readonly double[] _cellRest;
    private readonly int[] _globalItems;
    private readonly double[] _globalBounds;

    internal InformationBounds(ItemColumns columns, double scaling)
        : this(columns, scaling, null)
    {
    }

    /// <summary>Bounds over <paramref name="members"/> only (bank indices, increasing; null for every item): the cell and global orders hold bank indices.</summary>
    /// <remarks>Runs once per bank (or domain) before any selection, so it is compiled fully optimized at once rather than starting at tier 0.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal InformationBounds(ItemColumns columns, double scaling, int[]? members)
    {
        members ??= Enumerable.Range(0, columns.Count).ToArray();
        int n = members.Length;
        Prefix = Math.Min(n, PrefixLength);
        _grid = new double[CellCount + 1];
        for (int k = 0; k <= CellCount; k++) _grid[k] = GridLower + k * CellWidth;

        // Critical points of every item (at most three for 1–4PL, the local maxima for GRM/GPCM/PCM), and the global maximum.
        var critical = new double[n][];
        var globalBound = new double[n];
        Span<double> roots = stackalloc double[3];
        for (int j = 0; j < n; j++)
        {
            int i = members[j];
            critical[j] = columns.Polytomous[i]
                ? PolytomousMaxima(columns.Parameters[i], scaling)
                : roots[..CriticalThetas(columns.A[i], columns.B[i], columns.C[i], columns.D[i], scaling, roots)].ToArray();
            double max = 0;
            foreach (double t in critical[j]) max = Math.Max(max, Information(columns, i, t, scaling));

            // Without a critical point (not expected) fall back to the crude bound I ≤ (D·a)²/4.
            globalBound[j] = critical[j].Length > 0 ? Inflate(max) : Inflate(scaling * scaling * columns.A[i] * columns.A[i] / 4.0);
        }

        _globalItems = (int[])members.Clone();
        _globalBounds = (double[])globalBound.Clone();
        SortDescending(_globalBounds, _globalItems);

        // Per cell: the bound is the largest of I at the two ends and at the critical points inside.
        _cellItems = new int[CellCount * Prefix];
        _cellBounds = new double[CellCount * Prefix];
        _cellRest = new double[CellCount];
        var atLeft = new double[n];
        var atRight = new double[n];
        for (int j = 0; j < n; j++) atRight[j] = Information(columns, members[j], _grid[0], scaling);
        var heapItems = new int[Prefix];
        var heapBounds = new double[Prefix];
        for (int k = 0; k < CellCount; k++)
        {
            (atLeft, atRight) = (atRight, atLeft);
            double left = _grid[k], right = _grid[k + 1];
            int size = 0;
            double rest = double.NegativeInfinity;
            for (int j = 0; j < n; j++)
            {
                int i = members[j];
                atRight[j] = Information(columns, i, right, scaling);
                double bound = Math.Max(atLeft[j], atRight[j]);
                foreach (double t in critical[j])
                {
                    if (t >= left && t <= right) bound = Math.Max(bound, Information(columns, i, t, scaling));
                }

                bound = Inflate(bound);
                rest = Math.Max(rest, TopPush(heapItems, heapBounds, ref size, i, bound));
            }

            var items = _cellItems.AsSpan(k * Prefix, Prefix);
            var bounds = _cellBounds.AsSpan(k * Prefix, Prefix);
            heapItems.AsSpan(0, size).CopyTo(items);
            heapBounds.AsSpan(0, size).CopyTo(bounds);
            SortDescending(bounds, items);
            _cellRest[k] = rest;
        }
    }

    /// <summary>Items kept per cell: min(bank size, <see cref="PrefixLength"/>).</summary>
    public int Prefix { get; }

    /// <summary>The bounds of <paramref name="bank"/>, built on first use and kept as long as the bank lives.</summary>
    /// <param name="bank">The bank.</param>
    /// <returns>Its bounds.</returns>
    public static InformationBounds For(ItemBank bank) =>
        Cache.GetValue(bank, static b => new InformationBounds(b.Columns, b.Metric.ScalingConstant));

    /// <summary>
    /// The bounds of <paramref name="bank"/>'s items in blueprint domain <paramref name="domain"/> (every item when
    /// negative), built on first use and kept as long as the bank lives: content-balanced selection searches one domain.
    /// </summary>
    /// <param name="bank">The bank.</param>
    /// <param name="domain">Blueprint domain index, or -1 for the whole bank.</param>
    /// <returns>The bounds.</returns>
    public static InformationBounds For(ItemBank bank, int domain)
    {
        if (domain < 0) return For(bank);
        // Every domain at once, so no later selection in a session builds (and allocates) anything.
        return DomainCache.GetValue(bank, static b =>
        {
            var subsets = BankSubsets.For(b);
            var all = new InformationBounds[b.Blueprint.Domains.Count];
            for (int d = 0; d < all.Length; d++) all[d] = new InformationBounds(b.Columns, b.Metric.ScalingConstant, subsets.Domain(d));
            return all;
        })[domain];
    }

    /// <summary>Grid point <paramref name="k"/> (cell k spans points k and k + 1).</summary>
    public double GridPoint(int k) => _grid[k];

    /// <summary>The cell whose closed interval holds θ, or -1 when θ is outside the grid (or NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CellOf(double theta)
    {
        if (!(theta >= GridLower && theta <= GridUpper)) return -1;
        int k = Math.Min((int)((theta - GridLower) / CellWidth), CellCount - 1);

        // Settle rounding at the cell edges against the very grid values the bounds were computed at.
        if (theta < _grid[k]) k--;
        else if (theta > _grid[k + 1]) k++;
        return k >= 0 && k < CellCount && theta >= _grid[k] && theta <= _grid[k + 1] ? k : -1;
    }

    /// <summary>Cell <paramref name="cell"/>'s items in decreasing bound order.</summary>
    public ReadOnlySpan<int> CellItems(int cell) => _cellItems.AsSpan(cell * Prefix, Prefix);

    /// <summary>The bounds aligned with <see cref="CellItems"/>.</summary>
    public ReadOnlySpan<double> CellBounds(int cell) => _cellBounds.AsSpan(cell * Prefix, Prefix);

    /// <summary>The largest bound over the cell among the items not in <see cref="CellItems"/> (−∞ when none).</summary>
    public double CellRest(int cell) => _cellRest[cell];

    /// <summary>Every item in decreasing order of its maximum information over θ.</summary>
    public ReadOnlySpan<int> GlobalItems => _globalItems;

    /// <summary>The bounds aligned with <see cref="GlobalItems"/>.</summary>
    public ReadOnlySpan<double> GlobalBounds => _globalBounds;

    /// <summary>
    /// The θ values where the item's information has a critical point (its maxima among them), from the roots in
    /// (0, 1) of N(s) = 2r²s³ − 3r(1 − 2c)s² + (r(1 − 2c) − 4c(1 − c))s + 2c(1 − c), r = d − c, which has the sign of
    /// d log I / dθ (for the 3PL it factors into Birnbaum's quadratic; Magis, 2013, for the 4PL). N′ splits (0, 1) into
    /// at most three pieces on which N is monotone; each piece with a sign change holds one root, found by bisection
    /// on the well-conditioned form h(s) = 2/s − 2/(1 − s) − r/P + r/Q of the same sign.
    /// </summary>
    /// <param name="a">Discrimination.</param>
    /// <param name="b">Difficulty.</param>
    /// <param name="c">Lower asymptote.</param>
    /// <param name="d">Upper asymptote.</param>
    /// <param name="scaling">Scaling constant D.</param>
    /// <param name="destination">At least three slots.</param>
    /// <returns>How many critical points were written.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int CriticalThetas(double a, double b, double c, double d, double scaling, Span<double> destination)
    {
        double r = d - c;
        double quadA = 6.0 * r * r, quadB = -6.0 * r * (1.0 - 2.0 * c), quadC = r * (1.0 - 2.0 * c) - 4.0 * c * (1.0 - c);
        Span<double> cuts = stackalloc double[4];
        int cutCount = 0;
        cuts[cutCount++] = 0.0;
        double disc = quadB * quadB - 4.0 * quadA * quadC;
        if (disc > 0)
        {
            double root = Math.Sqrt(disc);
            double q = -0.5 * (quadB + (quadB >= 0 ? root : -root));
            double s1 = q / quadA, s2 = q != 0 ? quadC / q : s1;
            double lo = Math.Min(s1, s2), hi = Math.Max(s1, s2);
            if (lo > 0 && lo < 1) cuts[cutCount++] = lo;
            if (hi > 0 && hi < 1 && hi > lo) cuts[cutCount++] = hi;
        }

        cuts[cutCount++] = 1.0;
        int found = 0;
        for (int j = 0; j + 1 < cutCount; j++)
        {
            double left = cuts[j], right = cuts[j + 1];
            int signLeft = SignAt(left, c, r), signRight = SignAt(right, c, r);
            if (signLeft == 0 && j > 0)
            {
                destination[found++] = ThetaOf(left, a, b, scaling);
                continue;
            }

            if (signLeft == 0 || signRight == 0 || signLeft == signRight) continue;
            for (int iteration = 0; iteration < 200; iteration++)
            {
                double mid = 0.5 * (left + right);
                if (mid <= left || mid >= right) break;
                int sign = SignAt(mid, c, r);
                if (sign == 0)
                {
                    left = right = mid;
                    break;
                }

                if (sign == signLeft) left = mid;
                else right = mid;
            }

            destination[found++] = ThetaOf(0.5 * (left + right), a, b, scaling);
        }

        return found;
    }

    /// <summary>The sign of d log I/ds at s, with the limits at the ends: + as s → 0, − as s → 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SignAt(double s, double c, double r)
    {
        if (s <= 0) return 1;
        if (s >= 1) return -1;
        double p = c + r * s, q = 1.0 - p;
        double h = (2.0 / s - 2.0 / (1.0 - s)) + (r / q - r / p);
        return h > 0 ? 1 : h < 0 ? -1 : 0;
    }

    private static double ThetaOf(double s, double a, double b, double scaling) => b + Math.Log(s / (1.0 - s)) / (scaling * a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Information(ItemColumns columns, int i, double theta, double scaling) => columns.Information(i, theta, scaling);

    /// <summary>
    /// The local maxima of a GRM/GPCM/PCM item's information (one bump per threshold or fewer; no closed form): its
    /// θ-derivative Σ P_k·u_k·(u_k² + 2u′_k) is scanned from 3 + 5/(D·a) below the lowest threshold (and the grid) to as
    /// far above the highest, at steps of min(0.005, 0.05/(D·a)), and every + → − change is bisected to machine precision. Two maxima
    /// closer than a step would need D·a far above any calibrated slope. Beyond the scanned range the information
    /// only falls toward 0, so these points and the cell ends bound it everywhere.
    /// </summary>
    internal static double[] PolytomousMaxima(in ItemParameters item, double scaling)
    {
        var thresholds = item.Thresholds;
        double margin = 3.0 + 5.0 / (scaling * item.A);
        double lower = Math.Min(GridLower, thresholds.Min()) - margin, upper = Math.Max(GridUpper, thresholds.Max()) + margin;
        double step = Math.Min(0.005, 0.05 / (scaling * item.A));
        int points = (int)Math.Ceiling((upper - lower) / step);
        var maxima = new List<double>();
        double previousTheta = lower, previousSlope = CategoryTerms.InformationAndSlope(item, lower, scaling).Slope;

        // A range end where the information still rises outward counts as a candidate too (not expected).
        if (previousSlope < 0) maxima.Add(lower);
        for (int k = 1; k <= points; k++)
        {
            double theta = k == points ? upper : lower + k * step;
            double slope = CategoryTerms.InformationAndSlope(item, theta, scaling).Slope;
            if (previousSlope > 0 && slope <= 0)
            {
                double left = previousTheta, right = theta;
                for (int iteration = 0; iteration < 100; iteration++)
                {
                    double mid = 0.5 * (left + right);
                    if (mid <= left || mid >= right) break;
                    if (CategoryTerms.InformationAndSlope(item, mid, scaling).Slope > 0) left = mid;
                    else right = mid;
                }

                maxima.Add(0.5 * (left + right));
            }

            previousTheta = theta;
            previousSlope = slope;
        }

        if (previousSlope > 0) maxima.Add(upper);
        return maxima.ToArray();
    }

    private static double Inflate(double bound) => bound * Inflation;

    /// <summary>
    /// Offers (item, bound) to a min-heap holding the largest bounds (ties: lower index kept); returns the bound pushed
    /// out or refused, or −∞ when nothing left the heap.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double TopPush(int[] items, double[] bounds, ref int size, int item, double bound)
    {
        if (size < items.Length)
        {
            int at = size++;
            while (at > 0)
            {
                int parent = (at - 1) / 2;
                if (!Worse(bound, item, bounds[parent], items[parent])) break;
                items[at] = items[parent];
                bounds[at] = bounds[parent];
                at = parent;
            }

            items[at] = item;
            bounds[at] = bound;
            return double.NegativeInfinity;
        }

        if (size == 0 || !Worse(bounds[0], items[0], bound, item)) return bound;
        double evicted = bounds[0];
        int hole = 0;
        while (true)
        {
            int child = 2 * hole + 1;
            if (child >= size) break;
            if (child + 1 < size && Worse(bounds[child + 1], items[child + 1], bounds[child], items[child])) child++;
            if (!Worse(bounds[child], items[child], bound, item)) break;
            items[hole] = items[child];
            bounds[hole] = bounds[child];
            hole = child;
        }

        items[hole] = item;
        bounds[hole] = bound;
        return evicted;
    }

    /// <summary>Heap order: a smaller bound is worse; at equal bounds the higher index is worse.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Worse(double bound, int item, double otherBound, int otherItem) =>
        bound < otherBound || (bound == otherBound && item > otherItem);

    /// <summary>
    /// Sorts by decreasing bound, ties by increasing index: a heap sort on <see cref="Worse"/>, a strict total order, so
    /// the result is the one order any sort gives (no generic sort of tuples and comparer to compile per process).
    /// </summary>
    private static void SortDescending(Span<double> bounds, Span<int> items)
    {
        int n = bounds.Length;
        for (int start = n / 2 - 1; start >= 0; start--) SiftDown(bounds, items, start, n);
        for (int end = n - 1; end > 0; end--)
        {
            // The worst left goes to the back.
            (bounds[0], bounds[end]) = (bounds[end], bounds[0]);
            (items[0], items[end]) = (items[end], items[0]);
            SiftDown(bounds, items, 0, end);
        }
    }

    /// <summary>Restores the worst-at-the-root heap below <paramref name="at"/> in the first <paramref name="size"/> entries.</summary>
    private static void SiftDown(Span<double> bounds, Span<int> items, int at, int size)
    {
        double bound = bounds[at];
        int item = items[at];
        while (true)
        {
            int child = 2 * at + 1;
            if (child >= size) break;
            if (child + 1 < size && Worse(bounds[child + 1], items[child + 1], bounds[child], items[child])) child++;
            if (!Worse(bounds[child], items[child], bound, item)) break;
            bounds[at] = bounds[child];
            items[at] = items[child];
            at = child;
        }

        bounds[at] = bound;
        items[at] = item;
    }
}
