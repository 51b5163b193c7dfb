using System.Diagnostics;

namespace EmrCat.Server.LoadTest;

/// <summary>One server process on a loopback port, started, killed (SIGKILL, no goodbye) and restarted by the load test.</summary>
internal sealed class Node : IDisposable
{
    private readonly string _serverDll;
    private readonly string _connectionString;
    private Process? _process;

    public Node(string name, int port, string serverDll, string connectionString)
    {
        Name = name;
        Port = port;
        _serverDll = serverDll;
        _connectionString = connectionString;
        Client = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30), ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public string Name { get; }

    public int Port { get; }

    public HttpClient Client { get; }

    /// <summary>The key every node signs session logs with (as an operator gives each node the same Server:EventLogKey).</summary>
    private static readonly string EventLogKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public int Starts { get; private set; }

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
                 {
                     _serverDll, "--urls", $"http://127.0.0.1:{Port}", "--Server:Store=postgres", $"--Server:ConnectionString={_connectionString}",
                     $"--Server:NodeName={Name}", $"--Server:EventLogKey={EventLogKey}", "--Server:StartsPerMinute=1000000", "--Server:RequestsPerSecondPerSession=1000",
                     "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
                 })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_gcServer"] = "0";
        _process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        _process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.WriteLine($"  [{Name}] {line}"); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.WriteLine($"  [{Name}!] {line}"); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Starts++;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting");
            try
            {
                using var health = await Client.GetAsync("/health");
                if (health.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name} was not healthy within 60 s");
            await Task.Delay(100);
        }
    }

    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        Client.Dispose();
    }
}
