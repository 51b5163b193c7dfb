namespace EmrCat.Internal;

/// <summary>A clock that never moves: simulated examinees answer instantly, so time limits never fire.</summary>
internal sealed class FrozenTimeProvider : TimeProvider
{
    public static FrozenTimeProvider Instance { get; } = new();

    public override long GetTimestamp() => 0;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch;
}
