namespace EmrCat.Selection;

/// <summary>
/// Content balancing to the bank's blueprint (Kingsbury &amp; Zara's constrained CAT): choose the domain furthest below
/// its target share — the largest target·(n + 1) − given — among domains that still have an eligible item, then let the
/// inner selector pick within it. Ties go to the earlier domain. With no blueprint it simply delegates.
/// </summary>
public sealed class ContentBalancingSelector : IItemSelector
{
    private readonly IItemSelector _inner;

    /// <summary>Wraps a selector.</summary>
    /// <param name="inner">Picks the item within the chosen domain.</param>
    public ContentBalancingSelector(IItemSelector inner) => _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc />
    public bool TrySelect(in SelectionContext context, out int item) => (item = Select(context)) >= 0;

    /// <summary>The chosen bank index, or -1 when none is eligible (what <see cref="TrySelect"/> reports).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal int Select(in SelectionContext context)
    {
        var domains = context.Bank.Blueprint.Domains;
        if (domains.Count == 0 || context.DomainCounts.Length != domains.Count) return _inner.SelectOrNone(context);

        int given = 0;
        foreach (int c in context.DomainCounts) given += c;

        // Whether a domain still has an available item is asked only of a domain that would win on its deficit, and
        // answered from that domain's own items: the same choice as checking every domain first.
        var subsets = BankSubsets.For(context.Bank);
        int chosen = -1;
        double largestDeficit = double.NegativeInfinity;
        for (int d = 0; d < domains.Count; d++)
        {
            double deficit = domains[d].TargetShare * (given + 1) - context.DomainCounts[d];
            if (deficit > largestDeficit + 1e-12 && AnyAvailable(subsets.Domain(d), context.Available))
            {
                largestDeficit = deficit;
                chosen = d;
            }
        }

        return chosen < 0 ? _inner.SelectOrNone(context) : _inner.SelectOrNone(context.WithDomain(chosen));
    }

    private static bool AnyAvailable(ReadOnlySpan<int> items, ReadOnlySpan<bool> available)
    {
        foreach (int i in items)
        {
            if (available[i]) return true;
        }

        return false;
    }
}
