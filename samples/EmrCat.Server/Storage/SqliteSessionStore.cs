using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace EmrCat.Server.Storage;

/// <summary>The embedded default: one SQLite file, no setup, for one node (WAL, so reads do not wait for the writer).</summary>
public sealed class SqliteSessionStore : SqlSessionStore
{
    private readonly string _connectionString;

    /// <summary>Creates the store on a SQLite connection string (e.g. <c>Data Source=emrcat-server.db</c>).</summary>
    public SqliteSessionStore(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, DefaultTimeout = 30 };
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.Mode != SqliteOpenMode.Memory && Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } dir)
        {
            Directory.CreateDirectory(dir);
        }

        _connectionString = builder.ToString();
    }

    /// <inheritdoc />
    public override string Kind => "sqlite";

    /// <inheritdoc />
    protected override IReadOnlyList<string> Schema =>
    [
        "PRAGMA journal_mode = WAL",
        "CREATE TABLE IF NOT EXISTS emrcat_session_logs (id TEXT PRIMARY KEY, preset TEXT NOT NULL, " +
        "record_count INTEGER NOT NULL CHECK (record_count >= 0), ended_by TEXT NULL)",
        "CREATE TABLE IF NOT EXISTS emrcat_session_events (session_id TEXT NOT NULL REFERENCES emrcat_session_logs(id), seq INTEGER NOT NULL CHECK (seq >= 0), " +
        "record TEXT NOT NULL, recorded_at_ms INTEGER NOT NULL, node TEXT NOT NULL, PRIMARY KEY (session_id, seq))",
        "CREATE TABLE IF NOT EXISTS emrcat_keys (name TEXT PRIMARY KEY, value BLOB NOT NULL)",
    ];

    /// <inheritdoc />
    protected override string LegacyTableQuery => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'emrcat_answers'";

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <inheritdoc />
    protected override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19 }; // SQLITE_CONSTRAINT
}
