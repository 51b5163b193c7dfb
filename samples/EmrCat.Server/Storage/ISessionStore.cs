namespace EmrCat.Server.Storage;

/// <summary>
/// Where sessions live between requests, shared by every node: one row per session and one record per answer. A node
/// keeps nothing that another could not rebuild by replaying these records through the engine.
/// </summary>
public interface ISessionStore
{
    /// <summary>Which store this is ("sqlite", "postgres"), for logs and the health check.</summary>
    string Kind { get; }

    /// <summary>Creates the tables when they do not exist yet (idempotent; safe to run on every node at start).</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Stores a new session with no answers.</summary>
    Task CreateAsync(NewSession session, CancellationToken cancellationToken);

    /// <summary>The session with every answer in order, or null when there is no such session.</summary>
    Task<StoredSession?> LoadAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends answer <see cref="StoredAnswer.Seq"/> in one transaction that succeeds only when the session has exactly
    /// <c>Seq − 1</c> answers and has not ended; (session, seq) is also unique. Of two nodes racing for answer n, one wins.
    /// </summary>
    /// <returns>True when appended; false when the session had moved on or ended (nothing was written).</returns>
    Task<bool> AppendAnswerAsync(string sessionId, StoredAnswer answer, CancellationToken cancellationToken);

    /// <summary>Records that the session ended without an answer (time limit), guarded like an append.</summary>
    /// <returns>True when recorded; false when the session had other answers by now or had already ended.</returns>
    Task<bool> EndAsync(string sessionId, int answerCount, SessionEnd end, CancellationToken cancellationToken);

    /// <summary>The server's token key, created once by whichever node asks first, so every node signs alike.</summary>
    Task<byte[]> GetOrCreateTokenKeyAsync(byte[] candidate, CancellationToken cancellationToken);

    /// <summary>A cheap round trip for the health check.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}

/// <summary>A session as created: which preset, seed and bank it runs on, and when it started (the clock of its time limit).</summary>
public sealed record NewSession(string Id, string Preset, ulong Seed, string BankId, string BankFingerprint, DateTimeOffset StartedAt);

/// <summary>
/// One accepted answer: the engine's answer record (item, options, response time, session time) plus what the server
/// replied, so a retried request gets the same reply. These rows replay the session exactly.
/// </summary>
/// <param name="Seq">1-based answer number.</param>
/// <param name="ItemId">The item answered.</param>
/// <param name="Answer">The chosen option ids.</param>
/// <param name="ResponseTimeMs">Presentation to answer, as the engine measured it.</param>
/// <param name="ElapsedMs">Session time used at this answer.</param>
/// <param name="EndedBy">The rule that ended the session on this answer, or null when the session went on.</param>
/// <param name="RecordedAt">When the store accepted it.</param>
/// <param name="Node">Which node accepted it (for diagnosis only).</param>
public sealed record StoredAnswer(int Seq, string ItemId, IReadOnlyList<string> Answer, long ResponseTimeMs, long ElapsedMs, string? EndedBy, DateTimeOffset RecordedAt, string Node);

/// <summary>A session that ended without an answer: the rule (time limit) and the session time then.</summary>
public sealed record SessionEnd(string Reason, long ElapsedMs);

/// <summary>A stored session with its answers in order.</summary>
public sealed record StoredSession(NewSession Session, IReadOnlyList<StoredAnswer> Answers, SessionEnd? End)
{
    /// <summary>The number of answers.</summary>
    public int AnswerCount => Answers.Count;
}
