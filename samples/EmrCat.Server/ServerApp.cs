using System.Security.Cryptography;
using System.Threading.RateLimiting;
using EmrCat.IO;
using EmrCat.Banks;
using EmrCat.Sessions;
using EmrCat.Server.Api;
using EmrCat.Server.Security;
using EmrCat.Server.Sessions;
using EmrCat.Server.Storage;
using EmrCat.Server.Telemetry;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EmrCat.Server;

/// <summary>Builds the server: services, limits, telemetry, the API, the web page and the health check.</summary>
public static class ServerApp
{
    /// <summary>Builds the application from command-line arguments and configuration.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var services = builder.Services;
        services.AddOptions<ServerOptions>().Bind(builder.Configuration.GetSection(ServerOptions.Section))
            .Validate(o => o.Store is "sqlite" or "postgres", "Server:Store must be 'sqlite' or 'postgres'.")
            .Validate(o => o.Store != "postgres" || !string.IsNullOrWhiteSpace(o.ConnectionString), "Server:ConnectionString is required for the postgres store.")
            .Validate(o => o.Store != "postgres" || !string.IsNullOrWhiteSpace(o.EventLogKey), SessionLogKey.RequiredSetting)
            .Validate(o => string.IsNullOrWhiteSpace(o.EventLogKey) || SessionLogKey.IsUsable(o.EventLogKey), SessionLogKey.InvalidSetting)
            .Validate(o => o.MaxRequestBytes is >= 1024 and <= 1024 * 1024, "Server:MaxRequestBytes must be 1 KiB to 1 MiB.")
            .Validate(o => o.StartsPerMinute > 0 && o.RequestsPerSecondPerSession > 0, "Rate limits must be positive.")
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ServerTelemetry>();
        services.AddSingleton<SessionTokens>();
        services.AddSingleton<SessionService>();
        services.AddSingleton(sp => LoadBank(sp.GetRequiredService<IOptions<ServerOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ServerOptions>>().Value;
            return SessionLogKey.Resolve(options, SqliteConnectionString(options));
        });
        services.AddSingleton<ISessionStore>(sp => CreateStore(sp.GetRequiredService<IOptions<ServerOptions>>().Value));
        services.AddHostedService<Initializer>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        services.AddProblemDetails();
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "EmrCat practice server";
            document.Info.Description = "Adaptive EMR practice sessions over HTTP. Start a session, then send its token as 'Authorization: Bearer <token>'.";
            return Task.CompletedTask;
        }));

        // Request size: Kestrel refuses bodies over the limit with 413 before they are read.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServerOptions>>((kestrel, server) =>
        {
            kestrel.Limits.MaxRequestBodySize = server.Value.MaxRequestBytes;
            kestrel.AddServerHeader = false;
        });

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await Results.Problem(statusCode: 429, title: "Too many requests", detail: "Slow down and retry after the time in the Retry-After header.")
                    .ExecuteAsync(context.HttpContext);
            };
            limiter.AddPolicy(SessionEndpoints.StartPolicy, http =>
            {
                int perMinute = http.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.StartsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            limiter.AddPolicy(SessionEndpoints.SessionPolicy, http =>
            {
                int perSecond = http.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.RequestsPerSecondPerSession;
                return RateLimitPartition.GetTokenBucketLimiter(http.Request.RouteValues["id"] as string ?? "",
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = 2 * perSecond, TokensPerPeriod = perSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0, AutoReplenishment = true,
                    });
            });
        });

        // Metrics and traces: the server's own (EmrCat.Server), the library's (EmrCat) and ASP.NET Core's. Exporters are
        // off unless configured, so nothing is collected for nobody.
        var telemetry = builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("emrcat-server"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ServerTelemetry.Name, "EmrCat").AddAspNetCoreInstrumentation();
                if (telemetry.ConsoleTelemetry) metrics.AddConsoleExporter();
                if (!string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint)) metrics.AddOtlpExporter(o => o.Endpoint = new Uri(telemetry.OtlpEndpoint));
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(ServerTelemetry.Name, "EmrCat").AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"));
                if (telemetry.ConsoleTelemetry) tracing.AddConsoleExporter();
                if (!string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint)) tracing.AddOtlpExporter(o => o.Endpoint = new Uri(telemetry.OtlpEndpoint));
            });

        var app = builder.Build();

        // The event log key (configured, or the SQLite key file) is settled before the host starts: a missing or
        // damaged key stops the server with one line (Program), not at the first request.
        _ = app.Services.GetRequiredService<EventLogKey>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        var web = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = web });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = web });
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapHealthChecks("/health");
        app.MapSessionEndpoints();
        return app;
    }

    /// <summary>Creates the store's tables and settles the token key before the server accepts requests.</summary>
    private sealed class Initializer(IServiceProvider services, ILogger<Initializer> log) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var options = services.GetRequiredService<IOptions<ServerOptions>>().Value;
            var store = services.GetRequiredService<ISessionStore>();
            if (await store.InitializeAsync(cancellationToken) is { } note) log.LogWarning("{Note}", note);
            byte[] key = string.IsNullOrWhiteSpace(options.TokenKey)
                ? await store.GetOrCreateTokenKeyAsync(RandomNumberGenerator.GetBytes(32), cancellationToken)
                : Convert.FromBase64String(options.TokenKey);
            services.GetRequiredService<SessionTokens>().UseKey(key);
            var bank = services.GetRequiredService<ItemBank>();
            log.LogInformation("EmrCat server ready: {Store} store, bank {BankId} {BankVersion} ({Items} items)", store.Kind, bank.Metadata.Id, bank.Metadata.Version, bank.Count);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static ItemBank LoadBank(ServerOptions options) =>
        ItemBankJson.Load(options.BankPath ?? Path.Combine(AppContext.BaseDirectory, "item-bank", "emr-practice.json"));

    private static ISessionStore CreateStore(ServerOptions options) => options.Store switch
    {
        "postgres" => new PostgresSessionStore(options.ConnectionString!),
        _ => new SqliteSessionStore(SqliteConnectionString(options)),
    };

    private static string SqliteConnectionString(ServerOptions options) => options.ConnectionString ?? $"Data Source={DefaultSqlitePath}";

    /// <summary>The SQLite file when none is configured: next to the console host's history, in the user's data folder.</summary>
    public static string DefaultSqlitePath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "EmrCat", "emrcat-server.db");
}
