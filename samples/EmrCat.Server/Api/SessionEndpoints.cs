using EmrCat.Server.Security;
using EmrCat.Server.Sessions;
using EmrCat.Server.Telemetry;

namespace EmrCat.Server.Api;

/// <summary>The HTTP API: start a session, then get its item, answer, and read the result and report, each with the session's token.</summary>
internal static class SessionEndpoints
{
    public const string StartPolicy = "start";
    public const string SessionPolicy = "session";

    public static void MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sessions").WithTags("Sessions");

        api.MapPost("/", StartAsync)
            .RequireRateLimiting(StartPolicy)
            .WithName("StartSession")
            .WithSummary("Starts a practice session")
            .WithDescription("Returns the session id and its access token; send the token as 'Authorization: Bearer <token>' on every other request.")
            .Produces<StartResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        var session = api.MapGroup("/{id}")
            .AddEndpointFilter(RequireSessionToken)
            .AddEndpointFilter(RefuseUnresumable)
            .RequireRateLimiting(SessionPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        session.MapGet("/item", GetItemAsync)
            .WithName("GetCurrentItem")
            .WithSummary("The item to answer now (never its key, rationale or pilot flag), or that the session has ended")
            .Produces<CurrentView>();

        session.MapPost("/answers", SubmitAsync)
            .WithName("SubmitAnswer")
            .WithSummary("Answers the current item")
            .WithDescription("'seq' is the answer's number (answers so far + 1). A retried identical request gets the same outcome and is not applied twice " +
                             "(header EmrCat-Repeated: true); an answer number already used with another answer, or not the next one, is refused with 409.")
            .Produces<AnswerOutcome>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        session.MapGet("/result", GetResultAsync)
            .WithName("GetResult")
            .WithSummary("The result of an ended session: decision, scaled score (100–1500, 950 to pass), domain levels")
            .Produces<ResultView>()
            .ProducesProblem(StatusCodes.Status409Conflict);

        session.MapGet("/report", GetReportAsync)
            .WithName("GetReport")
            .WithSummary("The score report of an ended session: the result, the error log of missed scored items with the best answer and why, and the repair plan")
            .Produces<ReportView>()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> StartAsync(StartRequest? request, SessionService sessions, CancellationToken cancellationToken)
    {
        string preset = request?.Preset ?? "quick";
        if (!Presets.ByName.ContainsKey(preset))
        {
            return Results.Problem(statusCode: 400, title: "Unknown preset", detail: $"Preset '{preset}' is not one of: {string.Join(", ", Presets.ByName.Keys)}.");
        }

        var started = await sessions.StartAsync(preset, request?.Seed, cancellationToken);
        return Results.Created($"/api/sessions/{started.SessionId}/item", started);
    }

    private static async Task<IResult> GetItemAsync(string id, SessionService sessions, CancellationToken cancellationToken) =>
        await sessions.GetCurrentAsync(id, cancellationToken) is { } view ? Results.Ok(view) : NotFound(id);

    private static async Task<IResult> SubmitAsync(string id, AnswerRequest? request, SessionService sessions, HttpContext http, CancellationToken cancellationToken)
    {
        if (request is null || request.Seq < 1 || string.IsNullOrEmpty(request.ItemId) || (request.OptionId is null && request.OptionIds is not { Count: > 0 }))
        {
            return Results.Problem(statusCode: 400, title: "Incomplete answer", detail: "An answer needs 'seq' (1 or more), 'itemId' and 'optionId' (or 'optionIds').");
        }

        var result = await sessions.SubmitAsync(id, request, cancellationToken);
        switch (result?.Status)
        {
            case null:
                return NotFound(id);
            case SubmitStatus.Applied:
                return Results.Ok(result.Outcome);
            case SubmitStatus.Repeated:
                http.Response.Headers["EmrCat-Repeated"] = "true";
                return Results.Ok(result.Outcome);
            case SubmitStatus.Invalid:
                return Results.Problem(statusCode: 400, title: "Not an option of this item", detail: result.Problem);
            default:
                return Results.Problem(statusCode: 409, title: "Answer refused", detail: result.Problem,
                    extensions: new Dictionary<string, object?> { ["expectedSeq"] = result.ExpectedSeq });
        }
    }

    private static async Task<IResult> GetResultAsync(string id, SessionService sessions, CancellationToken cancellationToken)
    {
        var (found, result) = await sessions.GetResultAsync(id, cancellationToken);
        if (!found) return NotFound(id);
        return result is null ? NotEnded() : Results.Ok(sessions.ResultView(result));
    }

    private static async Task<IResult> GetReportAsync(string id, SessionService sessions, CancellationToken cancellationToken)
    {
        var (found, result) = await sessions.GetResultAsync(id, cancellationToken);
        if (!found) return NotFound(id);
        return result is null ? NotEnded() : Results.Ok(sessions.ReportView(result));
    }

    /// <summary>Every request under /api/sessions/{id} must carry that session's token; anything else is refused before the store is read.</summary>
    private static async ValueTask<object?> RequireSessionToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        string id = http.Request.RouteValues["id"] as string ?? "";
        string header = http.Request.Headers.Authorization.ToString();
        string? token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        if (http.RequestServices.GetRequiredService<SessionTokens>().Verify(id, token)) return await next(context);

        http.RequestServices.GetRequiredService<ServerTelemetry>().TokensRefused.Add(1);
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("EmrCat.Server.Tokens")
            .LogWarning("Refused a request for session {SessionId}: {Problem} token", id, token is null ? "missing" : "invalid");
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(statusCode: 401, title: "Invalid session token",
            detail: "Send the token returned when the session started as 'Authorization: Bearer <token>'; it is valid for that session only.");
    }

    /// <summary>A session whose stored log does not verify (edited, cut, another key) gets a 409 problem naming the record, never a 500 (the service has logged it).</summary>
    private static async ValueTask<object?> RefuseUnresumable(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (SessionRefusedException e)
        {
            return Results.Problem(statusCode: 409, title: "Session cannot be resumed",
                detail: $"Session '{e.SessionId}' cannot be resumed: {e.Message} Its stored records were changed outside the server or signed with another key; start a new session.");
        }
    }

    private static IResult NotFound(string id) => Results.Problem(statusCode: 404, title: "No such session", detail: $"There is no session '{id}'.");

    private static IResult NotEnded() => Results.Problem(statusCode: 409, title: "The session has not ended", detail: "Answer the remaining items first; the result is ready when the session ends.");
}
