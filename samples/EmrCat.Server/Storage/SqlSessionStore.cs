using System.Data;
using System.Data.Common;
using EmrCat.Sessions;

namespace EmrCat.Server.Storage;

/// <summary>
/// The session store over ADO.NET, shared by SQLite and PostgreSQL: the SQL is the same, only the connection, the
/// schema's types and how a unique violation is reported differ. Tables: <c>emrcat_session_logs</c> (one row per
/// session: the guard), <c>emrcat_session_events</c> (one row per signed record) and <c>emrcat_keys</c>.
/// </summary>
public abstract class SqlSessionStore : ISessionStore
{
    /// <inheritdoc />
    public abstract string Kind { get; }

    /// <summary>Opens a connection (pooled by the provider).</summary>
    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>CREATE TABLE IF NOT EXISTS statements in the provider's types.</summary>
    protected abstract IReadOnlyList<string> Schema { get; }

    /// <summary>A query counting the tables named <c>emrcat_answers</c> (the old answer-row format).</summary>
    protected abstract string LegacyTableQuery { get; }

    /// <summary>Whether the exception is a primary-key / unique violation (another node appended this record first).</summary>
    protected abstract bool IsUniqueViolation(DbException exception);

    /// <inheritdoc />
    public virtual async Task<string?> InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        foreach (string statement in Schema)
        {
            await using var command = Command(connection, statement);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return await LegacyNoteAsync(connection, cancellationToken);
    }

    /// <summary>The operator's note when the old tables are still there (their answers were never signed, so they cannot be resumed verified).</summary>
    protected async Task<string?> LegacyNoteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, LegacyTableQuery);
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0) return null;
        return "The store still holds sessions of an older server in tables emrcat_sessions and emrcat_answers (plain answer rows, never signed). " +
               "They are not resumed: sessions are now signed event logs (emrcat_session_logs, emrcat_session_events). Drop the two old tables once no candidate needs them.";
    }

    /// <inheritdoc />
    public async Task CreateAsync(NewSession session, IReadOnlyList<SessionEvent> records, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string? endedBy = records.Count > 0 ? records[^1].Ending?.Reason.ToString() : null;
        await using (var command = Command(connection,
            "INSERT INTO emrcat_session_logs (id, preset, record_count, ended_by) VALUES (@id, @preset, @count, @ended)",
            ("id", session.Id), ("preset", session.Preset), ("count", records.Count), ("ended", endedBy)))
        {
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await InsertAsync(connection, transaction, session.Id, records, session.Node, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StoredSession?> LoadAsync(string sessionId, CancellationToken cancellationToken)
    {
        // One statement, so the row and the records are one consistent read even while another node appends.
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection,
            "SELECT s.preset, s.record_count, s.ended_by, e.seq, e.record, e.recorded_at_ms, e.node FROM emrcat_session_logs s " +
            "LEFT JOIN emrcat_session_events e ON e.session_id = s.id WHERE s.id = @id ORDER BY e.seq", ("id", sessionId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        string preset = reader.GetString(0);
        int count = reader.GetInt32(1);
        string? endedBy = reader.IsDBNull(2) ? null : reader.GetString(2);
        var records = new List<StoredRecord>(count);
        do
        {
            if (reader.IsDBNull(3)) break; // a session row without records (only the store tests make one)
            SessionEvent record;
            try
            {
                record = SessionEvent.FromJson(reader.GetString(4));
            }
            catch (InvalidEventLogException e)
            {
                throw new InvalidEventLogException($"Stored record {reader.GetInt32(3) + 1} is unreadable: {e.Message}");
            }

            records.Add(new StoredRecord(record, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)), reader.GetString(6)));
        }
        while (await reader.ReadAsync(cancellationToken));

        return new StoredSession(sessionId, preset, count, endedBy, records);
    }

    /// <inheritdoc />
    public async Task<bool> AppendAsync(string sessionId, IReadOnlyList<SessionEvent> records, string node, CancellationToken cancellationToken)
    {
        if (records.Count == 0) throw new ArgumentException("Nothing to append.", nameof(records));
        int previous = records[0].Sequence;
        string? endedBy = records[^1].Ending?.Reason.ToString();
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        try
        {
            // The guard: move the session's count from the log's length to the new one. A racing node's UPDATE waits on
            // this row and then finds the count changed (0 rows); the primary key (session_id, seq) stops anything that
            // slips past.
            await using (var guard = Command(connection,
                "UPDATE emrcat_session_logs SET record_count = @count, ended_by = @ended WHERE id = @id AND record_count = @previous AND ended_by IS NULL",
                ("id", sessionId), ("count", previous + records.Count), ("previous", previous), ("ended", endedBy)))
            {
                guard.Transaction = transaction;
                if (await guard.ExecuteNonQueryAsync(cancellationToken) != 1)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return false;
                }
            }

            await InsertAsync(connection, transaction, sessionId, records, node, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            return false;
        }
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, string sessionId, IReadOnlyList<SessionEvent> records, string node, CancellationToken cancellationToken)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var record in records)
        {
            await using var insert = Command(connection,
                "INSERT INTO emrcat_session_events (session_id, seq, record, recorded_at_ms, node) VALUES (@id, @seq, @record, @recorded, @node)",
                ("id", sessionId), ("seq", record.Sequence), ("record", record.ToJson()), ("recorded", now), ("node", node));
            insert.Transaction = transaction;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<byte[]> GetOrCreateTokenKeyAsync(byte[] candidate, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using (var insert = Command(connection, "INSERT INTO emrcat_keys (name, value) VALUES ('session-token', @value) ON CONFLICT (name) DO NOTHING", ("value", candidate)))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = Command(connection, "SELECT value FROM emrcat_keys WHERE name = 'session-token'");
        return (byte[])(await select.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT COUNT(*) FROM emrcat_keys");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
