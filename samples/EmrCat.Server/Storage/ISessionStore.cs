using EmrCat.Sessions;

namespace EmrCat.Server.Storage;

/// <summary>
/// Where sessions live between requests, shared by every node: one row per session (its preset, how many records its
/// log has, how it ended) and the session's signed event log (<see cref="CatSession.EventLog"/>), one row per record.
/// A node keeps nothing that another could not rebuild with <see cref="CatSession.Resume(EmrCat.Banks.ItemBank, IReadOnlyList{SessionEvent}, EventLogKey, TimeProvider?, CatStrategies?)"/>.
/// </summary>
public interface ISessionStore
{
    /// <summary>Which store this is ("sqlite", "postgres"), for logs and the health check.</summary>
    string Kind { get; }

    /// <summary>Creates the tables when they do not exist yet (idempotent; safe to run on every node at start).</summary>
    /// <returns>A note for the operator when the store still holds sessions in the old answer-row format, which are not resumed; else null.</returns>
    Task<string?> InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Stores a new session with its first records (the start, and the end when it ended at once).</summary>
    Task CreateAsync(NewSession session, IReadOnlyList<SessionEvent> records, CancellationToken cancellationToken);

    /// <summary>The session's row and every record of its log in order, read in one statement; null when there is no such session.</summary>
    /// <exception cref="InvalidEventLogException">A stored record is not an event record at all.</exception>
    Task<StoredSession?> LoadAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="records"/> (numbered on from the log: an answer, an answer and the end, or an end) in one
    /// transaction that succeeds only when the session has exactly <c>records[0].Sequence</c> records and has not
    /// ended; (session, sequence) is also unique. Of two nodes racing for the next record, one wins.
    /// </summary>
    /// <returns>True when appended; false when the session had moved on or ended (nothing was written).</returns>
    Task<bool> AppendAsync(string sessionId, IReadOnlyList<SessionEvent> records, string node, CancellationToken cancellationToken);

    /// <summary>The server's token key, created once by whichever node asks first, so every node signs alike.</summary>
    Task<byte[]> GetOrCreateTokenKeyAsync(byte[] candidate, CancellationToken cancellationToken);

    /// <summary>A cheap round trip for the health check.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}

/// <summary>A session as created: its id, preset (for operators; the log's start record holds the options) and the node that started it.</summary>
public sealed record NewSession(string Id, string Preset, string Node);

/// <summary>One stored record of a session's event log, with when and by which node it was stored (diagnosis only).</summary>
public sealed record StoredRecord(SessionEvent Record, DateTimeOffset RecordedAt, string Node);

/// <summary>
/// A stored session: what its row says (how many records it has, the rule that ended it) and its log's records in
/// order. The row is written in the same transaction as the records, so a log shorter than <see cref="RecordCount"/>
/// lost records outside the server.
/// </summary>
public sealed record StoredSession(string Id, string Preset, int RecordCount, string? EndedBy, IReadOnlyList<StoredRecord> Records);
