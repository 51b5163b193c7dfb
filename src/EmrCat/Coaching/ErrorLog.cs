using System.Collections.Immutable;

namespace EmrCat.Coaching;

/// <summary>
/// The candidate's error log: one entry per missed scored item. Immutable: overriding a bucket returns a new log and
/// leaves this one as it was. Build one with <see cref="ErrorLogBuilder"/>, or rehydrate a stored one with the constructor.
/// </summary>
public sealed class ErrorLog
{
    private readonly ImmutableArray<ErrorLogEntry> _entries;

    /// <summary>Creates a log from entries (for example ones a host stored).</summary>
    /// <param name="entries">The entries; item ids must be unique.</param>
    /// <param name="medianResponseTime">The candidate's median response time the pacing evidence used, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An entry is null, or an item id repeats.</exception>
    public ErrorLog(IEnumerable<ErrorLogEntry> entries, TimeSpan? medianResponseTime = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in _entries)
        {
            if (e is null) throw new ArgumentException("An error log entry is null.", nameof(entries));
            if (!seen.Add(e.ItemId)) throw new ArgumentException($"Item '{e.ItemId}' appears twice in the error log; every miss is logged once.", nameof(entries));
            if (!Enum.IsDefined(e.SuggestedBucket) || (e.BucketOverride is { } o && !Enum.IsDefined(o)))
            {
                throw new ArgumentException($"Item '{e.ItemId}' has an undefined bucket.", nameof(entries));
            }
        }

        MedianResponseTime = medianResponseTime;
    }

    /// <summary>The entries, in the order the items were answered.</summary>
    public IReadOnlyList<ErrorLogEntry> Entries => _entries;

    /// <summary>The candidate's median response time over all answered items, or <see langword="null"/> when there were too few to trust one.</summary>
    public TimeSpan? MedianResponseTime { get; }

    /// <summary>The number of misses logged.</summary>
    public int Count => _entries.Length;

    /// <summary>The entry of an item, or <see langword="null"/>.</summary>
    /// <param name="itemId">The item id.</param>
    /// <returns>The entry or null.</returns>
    public ErrorLogEntry? Find(string itemId) => _entries.FirstOrDefault(e => string.Equals(e.ItemId, itemId, StringComparison.Ordinal));

    /// <summary>A new log in which the candidate has put the item in <paramref name="bucket"/>; this log is unchanged.</summary>
    /// <param name="itemId">The missed item.</param>
    /// <param name="bucket">The candidate's bucket.</param>
    /// <returns>The new log.</returns>
    /// <exception cref="ArgumentException">The item is not in the log.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The bucket is not defined.</exception>
    public ErrorLog WithBucket(string itemId, ErrorBucket bucket)
    {
        if (!Enum.IsDefined(bucket)) throw new ArgumentOutOfRangeException(nameof(bucket), bucket, "Unknown error bucket.");
        return Replace(itemId, e => e with { BucketOverride = bucket });
    }

    /// <summary>A new log in which the item's override is removed, so the suggestion is in force again.</summary>
    /// <param name="itemId">The missed item.</param>
    /// <returns>The new log.</returns>
    /// <exception cref="ArgumentException">The item is not in the log.</exception>
    public ErrorLog WithSuggestedBucket(string itemId) => Replace(itemId, e => e with { BucketOverride = null });

    /// <summary>
    /// Misses per bucket, ranked by cost: the buckets with at least one miss, ordered by total cost (sum of the entries'
    /// <see cref="ErrorLogEntry.Cost"/>) descending, ties broken by more misses first, then by the bucket's declaration
    /// order in <see cref="ErrorBucket"/>. Every miss is counted exactly once, in the bucket in force.
    /// </summary>
    /// <returns>The summary.</returns>
    public ErrorLogSummary Summarize()
    {
        var buckets = _entries
            .GroupBy(e => e.Bucket)
            .Select(g => new BucketSummary(g.Key, g.Count(), g.Sum(e => e.Cost), [.. g.Select(e => e.ItemId)]))
            .OrderByDescending(b => b.Cost)
            .ThenByDescending(b => b.Misses)
            .ThenBy(b => (int)b.Bucket)
            .ToImmutableArray();
        return new ErrorLogSummary(buckets);
    }

    private ErrorLog Replace(string itemId, Func<ErrorLogEntry, ErrorLogEntry> change)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        int index = -1;
        for (int i = 0; i < _entries.Length; i++)
        {
            if (string.Equals(_entries[i].ItemId, itemId, StringComparison.Ordinal))
            {
                index = i;
                break;
            }
        }

        if (index < 0) throw new ArgumentException($"Item '{itemId}' is not in the error log (only missed scored items are).", nameof(itemId));
        return new ErrorLog(_entries.SetItem(index, change(_entries[index])), MedianResponseTime);
    }
}
