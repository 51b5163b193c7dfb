using System.Diagnostics;

namespace EmrCat.Practice.Commands;

/// <summary>
/// The clock a practice session runs on: it stands still until the first item is on screen (<see cref="Start"/>), so
/// loading the bank and drawing are not charged to the candidate, and it starts with the time already spent on that
/// item before a quit or a kill (<c>carried</c>): the engine takes the item's presentation time while the clock stands
/// still, so the carried time counts toward the item's response time and the session's time. After
/// <see cref="Start"/> it runs with the system clock.
/// </summary>
internal sealed class SessionClock : TimeProvider
{
    private readonly long _frozenAt;
    private readonly long _carried;
    private long _offset;
    private bool _running;

    public SessionClock(TimeSpan carried)
    {
        _carried = (long)(carried.TotalSeconds * Stopwatch.Frequency);
        _frozenAt = Stopwatch.GetTimestamp() - _carried;
    }

    public override long TimestampFrequency => Stopwatch.Frequency;

    public override long GetTimestamp() => Volatile.Read(ref _running) ? Stopwatch.GetTimestamp() + Volatile.Read(ref _offset) : _frozenAt;

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow();

    /// <summary>Starts the clock (once): from now on it runs, the carried time already on it.</summary>
    public void Start()
    {
        if (Volatile.Read(ref _running)) return;
        // Now reads the frozen moment plus the carried time; real time from here on adds to it one for one.
        Volatile.Write(ref _offset, _frozenAt + _carried - Stopwatch.GetTimestamp());
        Volatile.Write(ref _running, true);
    }
}
