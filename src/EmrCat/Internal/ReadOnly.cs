using System.Collections.ObjectModel;

namespace EmrCat.Internal;

/// <summary>
/// Copies of what callers hand in, so a public value never shares a collection its creator can still change (nor one
/// a reader can cast back to something writable). Null stays null for the validators to report.
/// </summary>
internal static class ReadOnly
{
    // A list this class made wraps an array nobody else holds, so it never changes: it is passed on as it is (a
    // session result's items carry their bank item's key and tags without copying them again per answer).
    public static IReadOnlyList<T> Copy<T>(IEnumerable<T> source) =>
        source switch
        {
            null => null!,
            Frozen<T> frozen => frozen,
            _ => new Frozen<T>(source.ToArray()),
        };

    /// <summary>The read-only wrapper <see cref="Copy{T}(IEnumerable{T})"/> puts around its own fresh array.</summary>
    private sealed class Frozen<T>(T[] items) : ReadOnlyCollection<T>(items);

    // Keeps the caller's order: a frozen dictionary's order follows string hashing, which differs between processes,
    // and snapshots are serialized (and checksummed) in enumeration order.
    public static IReadOnlyDictionary<TKey, TValue> Copy<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> source)
        where TKey : notnull =>
        source is null ? null! : new ReadOnlyDictionary<TKey, TValue>(new Dictionary<TKey, TValue>(source, source is Dictionary<TKey, TValue> d ? d.Comparer : EqualityComparer<TKey>.Default));
}
