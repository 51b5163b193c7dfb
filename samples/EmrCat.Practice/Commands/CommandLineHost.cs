using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;

namespace EmrCat.Practice.Commands;

/// <summary>
/// Runs the parsed command line with the exit codes the README promises: a bad argument is one line on standard error
/// naming the argument and exit 2 (not the whole help, nor .NET type names); a <see cref="HostException"/> is its
/// message and its exit code; anything else is still one line, never a stack trace.
/// </summary>
internal static partial class CommandLineHost
{
    public static int Run(RootCommand root, string[] args, TextWriter? stderr = null)
    {
        stderr ??= Console.Error;
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            stderr.WriteLine($"error: {Plain(parsed.Errors[0].Message)} (--help lists the options)");
            return HostException.BadArguments;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (HostException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return HostException.BadInput;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("EMRCAT_DEBUG") is null)
        {
            // A bug, not the user's input: still one line (EMRCAT_DEBUG=1 shows the stack trace).
            stderr.WriteLine($"error: an unexpected failure ({e.GetType().Name}): {e.Message} Please report it; answers already given are saved.");
            return HostException.BadInput;
        }
        finally
        {
            if (!Console.IsOutputRedirected)
            {
                try
                {
                    Console.CursorVisible = true; // a prompt interrupted by Ctrl+C or an error must not leave the cursor hidden
                }
                catch (Exception e) when (e is IOException or PlatformNotSupportedException)
                {
                    // not a real terminal
                }
            }
        }
    }

    /// <summary>System.CommandLine's parse message with the .NET type name replaced by what the value must be.</summary>
    public static string Plain(string message)
    {
        var match = CannotParse().Match(message);
        if (!match.Success) return message;
        string type = match.Groups["type"].Value;
        string want = type switch
        {
            _ when type.Contains("UInt64", StringComparison.Ordinal) => string.Create(CultureInfo.InvariantCulture, $"a whole number from 0 to {ulong.MaxValue}"),
            _ when type.Contains("Int32", StringComparison.Ordinal) => string.Create(CultureInfo.InvariantCulture, $"a whole number from {int.MinValue} to {int.MaxValue}"),
            _ when type.Contains("Double", StringComparison.Ordinal) => "a number",
            _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
            _ when type.Contains("FileInfo", StringComparison.Ordinal) => "a file path",
            _ => "a value of the right kind",
        };
        return $"{match.Groups["name"].Value}: '{match.Groups["value"].Value}' is not {want}.";
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?:option|argument) '(?<name>[^']*)' as expected type '(?<type>[^']*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();
}
