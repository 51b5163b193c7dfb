using System.Runtime.CompilerServices;
using EmrCat.Banks;

namespace EmrCat.Selection;

/// <summary>
/// Per bank, the bank indices of each blueprint domain's items and of the pilot items, in increasing order, built once
/// and kept while the bank lives. Selectors that only ever pick from one of these sets scan it instead of the whole
/// bank; because the order is the bank's, every scan sees the eligible items in the order a full scan would.
/// </summary>
internal sealed class BankSubsets
{
    private static readonly ConditionalWeakTable<ItemBank, BankSubsets> Cache = new();
    private readonly int[][] _domains;

    private BankSubsets(ItemColumns columns, int domainCount)
    {
        var lists = new List<int>[domainCount];
        for (int d = 0; d < domainCount; d++) lists[d] = [];
        var pilots = new List<int>();
        for (int i = 0; i < columns.Count; i++)
        {
            int domain = columns.DomainIndex[i];
            if (domain >= 0 && domain < domainCount) lists[domain].Add(i);
            if (columns.IsPilot[i]) pilots.Add(i);
        }

        _domains = lists.Select(l => l.ToArray()).ToArray();
        Pilots = pilots.ToArray();
        PilotMask = (bool[])columns.IsPilot.Clone();
        ScoredMask = Array.ConvertAll(columns.IsPilot, pilot => !pilot);
    }

    /// <summary>Bank indices of the pilot items, increasing.</summary>
    public int[] Pilots { get; }

    /// <summary>Per bank item, whether it is a pilot item (shared: never write it; a session copies it into its own mask).</summary>
    public bool[] PilotMask { get; }

    /// <summary>Per bank item, whether it is a scored item (shared: never write it).</summary>
    public bool[] ScoredMask { get; }

    /// <summary>The subsets of <paramref name="bank"/>.</summary>
    public static BankSubsets For(ItemBank bank) => Cache.GetValue(bank, static b => new BankSubsets(b.Columns, b.Blueprint.Domains.Count));

    /// <summary>Bank indices of blueprint domain <paramref name="domain"/>'s items, increasing.</summary>
    public int[] Domain(int domain) => _domains[domain];
}
