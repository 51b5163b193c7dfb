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

    /// <summary>Adds one scored answer: its category (1 right or 0 wrong for a dichotomous item, 0..K−1 for a polytomous one).</summary>
    /// <param name="item">The item.</param>
    /// <param name="category">The answer's category.</param>
    /// <param name="bankIndex">The item's index in the bank the state was created for (its tabulated terms), or -1.</param>
    void Add(in ItemParameters item, int category, int bankIndex = -1);

    /// <summary>The estimate of the answers so far; equal (within 1e-10) to the estimator's batch estimate of them.</summary>
    AbilityEstimate Estimate();
}

/// <summary>An estimator that can keep its own incremental state.</summary>
internal interface IIncrementalEstimator
{
    /// <summary>New state for up to <paramref name="capacity"/> answers on a bank's items (<paramref name="bankItems"/>: its parameters by bank index; null: any items, nothing tabulated).</summary>
    IEstimatorState CreateState(int capacity, ItemParameters[]? bankItems);
}

/// <summary>State for any estimator: the answers in arrays, re-estimated in batch (custom estimators; EAP, ML, MAP and WLE keep their own incremental state).</summary>
internal sealed class BatchEstimatorState(IAbilityEstimator estimator, int capacity) : IEstimatorState
{
    private readonly ItemParameters[] _items = new ItemParameters[capacity];
    private readonly int[] _categories = new int[capacity];
    private int _count;

    public void Clear() => _count = 0;

    public void Add(in ItemParameters item, int category, int bankIndex = -1)
    {
        _items[_count] = item;
        _categories[_count] = category;
        _count++;
    }

    public AbilityEstimate Estimate() => estimator.Estimate(_items.AsSpan(0, _count), (ReadOnlySpan<int>)_categories.AsSpan(0, _count));

    /// <summary>The state <paramref name="estimator"/> keeps best: its own incremental state, or a batch one.</summary>
    public static IEstimatorState For(IAbilityEstimator estimator, int capacity, ItemParameters[]? bankItems = null) =>
        estimator is IIncrementalEstimator incremental ? incremental.CreateState(capacity, bankItems) : new BatchEstimatorState(estimator, capacity);
}
