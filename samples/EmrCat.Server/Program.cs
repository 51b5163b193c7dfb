using EmrCat.Server;
using Microsoft.Extensions.Options;

try
{
    await ServerApp.Build(args).RunAsync();
    return 0;
}
catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
{
    // A setting or key the server cannot start with: one line naming it, not a stack trace.
    Console.Error.WriteLine($"emrcat-server: {e.Message}");
    return 1;
}

/// <summary>The entry point (public so integration tests can host it with WebApplicationFactory).</summary>
public partial class Program;
