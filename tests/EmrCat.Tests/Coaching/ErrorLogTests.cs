using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using EmrCat.Tests.Reporting;

namespace EmrCat.Tests.Coaching;

public class ErrorLogTests
{
    private static ErrorLog Sample() => new(
    [
        ErrorLogEntries.Entry("k1", ErrorBucket.DomainKnowledge, 5),
        ErrorLogEntries.Entry("s1", ErrorBucket.Scope, 12),
        ErrorLogEntries.Entry("k2", ErrorBucket.DomainKnowledge, 6),
        ErrorLogEntries.Entry("p1", ErrorBucket.Pacing, 3),
    ]);

    [Fact]
    public void WithBucket_ReturnsANewLog_AndLeavesThisOneUnchanged()
    {
        var log = Sample();
        var changed = log.WithBucket("k1", ErrorBucket.Reading);
        Assert.Equal(ErrorBucket.DomainKnowledge, log.Find("k1")!.Bucket);
        Assert.False(log.Find("k1")!.IsOverridden);
        var entry = changed.Find("k1")!;
        Assert.Equal(ErrorBucket.Reading, entry.Bucket);
        Assert.Equal(ErrorBucket.DomainKnowledge, entry.SuggestedBucket);
        Assert.True(entry.IsOverridden);
        Assert.Equal(log.Entries.Select(e => e.ItemId), changed.Entries.Select(e => e.ItemId));
    }

    [Fact]
    public void WithSuggestedBucket_RemovesTheOverride()
    {
        var log = Sample().WithBucket("s1", ErrorBucket.Sequence).WithSuggestedBucket("s1");
        Assert.Equal(ErrorBucket.Scope, log.Find("s1")!.Bucket);
        Assert.Null(log.Find("s1")!.BucketOverride);
    }

    [Fact]
    public void WithBucket_UnknownItem_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => Sample().WithBucket("zz", ErrorBucket.Scope));
        Assert.Contains("'zz'", ex.Message);
    }

    [Fact]
    public void WithBucket_UndefinedBucket_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Sample().WithBucket("k1", (ErrorBucket)99));

    [Fact]
    public void WithBucket_KeepsTheMedian()
    {
        var log = new ErrorLog([ErrorLogEntries.Entry("a", ErrorBucket.Scope, 1)], TimeSpan.FromSeconds(42));
        Assert.Equal(TimeSpan.FromSeconds(42), log.WithBucket("a", ErrorBucket.Pacing).MedianResponseTime);
    }

    [Fact]
    public void Constructor_RepeatedItem_Throws() =>
        Assert.Throws<ArgumentException>(() => new ErrorLog([ErrorLogEntries.Entry("a", ErrorBucket.Scope, 1), ErrorLogEntries.Entry("a", ErrorBucket.Pacing, 1)]));

    [Fact]
    public void Constructor_UndefinedBucket_Throws() =>
        Assert.Throws<ArgumentException>(() => new ErrorLog([ErrorLogEntries.Entry("a", (ErrorBucket)12, 1)]));

    [Fact]
    public void Summarize_RanksByCost()
    {
        var summary = Sample().Summarize();
        Assert.Equal([ErrorBucket.Scope, ErrorBucket.DomainKnowledge, ErrorBucket.Pacing], summary.Buckets.Select(b => b.Bucket));
        Assert.Equal([1, 2, 1], summary.Buckets.Select(b => b.Misses));
        Assert.Equal(11, summary.Buckets[1].Cost, 9);
        Assert.Equal(["k1", "k2"], summary.Buckets[1].ItemIds);
    }

    [Fact]
    public void Summarize_EqualCost_MoreMissesFirst_ThenDeclarationOrder()
    {
        var log = new ErrorLog(
        [
            ErrorLogEntries.Entry("p", ErrorBucket.Pacing, 4),
            ErrorLogEntries.Entry("r", ErrorBucket.Reading, 4),
            ErrorLogEntries.Entry("s1", ErrorBucket.Sequence, 2),
            ErrorLogEntries.Entry("s2", ErrorBucket.Sequence, 2),
        ]);
        Assert.Equal([ErrorBucket.Sequence, ErrorBucket.Reading, ErrorBucket.Pacing], log.Summarize().Buckets.Select(b => b.Bucket));
    }

    [Fact]
    public void Summarize_UsesTheBucketInForce()
    {
        var summary = Sample().WithBucket("s1", ErrorBucket.DomainKnowledge).Summarize();
        Assert.Equal(3, summary.MissesIn(ErrorBucket.DomainKnowledge));
        Assert.Equal(0, summary.MissesIn(ErrorBucket.Scope));
    }

    [Fact]
    public void Summarize_EmptyLog_HasNoBuckets()
    {
        var summary = new ErrorLog([]).Summarize();
        Assert.Empty(summary.Buckets);
        Assert.Equal(0, summary.TotalMisses);
    }

    [Property(MaxTest = 200)]
    public Property Summarize_CountsEveryMissExactlyOnce() =>
        Prop.ForAll(
            (from items in ResponseGen.SessionItems(0, 80)
             from overrides in (from i in Gen.Choose(0, 200) from b in Gen.Elements(Enum.GetValues<ErrorBucket>()) select (i, b)).ArrayOf()
             select (items, overrides)).ToArbitrary(),
            s =>
            {
                var log = new ErrorLogBuilder().Build(s.items);
                foreach (var (i, bucket) in s.overrides)
                {
                    if (log.Count > 0) log = log.WithBucket(log.Entries[i % log.Count].ItemId, bucket);
                }

                var summary = log.Summarize();
                var misses = s.items.Where(r => !r.IsPilot && !r.Correct).Select(r => r.ItemId).ToList();
                var counted = summary.Buckets.SelectMany(b => b.ItemIds).ToList();
                return summary.TotalMisses == misses.Count
                    && log.Count == misses.Count
                    && counted.Count == misses.Count
                    && counted.ToHashSet().SetEquals(misses)
                    && summary.Buckets.All(b => b.Misses == b.ItemIds.Count && b.Misses > 0)
                    && summary.Buckets.Select(b => b.Bucket).Distinct().Count() == summary.Buckets.Count
                    && summary.Buckets.All(b => b.ItemIds.All(id => log.Find(id)!.Bucket == b.Bucket))
                    && Math.Abs(summary.TotalCost - log.Entries.Sum(e => e.Cost)) < 1e-9 * Math.Max(1, summary.TotalCost)
                    && summary.Buckets.Zip(summary.Buckets.Skip(1)).All(p => p.First.Cost >= p.Second.Cost);
            });
}
