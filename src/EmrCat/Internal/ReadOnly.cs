using System.Collections.ObjectModel;

namespace EmrCat.Internal;

/// <summary>
/// Copies of what callers hand in, so a public value never shares a collection its creator can still change (nor one
/// a reader can cast back to something writable). Null stays null for the validators to report.
/// </summary>
internal static class ReadOnly
{
    public static IReadOnlyList<T> Copy<T>(IEnumerable<T> source) =>
        source is null ? null! : Array.AsReadOnly(source.ToArray());

    // Keeps the caller's order: a frozen dictionary's order follows string hashing, which differs between processes,
    // and snapshots are serialized (and checksummed) in enumeration order.
    public static IReadOnlyDictionary<TKey, TValue> Copy<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> source)
        where TKey : notnull =>
        source is null ? null! : new ReadOnlyDictionary<TKey, TValue>(new Dictionary<TKey, TValue>(source, source is Dictionary<TKey, TValue> d ? d.Comparer : EqualityComparer<TKey>.Default));
}
