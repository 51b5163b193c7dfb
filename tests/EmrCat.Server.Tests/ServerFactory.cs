using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EmrCat.Server.Tests;

/// <summary>
/// The real server (Program) in process, on its own SQLite file unless told otherwise. Two factories given the same
/// settings are two nodes over one store. Rate limits are generous unless a test sets them.
/// </summary>
public sealed class ServerFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _ownsDatabase;

    public ServerFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string? node = null)
    {
        _settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Server:StartsPerMinute"] = "100000",
            ["Server:RequestsPerSecondPerSession"] = "100000",
            ["Server:NodeName"] = node ?? "test-node",
        };
        if (settings is not null)
        {
            foreach (var (key, value) in settings) _settings[key] = value;
        }

        if (!_settings.ContainsKey("Server:ConnectionString"))
        {
            DatabasePath = Path.Combine(Path.GetTempPath(), $"emrcat-server-test-{Guid.NewGuid():N}.db");
            _settings["Server:ConnectionString"] = $"Data Source={DatabasePath}";
            _ownsDatabase = true;
        }

        _services = services;
    }

    /// <summary>The SQLite file this factory created, if it made one.</summary>
    public string? DatabasePath { get; }

    /// <summary>Settings for another node over the same store.</summary>
    public IDictionary<string, string?> Settings => _settings;

    /// <summary>A temporary SQLite connection string shared by several nodes.</summary>
    public static string NewSqliteStore() => $"Data Source={Path.Combine(Path.GetTempPath(), $"emrcat-server-test-{Guid.NewGuid():N}.db")}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_services is not null) builder.ConfigureTestServices(_services);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDatabase && DatabasePath is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (string suffix in new[] { "", "-wal", "-shm", ".eventlog.key" })
            {
                try { File.Delete(DatabasePath + suffix); } catch (IOException) { }
            }
        }
    }
}
