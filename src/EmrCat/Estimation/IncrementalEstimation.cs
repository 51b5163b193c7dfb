using EmrCat.Irt;

namespace EmrCat.Estimation;

/// <summary>
/// The estimate of a pattern that grows one answer at a time (a session's scored items), kept as running state so an
/// answer costs no more than the new item's share of the work. Not thread-safe: one per session or worker.
/// </summary>
internal interface IEstimatorState
{
    /// <summary>Forgets every answer.</summary>
    void Clear();

    /// <summary>Adds one scored answer.</summary>
    void Add(in ItemParameters item, bool correct);

    /// <summary>The estimate of the answers so far; equal (within 1e-10) to the estimator's batch estimate of them.</summary>
    AbilityEstimate Estimate();
}

/// <summary>An estimator that can keep its own incremental state.</summary>
internal interface IIncrementalEstimator
{
    /// <summary>New state for up to <paramref name="capacity"/> answers.</summary>
    IEstimatorState CreateState(int capacity);
}

/// <summary>State for any estimator: the answers in arrays, re-estimated in batch (MAP, WLE and custom estimators).</summary>
internal sealed class BatchEstimatorState(IAbilityEstimator estimator, int capacity) : IEstimatorState
{
    private readonly ItemParameters[] _items = new ItemParameters[capacity];
    private readonly bool[] _correct = new bool[capacity];
    private int _count;

    public void Clear() => _count = 0;

    public void Add(in ItemParameters item, bool correct)
    {
        _items[_count] = item;
        _correct[_count] = correct;
        _count++;
    }

    public AbilityEstimate Estimate() => estimator.Estimate(_items.AsSpan(0, _count), _correct.AsSpan(0, _count));

    /// <summary>The state <paramref name="estimator"/> keeps best: its own incremental state, or a batch one.</summary>
    public static IEstimatorState For(IAbilityEstimator estimator, int capacity) =>
        estimator is IIncrementalEstimator incremental ? incremental.CreateState(capacity) : new BatchEstimatorState(estimator, capacity);
}
