using System.Diagnostics;

namespace EmrCat.Tests.Practice;

/// <summary>Runs the real practice host (the built emrcat-practice.dll) as a separate process.</summary>
internal static class HostProcess
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

    public static string TempDataDir() => Directory.CreateTempSubdirectory("emrcat-host-").FullName;
}
