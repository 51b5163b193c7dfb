namespace EmrCat.Testing.Internal;

/// <summary>A clock that never moves: simulated examinees answer instantly, so time limits never fire and runs replay exactly.</summary>
internal sealed class FixedClock : TimeProvider
{
    public static FixedClock Instance { get; } = new();

    public override long GetTimestamp() => 0;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch;
}
