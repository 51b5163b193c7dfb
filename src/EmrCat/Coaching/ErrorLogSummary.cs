namespace EmrCat.Coaching;

/// <summary>The misses of one bucket.</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Misses">How many misses are in it (≥ 1 in a summary).</param>
/// <param name="Cost">Their summed cost in scaled-score points.</param>
/// <param name="ItemIds">The missed items, in the order they were answered.</param>
public sealed record BucketSummary(ErrorBucket Bucket, int Misses, double Cost, IReadOnlyList<string> ItemIds);

/// <summary>An error log summed by bucket and ranked by cost (see <see cref="ErrorLog.Summarize"/>).</summary>
/// <param name="Buckets">The buckets with at least one miss, most costly first.</param>
public sealed record ErrorLogSummary(IReadOnlyList<BucketSummary> Buckets)
{
    /// <summary>All misses (each counted once).</summary>
    public int TotalMisses => Buckets.Sum(b => b.Misses);

    /// <summary>The summed cost of all misses in scaled-score points.</summary>
    public double TotalCost => Buckets.Sum(b => b.Cost);

    /// <summary>The misses in one bucket; 0 when it has none.</summary>
    /// <param name="bucket">The bucket.</param>
    /// <returns>The count.</returns>
    public int MissesIn(ErrorBucket bucket) => Buckets.FirstOrDefault(b => b.Bucket == bucket)?.Misses ?? 0;
}
