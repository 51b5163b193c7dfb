using System.Diagnostics;

namespace EmrCat.Tests.Practice;

/// <summary>Runs the real practice host (the built emrcat-practice.dll) as a separate process.</summary>
internal static partial class HostProcess
{
    public static string HostDll => Path.Combine(AppContext.BaseDirectory, "emrcat-practice.dll");

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Fixtures.FixturePaths.Repository,
        };
        info.ArgumentList.Add(HostDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_NOLOGO"] = "1";
        return info;
    }

    public static (int ExitCode, string Output, string Error) Run(string? stdin, params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The host did not finish within 3 minutes.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>
    /// Reads the host's output until a line contains <paramref name="text"/>. Each read is bounded: a host that waits for
    /// input it will never get (or shows something else) fails the test within <paramref name="timeout"/> (default one
    /// minute) instead of hanging the run.
    /// </summary>
    public static void WaitForLine(Process process, string text, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromMinutes(1);
        var deadline = DateTime.UtcNow + limit;
        var seen = new List<string>();
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var read = process.StandardOutput.ReadLineAsync();
            if (left <= TimeSpan.Zero || !read.Wait(left))
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true); // ends the pending read too
                throw new TimeoutException($"The host did not show '{text}' within {limit.TotalSeconds:0} s. Its last lines:\n{string.Join('\n', seen.TakeLast(12))}");
            }

            string? line = read.Result;
            if (line is null) throw new InvalidOperationException($"The host exited before showing '{text}': {process.StandardError.ReadToEnd()}\n{string.Join('\n', seen.TakeLast(12))}");
            if (line.Contains(text, StringComparison.Ordinal)) return;
            seen.Add(line);
        }
    }

    /// <summary>
    /// Runs the host in script mode (<c>--answers -</c> among <paramref name="args"/>) and answers whatever each item
    /// shows, read from its instructions: a single-answer item with A, a select-all item with the selection A, an ordering
    /// item with every letter from A. Ends standard input at the repair plan's tagging. Each read waits at most a minute.
    /// </summary>
    public static (int ExitCode, string Output, string Error) RunAnsweringWhatIsShown(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var error = process.StandardError.ReadToEndAsync();
        var output = new System.Text.StringBuilder();
        try
        {
            process.StandardInput.WriteLine("wait:0"); // a script's first token is read before the session starts
            process.StandardInput.Flush();
            int? answered = null, shown = null;
            while (true)
            {
                var read = process.StandardOutput.ReadLineAsync();
                if (!read.Wait(TimeSpan.FromMinutes(1))) throw new TimeoutException($"The host showed nothing for a minute:\n{output}");
                if (read.Result is not { } line) break;
                output.AppendLine(line);
                if (ItemNumber().Match(line) is { Success: true } number) shown = int.Parse(number.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                string? answer = AnswerFor(line);
                if (answer is not null && shown == answered) continue; // the instructions again for an item answered already
                if (answer is not null) answered = shown;
                else if (line.StartsWith("  Suggested:", StringComparison.Ordinal)) answer = "-";
                else if (line.Contains("Press Enter to", StringComparison.Ordinal)) answer = "";
                else if (line.Contains("Repair plan (", StringComparison.Ordinal)) process.StandardInput.Close();
                if (answer is null) continue;
                try
                {
                    process.StandardInput.WriteLine(answer);
                    process.StandardInput.Flush();
                }
                catch (IOException)
                {
                    // the host has finished reading
                }
            }

            if (!process.WaitForExit(TimeSpan.FromMinutes(1))) throw new TimeoutException($"The host did not exit:\n{output}");
            return (process.ExitCode, output.ToString(), error.Result);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>A valid answer to the item whose instructions <paramref name="line"/> is, or null when it is not an item's instructions.</summary>
    public static string? AnswerFor(string line)
    {
        if (line.StartsWith("Type A–", StringComparison.Ordinal) || line.StartsWith("Select all that apply", StringComparison.Ordinal)) return "A";
        if (OrderInstructions().Match(line) is { Success: true } order)
        {
            int count = int.Parse(order.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            return string.Concat(Enumerable.Range(0, count).Select(i => (char)('A' + i)));
        }

        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Put all (\d+) in order")]
    private static partial System.Text.RegularExpressions.Regex OrderInstructions();

    [System.Text.RegularExpressions.GeneratedRegex(@"Item (\d+) · answered")]
    private static partial System.Text.RegularExpressions.Regex ItemNumber();

    public static string TempDataDir() => Directory.CreateTempSubdirectory("emrcat-host-").FullName;
}
