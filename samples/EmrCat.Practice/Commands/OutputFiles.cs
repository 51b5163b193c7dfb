using System.Text;
using EmrCat.IO;

namespace EmrCat.Practice.Commands;

/// <summary>
/// What the file-to-file commands (score, calibrate) share: an atomic write of the output, and one way of turning a bad
/// input file or an output that cannot be written into one line on standard error with exit code 1.
/// </summary>
internal static class OutputFiles
{
    /// <summary>
    /// Runs a command's read-compute-write body. A malformed input file (<see cref="InputFormatException"/>, whose message
    /// names the file, line and column), another input problem <paramref name="describe"/> recognizes, or an I/O failure
    /// (reported as the output that cannot be written) becomes one error line and exit 1.
    /// </summary>
    public static int Run(TextWriter stderr, string outPath, Func<int> body, Func<Exception, string?>? describe = null)
    {
        try
        {
            return body();
        }
        catch (InputFormatException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return HostException.BadInput;
        }
        catch (Exception e) when (describe?.Invoke(e) is { } message)
        {
            stderr.WriteLine($"error: {message}");
            return HostException.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write {outPath}: {e.Message}");
            return HostException.BadInput;
        }
    }

    /// <summary>Writes <paramref name="content"/> to a temporary file beside <paramref name="path"/>, then moves it into place: a reader never sees half a file.</summary>
    public static void WriteAtomically(string path, string content)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        string temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temp, content, new UTF8Encoding(false));
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp); // gone already after a successful move; never left behind after a failed one
        }
    }
}
