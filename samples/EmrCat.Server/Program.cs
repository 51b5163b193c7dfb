using EmrCat.Server;

await ServerApp.Build(args).RunAsync();

/// <summary>The entry point (public so integration tests can host it with WebApplicationFactory).</summary>
public partial class Program;
