using EmrCat.Banks;
using EmrCat.Internal;

namespace EmrCat.Selection;

/// <summary>
/// Chooses the next item among the available ones. Implementations are immutable and thread-safe; decorators
/// (content balancing, exposure control, randomesque) wrap a ranking selector.
/// </summary>
public interface IItemSelector
{
    /// <summary>Picks an item.</summary>
    /// <param name="context">The bank, the current θ̂, which items are available, and the session's random source.</param>
    /// <returns>The chosen item's index in the bank, or -1 when no item is available.</returns>
    int Select(in SelectionContext context);
}

/// <summary>What a selector sees at one step. Never carries answers or keys.</summary>
public readonly ref struct SelectionContext
{
    internal SelectionContext(ItemBank bank, double theta, ReadOnlySpan<bool> available, int domainFilter, int step, ulong seed, int scoredCount, ReadOnlySpan<int> domainCounts)
        : this(bank, theta, available, domainFilter, step, seed, scoredCount, domainCounts, default, default)
    {
    }

    /// <summary>
    /// A context whose session lets exposure control withdraw items: <paramref name="withdraw"/> is the session's own
    /// availability mask (the memory behind <paramref name="available"/>), and <paramref name="rejections"/>, when not
    /// empty, counts per bank item how often the exposure draw turned it down (a simulation's calibration tally).
    /// </summary>
    internal SelectionContext(ItemBank bank, double theta, ReadOnlySpan<bool> available, int domainFilter, int step, ulong seed, int scoredCount, ReadOnlySpan<int> domainCounts, Span<bool> withdraw, Span<int> rejections)
    {
        Withdraw = withdraw;
        Rejections = rejections;
        DomainCounts = domainCounts;
        Bank = bank;
        Theta = theta;
        Available = available;
        DomainFilter = domainFilter;
        Step = step;
        Seed = seed;
        ScoredCount = scoredCount;
    }

    /// <summary>The bank.</summary>
    public ItemBank Bank { get; }

    /// <summary>The current ability estimate.</summary>
    public double Theta { get; }

    /// <summary>Per bank item: true when it may be given now (not yet given, no enemy given, right status, not excluded).</summary>
    public ReadOnlySpan<bool> Available { get; }

    /// <summary>Blueprint domain index the item must come from, or -1 for any.</summary>
    public int DomainFilter { get; }

    /// <summary>0-based position of the item being chosen (used to derive replayable random draws).</summary>
    public int Step { get; }

    /// <summary>The session seed.</summary>
    public ulong Seed { get; }

    /// <summary>Scored items given so far per blueprint domain (empty when the bank has no blueprint).</summary>
    public ReadOnlySpan<int> DomainCounts { get; }

    /// <summary>Scored items answered so far.</summary>
    public int ScoredCount { get; }

    internal SessionRandom Random => new(Seed);

    /// <summary>The session's availability mask, writable, so an item turned down by the exposure draw is out for the rest of the test; empty when the caller gives none.</summary>
    internal Span<bool> Withdraw { get; }

    /// <summary>Per bank item, exposure-draw rejections (empty unless a simulation counts them).</summary>
    internal Span<int> Rejections { get; }

    /// <summary>Whether item <paramref name="index"/> is available and in the domain filter.</summary>
    /// <param name="index">Bank index.</param>
    /// <returns>True when eligible.</returns>
    public bool IsEligible(int index) => Available[index] && (DomainFilter < 0 || Bank.Columns.DomainIndex[index] == DomainFilter);

    /// <summary>The same context restricted to one domain.</summary>
    /// <param name="domain">Blueprint domain index.</param>
    /// <returns>The restricted context.</returns>
    public SelectionContext WithDomain(int domain) => new(Bank, Theta, Available, domain, Step, Seed, ScoredCount, DomainCounts, Withdraw, Rejections);

    /// <summary>The same context with another availability mask (exposure control can then only set items aside for this step).</summary>
    /// <param name="available">The mask.</param>
    /// <returns>The new context.</returns>
    public SelectionContext WithAvailable(ReadOnlySpan<bool> available) => new(Bank, Theta, available, DomainFilter, Step, Seed, ScoredCount, DomainCounts);
}
