using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EmrCat.Banks;
using EmrCat.Server.Api;
using EmrCat.Server.Storage;
using EmrCat.Sessions;
using EmrCat.Stopping;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace EmrCat.Server.Tests;

/// <summary>The HTTP API end to end, in process, on a SQLite store.</summary>
public sealed class SessionApiTests : IDisposable
{
    private readonly ServerFactory _factory = new();
    private readonly HttpClient _client;

    public SessionApiTests() => _client = _factory.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task Session_AnsweredToTheEnd_GivesResultAndReport()
    {
        var candidate = await Candidate.StartAsync(_client, "quick", seed: 11);
        Assert.Equal(20, candidate.Started.MinItems);
        Assert.Equal(25, candidate.Started.MaxItems);
        Assert.Equal(1200, candidate.Started.TimeLimitSeconds);
        using (var early = await _client.SendAsync(candidate.Request(HttpMethod.Get, "result")))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        var given = await candidate.RunToEndAsync(_ => _client, item => item.Options[0].Id);
        Assert.InRange(given.Count, 20, 25);
        Assert.Equal(given.Count, given.Select(g => g.ItemId).Distinct().Count());

        var result = await _client.SendAsync(candidate.Request(HttpMethod.Get, "result"));
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        var view = (await result.Content.ReadFromJsonAsync<ResultView>(Candidate.Json))!;
        Assert.Contains(view.Decision, new[] { "Pass", "Fail", "Undecided" });
        Assert.InRange(view.ReportedScore, 100, 1500);
        Assert.Equal(950, view.PassingScore);
        Assert.Equal((100.0, 1500.0), (view.MinimumScore, view.MaximumScore));
        Assert.Equal(5, view.PilotCount);
        Assert.Equal(given.Count - 5, view.ScoredCount);
        Assert.NotEmpty(view.Domains);
        Assert.Equal(view.ScoredCount, view.Domains.Sum(d => d.Total));

        var report = (await (await _client.SendAsync(candidate.Request(HttpMethod.Get, "report"))).Content.ReadFromJsonAsync<ReportView>(Candidate.Json))!;
        Assert.Equal(view.ScoredCount - view.ScoredCorrect, report.ErrorLog.Count);
        Assert.All(report.ErrorLog, miss => Assert.False(string.IsNullOrWhiteSpace(miss.Rationale)));
        Assert.Equal(report.ErrorLog.Count > 0, report.RepairPlan.Count > 0);

        var after = await candidate.CurrentAsync(_client);
        Assert.True(after.Finished);
        Assert.Equal(view.Reason, after.EndedBy);
        var (status, _, _) = await candidate.AnswerAsync(_client, given.Count + 1, given[^1].ItemId, "A");
        Assert.Equal(HttpStatusCode.Conflict, status);
    }

    [Fact]
    public async Task Submit_RetriedIdenticalRequest_GetsTheSameOutcomeAndIsStoredOnce()
    {
        var candidate = await Candidate.StartAsync(_client);
        var current = await candidate.CurrentAsync(_client);
        string option = current.Item!.Options[1].Id;

        var first = await candidate.AnswerAsync(_client, 1, current.Item, option);
        var retry = await candidate.AnswerAsync(_client, 1, current.Item, option);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(first.Body, retry.Body);
        Assert.False(first.Repeated);
        Assert.True(retry.Repeated);
        var next = await candidate.CurrentAsync(_client);
        Assert.Equal(2, next.Seq);
        Assert.Equal(1, next.Answered);
        Assert.NotEqual(current.Item.ItemId, next.Item!.ItemId);
        var stored = await _factory.Services.GetRequiredService<ISessionStore>().LoadAsync(candidate.Id, CancellationToken.None);
        Assert.Equal((2, 2), (stored!.RecordCount, stored.Records.Count)); // the start and answer 1, once
        Assert.Equal(current.Item.ItemId, stored.Answers().Single().ItemId);
        Assert.Equal(Candidate.AnswerFor(current.Item!, option), stored.Answers().Single().Answer);
    }

