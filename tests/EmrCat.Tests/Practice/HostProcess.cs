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

    public static string TempDataDir() => Directory.CreateTempSubdirectory("emrcat-host-").FullName;
}
