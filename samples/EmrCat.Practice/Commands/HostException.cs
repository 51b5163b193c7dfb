namespace EmrCat.Practice.Commands;

/// <summary>
/// A problem the user can fix (a bad argument, file, or environment): Program prints its message as one line on
/// standard error and exits with <see cref="ExitCode"/>, never with a stack trace.
/// </summary>
internal sealed class HostException(string message, int exitCode = HostException.BadInput) : Exception(message)
{
    /// <summary>Exit code for bad input: a file or database that cannot be used.</summary>
    public const int BadInput = 1;

    /// <summary>Exit code for bad arguments on the command line.</summary>
    public const int BadArguments = 2;

    /// <summary>The process exit code: 1 bad input, 2 bad arguments.</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>Runs a command body; a <see cref="HostException"/> becomes one line on <paramref name="error"/> and its exit code.</summary>
    public static int Report(TextWriter? error, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (HostException e)
        {
            (error ?? Console.Error).WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
    }
}
