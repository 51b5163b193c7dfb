using System.Data;
using System.Data.Common;
using System.Text.Json;

namespace EmrCat.Server.Storage;

/// <summary>
/// The session store over ADO.NET, shared by SQLite and PostgreSQL: the SQL is the same, only the connection, the
/// schema's types and how a unique violation is reported differ.
/// </summary>
public abstract class SqlSessionStore : ISessionStore
{
    /// <inheritdoc />
    public abstract string Kind { get; }

    /// <summary>Opens a connection (pooled by the provider).</summary>
    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>CREATE TABLE IF NOT EXISTS statements in the provider's types.</summary>
    protected abstract IReadOnlyList<string> Schema { get; }

    /// <summary>Whether the exception is a primary-key / unique violation (another node appended this answer first).</summary>
    protected abstract bool IsUniqueViolation(DbException exception);

    /// <inheritdoc />
    public virtual async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        foreach (string statement in Schema)
        {
            await using var command = Command(connection, statement);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task CreateAsync(NewSession session, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection,
            "INSERT INTO emrcat_sessions (id, preset, seed, bank_id, bank_fingerprint, started_at_ms, answer_count) " +
            "VALUES (@id, @preset, @seed, @bank_id, @fingerprint, @started, 0)",
            ("id", session.Id), ("preset", session.Preset), ("seed", unchecked((long)session.Seed)), ("bank_id", session.BankId),
            ("fingerprint", session.BankFingerprint), ("started", session.StartedAt.ToUnixTimeMilliseconds()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StoredSession?> LoadAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        NewSession session;
        SessionEnd? end = null;
        await using (var command = Command(connection,
            "SELECT preset, seed, bank_id, bank_fingerprint, started_at_ms, ended_by, ended_at_ms FROM emrcat_sessions WHERE id = @id", ("id", sessionId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) return null;
            session = new NewSession(sessionId, reader.GetString(0), unchecked((ulong)reader.GetInt64(1)), reader.GetString(2), reader.GetString(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));
            if (!reader.IsDBNull(5)) end = new SessionEnd(reader.GetString(5), reader.GetInt64(6));
        }

        var answers = new List<StoredAnswer>();
        await using (var command = Command(connection,
            "SELECT seq, item_id, answer, response_ms, elapsed_ms, ended_by, recorded_at_ms, node FROM emrcat_answers WHERE session_id = @id ORDER BY seq", ("id", sessionId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                answers.Add(new StoredAnswer(
                    reader.GetInt32(0), reader.GetString(1), JsonSerializer.Deserialize(reader.GetString(2), StoreJson.Default.StringArray) ?? [],
                    reader.GetInt64(3), reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)), reader.GetString(7)));
            }
        }

        return new StoredSession(session, answers, end);
    }

    /// <inheritdoc />
    public async Task<bool> AppendAnswerAsync(string sessionId, StoredAnswer answer, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        try
        {
            // The guard: move the session's count from seq − 1 to seq. A racing node's UPDATE waits on this row and
            // then finds the count changed (0 rows); the primary key (session_id, seq) stops anything that slips past.
            await using (var guard = Command(connection,
                "UPDATE emrcat_sessions SET answer_count = @seq WHERE id = @id AND answer_count = @previous AND ended_by IS NULL",
                ("id", sessionId), ("seq", answer.Seq), ("previous", answer.Seq - 1)))
            {
                guard.Transaction = transaction;
                if (await guard.ExecuteNonQueryAsync(cancellationToken) != 1)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return false;
                }
            }

            await using (var insert = Command(connection,
                "INSERT INTO emrcat_answers (session_id, seq, item_id, answer, response_ms, elapsed_ms, ended_by, recorded_at_ms, node) " +
                "VALUES (@id, @seq, @item, @answer, @response, @elapsed, @ended, @recorded, @node)",
                ("id", sessionId), ("seq", answer.Seq), ("item", answer.ItemId), ("answer", JsonSerializer.Serialize(answer.Answer.ToArray(), StoreJson.Default.StringArray)),
                ("response", answer.ResponseTimeMs), ("elapsed", answer.ElapsedMs), ("ended", answer.EndedBy), ("recorded", answer.RecordedAt.ToUnixTimeMilliseconds()),
                ("node", answer.Node)))
            {
                insert.Transaction = transaction;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<bool> EndAsync(string sessionId, int answerCount, SessionEnd end, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection,
            "UPDATE emrcat_sessions SET ended_by = @reason, ended_at_ms = @elapsed WHERE id = @id AND answer_count = @count AND ended_by IS NULL",
            ("id", sessionId), ("count", answerCount), ("reason", end.Reason), ("elapsed", end.ElapsedMs));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
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
