using EmrCat.Practice.Commands;
using EmrCat.Sessions;

namespace EmrCat.Practice.Storage;

/// <summary>
/// The key that signs this install's session event logs: 32 random bytes (Base64) in <c>event-log.key</c> beside the
/// history database, created on first use and readable by the user only (0600). Without it nobody can edit a stored
/// answer and still resume; deleting it makes the sessions in progress unresumable (finished history stays readable).
/// </summary>
internal static class EventLogKeyFile
{
    public const string FileName = "event-log.key";

    /// <summary>Reads the key in <paramref name="dataDirectory"/>, creating it the first time.</summary>
    /// <exception cref="HostException">The file cannot be read or written, or does not hold a key.</exception>
    public static EventLogKey LoadOrCreate(string dataDirectory)
    {
        string path = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        try
        {
            if (!File.Exists(path)) return Create(path);
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite)) != 0)
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // others must not read it
            }

            return EventLogKey.FromBase64(File.ReadAllText(path));
        }
        catch (ArgumentException e)
        {
            throw new HostException($"The event log key {path} is damaged ({e.Message}). Sessions in progress cannot be resumed without it; move it aside to start afresh.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HostException($"Cannot use the event log key {path}: {e.Message}");
        }
    }

    private static EventLogKey Create(string path)
    {
        var key = EventLogKey.Generate();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(path, options))
        {
            writer.Write(key.ToBase64());
        }

        return key;
    }
}
