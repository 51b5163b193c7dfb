using EmrCat.Server;

var app = ServerApp.Build(args);
await ServerApp.InitializeAsync(app);
await app.RunAsync();

/// <summary>The entry point (public so integration tests can host it with WebApplicationFactory).</summary>
public partial class Program;