    [Fact]
    public async Task Submit_StaleFutureOrForAnotherItem_IsRefusedWith409AndChangesNothing()
    {
        var candidate = await Candidate.StartAsync(_client);
        var first = await candidate.CurrentAsync(_client);
        Assert.Equal(HttpStatusCode.OK, (await candidate.AnswerAsync(_client, 1, first.Item!, "A")).Status);
        var second = await candidate.CurrentAsync(_client);

        var changed = await candidate.AnswerAsync(_client, 1, first.Item!, "B");
        var future = await candidate.AnswerAsync(_client, 3, second.Item!, "A");
        var otherItem = await candidate.AnswerAsync(_client, 2, first.Item!, "A");

        Assert.Equal(HttpStatusCode.Conflict, changed.Status);
        Assert.Contains("already recorded", changed.Body, StringComparison.Ordinal);
        Assert.Equal(2, JsonDocument.Parse(changed.Body).RootElement.GetProperty("expectedSeq").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, future.Status);
        Assert.Equal(HttpStatusCode.Conflict, otherItem.Status);
        var now = await candidate.CurrentAsync(_client);
        Assert.Equal((2, second.Item!.ItemId), (now.Seq, now.Item!.ItemId));
        var stored = await _factory.Services.GetRequiredService<ISessionStore>().LoadAsync(candidate.Id, CancellationToken.None);
        Assert.Equal(Candidate.AnswerFor(first.Item!, "A"), stored!.Answers().Single().Answer);
    }

    [Fact]
    public async Task Submit_NotAnOptionOrIncomplete_IsRefusedWith400()
    {
        var candidate = await Candidate.StartAsync(_client);
        var current = await candidate.CurrentAsync(_client);
        Assert.Equal(HttpStatusCode.BadRequest, (await candidate.AnswerAsync(_client, 1, current.Item!.ItemId, "Z")).Status);
        using var incomplete = await _client.SendAsync(candidate.Request(HttpMethod.Post, "answers", new { seq = 1 }));
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.Equal(0, (await candidate.CurrentAsync(_client)).Answered);
    }

    [Fact]
    public async Task Responses_BeforeAnswering_NeverHoldTheKeyRationaleOrPilotFlag()
    {
        var bank = _factory.Services.GetRequiredService<ItemBank>();
        string[] forbidden = ["key", "rationale", "pilot", "isPilot", "status", "parameters", "correct", "topic", "tags"];
        int pilotsSeen = 0;
        for (ulong seed = 1; seed <= 3; seed++)
        {
            using var start = await _client.PostAsJsonAsync("/api/sessions", new StartRequest("quick", seed));
            string startJson = await start.Content.ReadAsStringAsync();
            AssertNoForbiddenNames(JsonDocument.Parse(startJson).RootElement, forbidden);
            var candidate = new Candidate(JsonSerializer.Deserialize<StartResponse>(startJson, Candidate.Json)!);
            while (true)
            {
                using var response = await _client.SendAsync(candidate.Request(HttpMethod.Get, "item"));
                string json = await response.Content.ReadAsStringAsync();
                var root = JsonDocument.Parse(json).RootElement;
                AssertNoForbiddenNames(root, forbidden);
                if (root.GetProperty("finished").GetBoolean()) break;
                var item = root.GetProperty("item");
                bank.TryGetIndex(item.GetProperty("itemId").GetString()!, out int index);
                var bankItem = bank.Items[index];
                Assert.DoesNotContain(bankItem.Rationale, json, StringComparison.Ordinal);
                if (bankItem.Status == ItemStatus.Pilot) pilotsSeen++;
                var (status, outcome, _) = await candidate.AnswerAsync(_client, root.GetProperty("seq").GetInt32(), bankItem.Id, bankItem.AnswerFor(bankItem.MaxCategory));
                Assert.Equal(HttpStatusCode.OK, status);
                AssertNoForbiddenNames(JsonDocument.Parse(outcome).RootElement, forbidden);
            }
        }

        Assert.Equal(15, pilotsSeen); // 5 pilot items per quick session went through the same view
    }

