using EmrCat.Banks;

namespace EmrCat.Sessions;

/// <summary>Starts and resumes sessions with the configured bank, options and clock. Registered by <c>AddEmrCat</c>.</summary>
public interface ICatSessionFactory
{
    /// <summary>The configured bank.</summary>
    ItemBank Bank { get; }

    /// <summary>The configured session options.</summary>
    CatOptions Options { get; }

    /// <summary>Starts a session on the configured bank.</summary>
    /// <param name="seed">The session's seed (same seed and answers replay the same items).</param>
    /// <returns>The session with its first item ready.</returns>
    CatSession Start(ulong seed);

    /// <summary>Resumes a session from a snapshot on the configured bank.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>The session where it stopped.</returns>
    /// <exception cref="InvalidSnapshotException">The snapshot does not fit the bank.</exception>
    CatSession Resume(SessionSnapshot snapshot);

    /// <summary>Resumes a session from its signed event log on the configured bank (needs <c>EmrCatOptions.EventLogKey</c>).</summary>
    /// <param name="log">The records, in the order they were written.</param>
    /// <returns>The session where it stopped.</returns>
    /// <exception cref="InvalidEventLogException">A record does not verify, or the log does not replay on the bank.</exception>
    /// <exception cref="InvalidOperationException">No event log key is configured.</exception>
    CatSession Resume(IReadOnlyList<SessionEvent> log);
}
