using EmrCat.Sessions;
using Microsoft.Data.Sqlite;

namespace EmrCat.Server.Security;

/// <summary>
/// The key that signs every session's event log: <c>Server:EventLogKey</c> (Base64, 32+ bytes, the same on every
/// node; required for PostgreSQL), or for a single SQLite node without one, a key generated on first start in a file
/// beside the database (<c>…db.eventlog.key</c>, readable by the server's user only). Whoever can write the database but
/// not read the key cannot edit a session and have it resume.
/// </summary>
internal static class SessionLogKey
{
    public const string FileSuffix = ".eventlog.key";

    public const string InvalidSetting = "Server:EventLogKey must be Base64 of at least 32 random bytes (openssl rand -base64 32).";

    public const string RequiredSetting = "Server:EventLogKey (Base64, 32+ bytes: openssl rand -base64 32) is required for the postgres store: every node must sign session logs with the same key.";

    /// <summary>Whether <paramref name="base64"/> is a key (checked with the other settings at start-up).</summary>
    public static bool IsUsable(string base64)
    {
        try
        {
            _ = EventLogKey.FromBase64(base64);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The configured key, else the SQLite store's key file (created when missing).</summary>
    /// <exception cref="InvalidOperationException">No usable key: the message says which setting or file to fix.</exception>
    public static EventLogKey Resolve(ServerOptions options, string sqliteConnectionString)
    {
        if (!string.IsNullOrWhiteSpace(options.EventLogKey))
        {
            if (!IsUsable(options.EventLogKey)) throw new InvalidOperationException(InvalidSetting);
            return EventLogKey.FromBase64(options.EventLogKey);
        }

        if (options.Store != "sqlite") throw new InvalidOperationException(RequiredSetting);

        var builder = new SqliteConnectionStringBuilder(sqliteConnectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:")
        {
            throw new InvalidOperationException("Server:EventLogKey is not set and the SQLite store has no file to keep a key beside: set Server:EventLogKey (openssl rand -base64 32).");
        }

        string path = Path.GetFullPath(builder.DataSource) + FileSuffix;
        try
        {
            return File.Exists(path) ? Read(path) : Create(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Cannot use the event log key file {path}: {e.Message}");
        }
    }

    private static EventLogKey Read(string path)
    {
        try
        {
            return EventLogKey.FromBase64(File.ReadAllText(path));
        }
        catch (ArgumentException)
        {
            throw new InvalidOperationException($"The event log key file {path} is damaged: it does not hold Base64 of at least {EventLogKey.MinimumLength} bytes. Sessions signed with it cannot be resumed without it; restore it, or move it aside to start afresh.");
        }
    }

    /// <summary>Writes a new key to a temporary file and moves it into place, so two nodes starting at once end up with one key.</summary>
    private static EventLogKey Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(temporary, options))
        {
            writer.Write(EventLogKey.Generate().ToBase64());
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary); // another node created it first: use that one
        }

        return Read(path);
    }
}