    [Fact]
    public async Task Tokens_TamperedMissingOrForeign_AreRefusedWith401OnEveryEndpoint()
    {
        var candidate = await Candidate.StartAsync(_client, seed: 1);
        var other = await Candidate.StartAsync(_client, seed: 2);
        var current = await candidate.CurrentAsync(_client);
        string token = candidate.Started.Token;
        int dot = token.IndexOf('.', StringComparison.Ordinal);
        string Flip(string s, int at) => s[..at] + (s[at] == 'A' ? 'B' : 'A') + s[(at + 1)..];
        string?[] bad = [Flip(token, token.Length - 3), Flip(token, dot - 2), Flip(token, dot + 1), other.Started.Token, token[..dot], "", null];

        foreach (string? badToken in bad)
        {
            foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
                     {
                         (HttpMethod.Get, "item", null), (HttpMethod.Post, "answers", new AnswerRequest(1, current.Item!.ItemId, "A", null)),
                         (HttpMethod.Get, "result", null), (HttpMethod.Get, "report", null),
                     })
            {
                var request = candidate.Request(method, path, body, badToken ?? "x");
                if (badToken is null) request.Headers.Authorization = null;
                using var response = await _client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with token '{badToken}': {response.StatusCode}");
            }
        }

        Assert.Equal(0, (await candidate.CurrentAsync(_client)).Answered);
    }

    [Fact]
    public async Task Requests_OverTheSizeLimit_AreRefusedWith413ByTheRealServer()
    {
        using var factory = new ServerFactory(new Dictionary<string, string?> { ["Server:MaxRequestBytes"] = "4096" });
        factory.UseKestrel(0);
        using var client = factory.CreateClient();
        var candidate = await Candidate.StartAsync(client);
        var current = await candidate.CurrentAsync(client);
        string padding = new('x', 8000);

        using var sized = await client.SendAsync(candidate.Request(HttpMethod.Post, "answers", new { seq = 1, itemId = current.Item!.ItemId, optionId = "A", padding }));
        var chunkedRequest = candidate.Request(HttpMethod.Post, "answers");
        chunkedRequest.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"seq\":1,\"itemId\":\"{current.Item.ItemId}\",\"optionId\":\"A\",\"padding\":\"{padding}\"}}")));
        chunkedRequest.Content.Headers.ContentType = new("application/json");
        chunkedRequest.Headers.TransferEncodingChunked = true;
        using var chunked = await client.SendAsync(chunkedRequest);
        using var start = await client.PostAsync("/api/sessions", new StringContent($"{{\"preset\":\"quick\",\"x\":\"{padding}\"}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sized.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, start.StatusCode);
        Assert.Equal(0, (await candidate.CurrentAsync(client)).Answered);
        Assert.Equal(HttpStatusCode.OK, (await candidate.AnswerAsync(client, 1, current.Item, "A")).Status);
    }

    [Fact]
    public async Task RateLimits_TooManyStartsOrSessionRequests_Get429WithRetryAfter()
    {
        using var factory = new ServerFactory(new Dictionary<string, string?> { ["Server:StartsPerMinute"] = "3", ["Server:RequestsPerSecondPerSession"] = "2" });
        using var client = factory.CreateClient();
        var candidate = await Candidate.StartAsync(client);
        await Candidate.StartAsync(client);
        await Candidate.StartAsync(client);
        using var fourth = await client.PostAsJsonAsync("/api/sessions", new StartRequest("quick", 1));
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.True(fourth.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 8; i++)
        {
            using var response = await client.SendAsync(candidate.Request(HttpMethod.Get, "item"));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), 4, 6); // a bucket of 2 × 2 tokens, perhaps one refill
    }

    [Fact]
    public async Task TimeLimit_PassedBeforeAnAnswer_EndsTheSessionAndTheAnswerIsNotCounted()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-28T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var factory = new ServerFactory(services: s => s.AddSingleton<TimeProvider>(clock));
        using var client = factory.CreateClient();
        var candidate = await Candidate.StartAsync(client);
        var first = await candidate.CurrentAsync(client);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await candidate.AnswerAsync(client, 1, first.Item!, "A")).Status);
        var second = await candidate.CurrentAsync(client);
        Assert.Equal(1200 - 30, second.RemainingSeconds!.Value, precision: 3);
        clock.Advance(TimeSpan.FromMinutes(20));

        var late = await candidate.AnswerAsync(client, 2, second.Item!, "A");
        var retry = await candidate.AnswerAsync(client, 2, second.Item!, "A");

        Assert.Equal(HttpStatusCode.OK, late.Status);
        var outcome = JsonSerializer.Deserialize<AnswerOutcome>(late.Body, Candidate.Json)!;
        Assert.Equal(new AnswerOutcome(2, Counted: false, Finished: true, EndedBy: "TimeLimit"), outcome);
        Assert.Equal(late.Body, retry.Body);
        Assert.True(retry.Repeated);
        var result = (await (await client.SendAsync(candidate.Request(HttpMethod.Get, "result"))).Content.ReadFromJsonAsync<ResultView>(Candidate.Json))!;
        Assert.Equal(("TimeLimit", "Undecided", 1200.0), (result.Reason, result.Decision, result.ElapsedSeconds));
        var stored = await factory.Services.GetRequiredService<ISessionStore>().LoadAsync(candidate.Id, CancellationToken.None);
        Assert.Single(stored!.Answers());
        Assert.Equal(new SessionEnding(StopReason.TimeLimit, 1_200_000), stored!.Ending());
        Assert.Equal(("TimeLimit", 3), (stored!.EndedBy, stored.RecordCount));
    }

    [Fact]
    public async Task OpenApiAndHealth_DescribeTheApiAndReportTheStore()
    {
        using var openApi = await _client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        var paths = JsonDocument.Parse(await openApi.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        Assert.Equal(
            ["/api/sessions", "/api/sessions/{id}/answers", "/api/sessions/{id}/item", "/api/sessions/{id}/report", "/api/sessions/{id}/result"],
            paths.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        using var health = await _client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());

        using var page = await _client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("EmrCat practice", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Telemetry_AnswersAndSpansAreCounted()
    {
        var meters = _factory.Services.GetRequiredService<IMeterFactory>();
        using var accepted = new MetricCollector<long>(meters, "EmrCat.Server", "emrcat.server.answers.accepted");
        using var repeated = new MetricCollector<long>(meters, "EmrCat.Server", "emrcat.server.answers.repeated");
        using var started = new MetricCollector<long>(meters, "EmrCat.Server", "emrcat.server.sessions.started");
        var spans = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "EmrCat.Server",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => { lock (spans) spans.Add(activity.OperationName + ":" + activity.GetTagItem("emrcat.status")); },
        };
        ActivitySource.AddActivityListener(listener);

        var candidate = await Candidate.StartAsync(_client);
        var current = await candidate.CurrentAsync(_client);
        await candidate.AnswerAsync(_client, 1, current.Item!, "A");
        await candidate.AnswerAsync(_client, 1, current.Item!, "A");

        Assert.Equal(1, started.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, accepted.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, repeated.GetMeasurementSnapshot().EvaluateAsCounter());
        lock (spans)
        {
            Assert.Contains("session.start:", spans);
            Assert.Contains("session.submit:applied", spans);
            Assert.Contains("session.submit:repeated", spans);
        }
    }

    private static void AssertNoForbiddenNames(JsonElement element, string[] forbidden)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Assert.DoesNotContain(property.Name, forbidden, StringComparer.OrdinalIgnoreCase);
                AssertNoForbiddenNames(property.Value, forbidden);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in element.EnumerateArray()) AssertNoForbiddenNames(child, forbidden);
        }
    }
}
