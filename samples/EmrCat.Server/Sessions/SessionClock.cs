namespace EmrCat.Server.Sessions;

/// <summary>
/// One session's clock: wall time, except while a session is replayed from the store, when it is held at the moment
/// the current item was presented (start + session time of the last answer). So a session carried on by another node
/// keeps counting from when its item appeared, and its time limit runs on wall time across nodes and restarts.
/// </summary>
internal sealed class SessionClock : TimeProvider
{
    private readonly TimeProvider _wall;
    private long? _heldAt;

    public SessionClock(TimeProvider wall) => _wall = wall;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _heldAt ?? _wall.GetUtcNow().UtcTicks;

    public override DateTimeOffset GetUtcNow() => _wall.GetUtcNow();

    /// <summary>Holds the clock at <paramref name="moment"/> until <see cref="Release"/>.</summary>
    public void HoldAt(DateTimeOffset moment) => _heldAt = moment.UtcTicks;

    public void Release() => _heldAt = null;
}
