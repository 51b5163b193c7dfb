namespace EmrCat.Server.Sessions;

/// <summary>
/// One session's clock: wall time, held (timestamp and UTC time alike) at a stored moment while the engine starts or replays the session, and never
/// earlier than that moment afterwards. Held at the start time while starting, the session's first item is presented
/// exactly when the store says the session started; held at start + the last answer's session time while replaying,
/// the current item counts from when it was presented, on whichever node. The floor keeps response times from going
/// negative when this node's clock is a little behind the node that stored the last answer (a negative time would not
/// replay).
/// </summary>
internal sealed class SessionClock : TimeProvider
{
    private readonly TimeProvider _wall;
    private long? _heldAt;
    private long _floor;

    public SessionClock(TimeProvider wall) => _wall = wall;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _heldAt ?? Math.Max(_wall.GetUtcNow().UtcTicks, _floor);

    public override DateTimeOffset GetUtcNow() => _heldAt is { } held ? new DateTimeOffset(held, TimeSpan.Zero) : _wall.GetUtcNow();

    /// <summary>Holds the clock at <paramref name="moment"/> until <see cref="Release"/>; it never reads earlier afterwards.</summary>
    public void HoldAt(DateTimeOffset moment)
    {
        _heldAt = moment.UtcTicks;
        _floor = Math.Max(_floor, moment.UtcTicks);
    }

    public void Release() => _heldAt = null;
}
