using System.Data.Common;
using Npgsql;

namespace EmrCat.Server.Storage;

/// <summary>PostgreSQL through Npgsql, for several nodes over one database.</summary>
public sealed class PostgresSessionStore : SqlSessionStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Creates the store on an Npgsql connection string.</summary>
    public PostgresSessionStore(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <inheritdoc />
    public override string Kind => "postgres";

    /// <inheritdoc />
    protected override IReadOnlyList<string> Schema =>
    [
        "CREATE TABLE IF NOT EXISTS emrcat_session_logs (id TEXT PRIMARY KEY, preset TEXT NOT NULL, " +
        "record_count INTEGER NOT NULL CHECK (record_count >= 0), ended_by TEXT NULL)",
        "CREATE TABLE IF NOT EXISTS emrcat_session_events (session_id TEXT NOT NULL REFERENCES emrcat_session_logs(id), seq INTEGER NOT NULL CHECK (seq >= 0), " +
        "record TEXT NOT NULL, recorded_at_ms BIGINT NOT NULL, node TEXT NOT NULL, PRIMARY KEY (session_id, seq))",
        "CREATE TABLE IF NOT EXISTS emrcat_keys (name TEXT PRIMARY KEY, value BYTEA NOT NULL)",
    ];

    /// <inheritdoc />
    protected override string LegacyTableQuery => "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'emrcat_answers'";

    /// <inheritdoc />
    public override async Task<string?> InitializeAsync(CancellationToken cancellationToken)
    {
        // Nodes start together: serialize their CREATE TABLEs (concurrent IF NOT EXISTS can still collide in the catalog).
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(4242019)", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (string statement in Schema)
        {
            await using var command = new NpgsqlCommand(statement, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return await LegacyNoteAsync(connection, cancellationToken);
    }

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <inheritdoc />
    protected override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
