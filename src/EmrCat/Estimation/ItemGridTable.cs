using System.Runtime.CompilerServices;
using EmrCat.Irt;

namespace EmrCat.Estimation;

/// <summary>What an <see cref="ItemGridTable"/> holds per item and grid point.</summary>
internal enum GridTableKind
{
    /// <summary>EAP: log P (right) and log Q (wrong), as <c>EapEstimator</c> accumulates them.</summary>
    LogLikelihood,

    /// <summary>ML: the score dlogL/dθ of a right and of a wrong answer, from <see cref="GridScore"/>.</summary>
    MaximumLikelihoodScore,
}

/// <summary>The grid and metric a table was computed on; equal keys mean equal grids (they are computed from these values).</summary>
internal readonly record struct GridTableKey(GridTableKind Kind, double Lower, double Upper, int Points, double Scaling);

/// <summary>
/// Per bank, each item's contribution to an estimator's running grid sums for every answer it can get (right and wrong;
/// each category of a polytomous item for the log-likelihood), computed once with the estimator's own kernel. Adding a
/// row is then O(grid) additions instead of O(grid) exp/log evaluations, and the sums are bit-for-bit those the kernel
/// would give (the same values added in the same order). Built on first use for a (bank, grid) and kept while the bank
/// lives; not built for banks whose table would exceed <see cref="MaxEntries"/> values (those answers are computed as
/// before). Polytomous items have log-likelihood rows only (the ML score table holds right/wrong items).
/// </summary>
internal sealed class ItemGridTable
{
    /// <summary>Largest table kept: 4M doubles (32 MB), e.g. 10,000 items on a 201-point grid.</summary>
    public const long MaxEntries = 1L << 22;

    private static readonly ConditionalWeakTable<ItemParameters[], Tables> Cache = new();

    private readonly double[] _right;
    private readonly double[] _wrong;
    private readonly bool[] _has;
    private readonly int _points;

    // Polytomous items' category rows (log-likelihood tables only): item i's category k is row _firstCategoryRow[i] + k
    // of _categories; -1 when the item has none.
    private readonly int[] _firstCategoryRow;
    private readonly double[] _categories;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ItemGridTable(ItemParameters[] items, GridTableKey key, ReadOnlySpan<double> grid)
    {
        int n = items.Length;
        _points = grid.Length;
        _right = new double[n * _points];
        _wrong = new double[n * _points];
        _has = new bool[n];
        _firstCategoryRow = new int[n];
        int categoryRows = 0;
        for (int i = 0; i < n; i++)
        {
            _firstCategoryRow[i] = -1;
            if (items[i].IsPolytomous)
            {
                if (key.Kind != GridTableKind.LogLikelihood) continue;
                _firstCategoryRow[i] = categoryRows;
                categoryRows += items[i].Categories;
                continue;
            }

            _has[i] = true;
            Fill(key, items[i], grid, true, _right.AsSpan(i * _points, _points));
            Fill(key, items[i], grid, false, _wrong.AsSpan(i * _points, _points));
        }

        _categories = new double[categoryRows * _points];
        for (int i = 0; i < n; i++)
        {
            if (_firstCategoryRow[i] < 0) continue;
            for (int k = 0; k < items[i].Categories; k++)
            {
                var row = _categories.AsSpan((_firstCategoryRow[i] + k) * _points, _points);
                for (int g = 0; g < row.Length; g++) row[g] = CategoryTerms.LogProbability(items[i], grid[g], key.Scaling, k);
            }
        }
    }

    /// <summary>
    /// The table of a bank's items (<paramref name="items"/>: the bank's own parameter array, by bank index, which lives
    /// as long as the bank and keys the cache) for <paramref name="key"/> on <paramref name="grid"/>, or null when the
    /// bank is too large to tabulate.
    /// </summary>
    public static ItemGridTable? For(ItemParameters[] items, GridTableKey key, ReadOnlySpan<double> grid)
    {
        long rows = 2L * items.Length;
        if (key.Kind == GridTableKind.LogLikelihood)
        {
            foreach (var item in items) rows += item.IsPolytomous ? item.Categories : 0;
        }

        if (rows * grid.Length > MaxEntries) return null;
        var tables = Cache.GetValue(items, static _ => new Tables());
        if (tables.TryFind(key, out var table)) return table;
        lock (tables)
        {
            if (tables.TryFind(key, out table)) return table;
            table = new ItemGridTable(items, key, grid);
            tables.Add(key, table);
            return table;
        }
    }

    /// <summary>The row of bank item <paramref name="index"/> for a right (or wrong) answer; false for a polytomous item.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetRow(int index, bool correct, out ReadOnlySpan<double> row)
    {
        if ((uint)index >= (uint)_has.Length || !_has[index])
        {
            row = default;
            return false;
        }

        row = (correct ? _right : _wrong).AsSpan(index * _points, _points);
        return true;
    }

    /// <summary>
    /// A bank's tables by key: a copy-on-write array searched in order (a bank has one or two grids; a concurrent
    /// dictionary keyed by the struct cost more to compile per process than it saved). Added to under its own lock.
    /// </summary>
    private sealed class Tables
    {
        private (GridTableKey Key, ItemGridTable Table)[] _entries = [];

        public bool TryFind(GridTableKey key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ItemGridTable? table)
        {
            foreach (var entry in Volatile.Read(ref _entries))
            {
                if (entry.Key == key)
                {
                    table = entry.Table;
                    return true;
                }
            }

            table = null;
            return false;
        }

        public void Add(GridTableKey key, ItemGridTable table) => Volatile.Write(ref _entries, [.. _entries, (key, table)]);
    }

    /// <summary>
    /// The row of bank item <paramref name="index"/> for an answer in <paramref name="category"/> (1 right or 0 wrong for
    /// a right/wrong item, 0..K−1 for a polytomous one); false when the table has none (a polytomous item in a table
    /// other than the log-likelihood's, or an index outside the bank).
    /// </summary>
    public bool TryGetRow(int index, int category, out ReadOnlySpan<double> row)
    {
        if ((uint)index < (uint)_firstCategoryRow.Length && _firstCategoryRow[index] >= 0)
        {
            row = _categories.AsSpan((_firstCategoryRow[index] + category) * _points, _points);
            return true;
        }

        return TryGetRow(index, category == 1, out row);
    }

    /// <summary>One row with the estimator's kernel: exactly the value that kernel adds at each point.</summary>
    private static void Fill(GridTableKey key, in ItemParameters item, ReadOnlySpan<double> grid, bool correct, Span<double> row)
    {
        if (key.Kind == GridTableKind.MaximumLikelihoodScore)
        {
            // GridScore adds +score or −score to 0; x + (−s) is x − s exactly, so adding the row equals the kernel's update.
            row.Clear();
            GridScore.Add(row, grid, item, correct ? 1 : 0, key.Scaling);
            return;
        }

        for (int k = 0; k < row.Length; k++)
        {
            var t = ResponseTerms.At(item, grid[k], key.Scaling);
            row[k] = Math.Log(correct ? t.P : t.Q);
        }
    }
}
