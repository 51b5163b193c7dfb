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
    /// <param name="item">The chosen item's index in the bank; meaningless when the method returns false.</param>
    /// <returns>True when an item was chosen; false when no eligible item is left (the session then ends <c>BankExhausted</c>
    /// unless it can release held-back items).</returns>
    bool TrySelect(in SelectionContext context, out int item);
}

/// <summary>The library's own selectors work on a bank index with -1 for "none" inside the hot path; this is the one bridge.</summary>
internal static class ItemSelection
{
    /// <summary>The internal index for "no item".</summary>
    internal const int None = -1;

    /// <summary>The chosen index, or <see cref="None"/>.</summary>
    internal static int SelectOrNone(this IItemSelector selector, in SelectionContext context) =>
        selector.TrySelect(context, out int item) ? item : None;
}

/// <summary>
/// What a selector sees at one step. Never carries answers or keys. Sessions build it; a custom selector's tests build
/// it with the public constructor, and draw replayable random numbers with <see cref="Uniform"/> and <see cref="Below"/>.
/// </summary>
public readonly ref struct SelectionContext
{
    /// <summary>A context for any domain, as a custom selector's test or a custom runner builds it.</summary>
    /// <param name="bank">The bank.</param>
    /// <param name="theta">The current ability estimate.</param>
    /// <param name="available">Per bank item, whether it may be given now; as long as the bank.</param>
    /// <param name="step">0-based position of the item being chosen.</param>
    /// <param name="seed">The session seed.</param>
    /// <param name="scoredCount">Scored items answered so far.</param>
    /// <param name="domainCounts">Scored items given so far per blueprint domain; empty, or one count per domain.</param>
    /// <exception cref="ArgumentException">The mask or the domain counts do not fit the bank, or a count is negative.</exception>
    public SelectionContext(ItemBank bank, double theta, ReadOnlySpan<bool> available, int step, ulong seed, int scoredCount = 0, ReadOnlySpan<int> domainCounts = default)
        : this(bank, theta, available, AnyDomain, step, seed, scoredCount, domainCounts, default, default)
    {
        ArgumentNullException.ThrowIfNull(bank);
        if (available.Length != bank.Count) throw new ArgumentException($"The availability mask has {available.Length} entries, but the bank has {bank.Count} items.", nameof(available));
        if (!domainCounts.IsEmpty && domainCounts.Length != bank.Blueprint.Domains.Count) throw new ArgumentException($"There are {domainCounts.Length} domain counts, but the blueprint has {bank.Blueprint.Domains.Count} domains.", nameof(domainCounts));
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfNegative(scoredCount);
    }

    /// <summary>The internal value of <see cref="DomainFilter"/> for "any domain".</summary>
    internal const int AnyDomain = -1;

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

    /// <summary>Blueprint domain index the item must come from, or null for any.</summary>
    public int? Domain => DomainFilter == AnyDomain ? null : DomainFilter;

    /// <summary>Blueprint domain index the item must come from, or <see cref="AnyDomain"/>; the hot path reads it without a null check.</summary>
    internal int DomainFilter { get; }

    /// <summary>0-based position of the item being chosen (used to derive replayable random draws).</summary>
    public int Step { get; }

    /// <summary>The session seed.</summary>
    public ulong Seed { get; }

    /// <summary>Scored items given so far per blueprint domain (empty when the bank has no blueprint).</summary>
    public ReadOnlySpan<int> DomainCounts { get; }

    /// <summary>Scored items answered so far.</summary>
    public int ScoredCount { get; }

    internal SessionRandom Random => new(Seed);

    /// <summary>
    /// A uniform draw in [0, 1) that is a pure function of (<see cref="Seed"/>, <see cref="Step"/>, <paramref name="draw"/>),
    /// on a stream of its own: a custom selector's choices replay with the session and never disturb the library's draws.
    /// </summary>
    /// <param name="draw">Which draw of this step (0, 1, ...).</param>
    /// <returns>The draw.</returns>
    public double Uniform(int draw = 0) => Random.Uniform(Step, SessionRandom.CustomSelector, draw);

    /// <summary>A uniform integer in [0, <paramref name="count"/>), replayable as <see cref="Uniform"/>.</summary>
    /// <param name="count">How many values; at least 1.</param>
    /// <param name="draw">Which draw of this step.</param>
    /// <returns>The draw.</returns>
    public int Below(int count, int draw = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Random.Below(count, Step, SessionRandom.CustomSelector, draw);
    }

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
