using System.Diagnostics;

namespace EmrCat.Practice.Commands;

/// <summary>
/// The system clock, set back by the time already spent on the item on screen while a session is resumed: the engine
/// takes the item's presentation time during <c>CatSession.Resume</c>, so the time spent on that item before a quit or
/// a kill is charged again, to the item's response time and to the session's time. After <see cref="Release"/> (call
/// it once the session has resumed) the clock is the plain system clock.
/// </summary>
internal sealed class CarriedTimeProvider(TimeSpan carried) : TimeProvider
{
    private long _offset = -(long)(carried.TotalSeconds * Stopwatch.Frequency);

    public override long TimestampFrequency => Stopwatch.Frequency;

    public override long GetTimestamp() => Stopwatch.GetTimestamp() + Volatile.Read(ref _offset);

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow();

    /// <summary>From now on, timestamps are the system's.</summary>
    public void Release() => Volatile.Write(ref _offset, 0);
}
