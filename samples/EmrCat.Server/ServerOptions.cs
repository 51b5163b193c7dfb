namespace EmrCat.Server;

/// <summary>The server's settings, bound from the <c>Server</c> section (appsettings.json, environment <c>Server__Store</c>, or <c>--Server:Store</c>).</summary>
public sealed class ServerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Server";

    /// <summary><c>sqlite</c> (default: one file, one node) or <c>postgres</c> (several nodes over one database).</summary>
    public string Store { get; set; } = "sqlite";

    /// <summary>The store's connection string; for SQLite the default is a file in the user's data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>A JSON or CSV bank; default the bundled EMR practice bank.</summary>
    public string? BankPath { get; set; }

    /// <summary>Base64 HMAC key (32+ bytes) for session tokens, the same on every node; default a key kept in the store.</summary>
    public string? TokenKey { get; set; }

    /// <summary>
    /// Base64 HMAC key (32+ bytes) that signs every session's event log, the same on every node; required for the
    /// postgres store. Default for SQLite: a key generated beside the database file (<c>…db.eventlog.key</c>, mode 0600).
    /// </summary>
    public string? EventLogKey { get; set; }

    /// <summary>This node's name in the answer records (diagnosis only); default host:pid.</summary>
    public string? NodeName { get; set; }

    /// <summary>Largest request body accepted, in bytes (an answer is well under 1 KiB).</summary>
    public long MaxRequestBytes { get; set; } = 16 * 1024;

    /// <summary>Sessions one client address may start per minute.</summary>
    public int StartsPerMinute { get; set; } = 30;

    /// <summary>Requests one session may make per second on one node (token bucket; bursts up to twice this).</summary>
    public int RequestsPerSecondPerSession { get; set; } = 10;

    /// <summary>Live sessions a node keeps in memory to skip a replay when it served the previous request too.</summary>
    public int MaxCachedSessions { get; set; } = 20_000;

    /// <summary>Write metrics and traces to the console (off by default).</summary>
    public bool ConsoleTelemetry { get; set; }

    /// <summary>Send metrics and traces to this OTLP endpoint (off when empty).</summary>
    public string? OtlpEndpoint { get; set; }
}
