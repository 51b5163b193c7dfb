using System.Globalization;
using System.Net;
using System.Text.Json;
using EmrCat.Server.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EmrCat.Server.Tests;

/// <summary>Two nodes over one store: a session goes on from whichever node gets the next request, and two nodes never both accept answer n.</summary>
public abstract class MultiNodeTests
{
    protected abstract string Store { get; }

    protected abstract string ConnectionString();

    /// <summary>The event log key both nodes share (as an operator sets Server:EventLogKey on every node).</summary>
    internal static readonly string TestKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 1)).ToArray());

    private (ServerFactory A, ServerFactory B) Nodes(TimeProvider? clock = null, TimeProvider? clockB = null)
    {
        var settings = new Dictionary<string, string?> { ["Server:Store"] = Store, ["Server:ConnectionString"] = ConnectionString(), ["Server:EventLogKey"] = TestKey };
        Action<IServiceCollection>? Services(TimeProvider? c) => c is null ? null : s => s.AddSingleton(c);
        return (new ServerFactory(settings, Services(clock), node: "node-a"), new ServerFactory(settings, Services(clockB ?? clock), node: "node-b"));
    }

    [SkippableFact]
    public async Task Session_OnANodeWhoseClockIsBehind_StillReplaysEverywhere()
    {
        var start = DateTimeOffset.Parse("2026-11-28T10:00:00Z", CultureInfo.InvariantCulture);
        var clockA = new FakeTimeProvider(start);
        var clockB = new FakeTimeProvider(start - TimeSpan.FromSeconds(2)); // node B's clock is 2 s behind node A's
        var (a, b) = Nodes(clockA, clockB);
        using (a)
        using (b)
        {
            using var clientA = a.CreateClient();
            using var clientB = b.CreateClient();
            var candidate = await Candidate.StartAsync(clientA);
            var first = await candidate.CurrentAsync(clientA);
            clockA.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.OK, (await candidate.AnswerAsync(clientA, 1, first.Item!, "A")).Status);
            var second = await candidate.CurrentAsync(clientB);

            // Node B answers "before" node A's last answer by its own clock; the response time must not go negative.
            Assert.Equal(HttpStatusCode.OK, (await candidate.AnswerAsync(clientB, 2, second.Item!, "A")).Status);
            var third = await candidate.CurrentAsync(clientA);
            Assert.Equal(3, third.Seq);
            var stored = await a.Services.GetRequiredService<EmrCat.Server.Storage.ISessionStore>().LoadAsync(candidate.Id, CancellationToken.None);
            Assert.Equal([1000L, 0L], stored!.Answers().Select(x => x.ResponseTimeMs));
            Assert.Equal([1000L, 1000L], stored!.Answers().Select(x => x.ElapsedMs));
        }
    }

    [SkippableFact]
    public async Task TimeLimit_RunsOnWallTimeAcrossNodes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-28T10:00:00Z", CultureInfo.InvariantCulture));
        var (a, b) = Nodes(clock);
        using (a)
        using (b)
        {
            using var clientA = a.CreateClient();
            using var clientB = b.CreateClient();
            var candidate = await Candidate.StartAsync(clientA);
            var first = await candidate.CurrentAsync(clientA);
            clock.Advance(TimeSpan.FromSeconds(40));

            // Node B has never seen the session: it replays it and still counts from when node A presented the item.
            Assert.Equal(1200 - 40, (await candidate.CurrentAsync(clientB)).RemainingSeconds!.Value, precision: 3);
            Assert.Equal(HttpStatusCode.OK, (await candidate.AnswerAsync(clientB, 1, first.Item!, "A")).Status);
            clock.Advance(TimeSpan.FromSeconds(15));
            var second = await candidate.CurrentAsync(clientA);
            Assert.Equal(1200 - 55, second.RemainingSeconds!.Value, precision: 3);
            clock.Advance(TimeSpan.FromMinutes(20)); // 55 s + 20 min: past the 20-minute limit

            var late = await candidate.AnswerAsync(clientB, 2, second.Item!, "A");
            Assert.Equal(new AnswerOutcome(2, false, true, "TimeLimit"), JsonSerializer.Deserialize<AnswerOutcome>(late.Body, Candidate.Json));
            var result = JsonSerializer.Deserialize<ResultView>(await (await clientA.SendAsync(candidate.Request(HttpMethod.Get, "result"))).Content.ReadAsStringAsync(), Candidate.Json)!;
            Assert.Equal(("TimeLimit", 1, 1200.0), (result.Reason, result.ScoredCount + result.PilotCount, result.ElapsedSeconds));
        }
    }

    [SkippableFact]
    public async Task Session_AlternatingBetweenNodes_RunsToTheSameResultOnBoth()
    {
        var (a, b) = Nodes();
        using (a)
        using (b)
        {
            using var clientA = a.CreateClient();
            using var clientB = b.CreateClient();
            var candidate = await Candidate.StartAsync(clientA, seed: 99);
            var given = await candidate.RunToEndAsync(i => i % 2 == 0 ? clientB : clientA, item => item.Options[item.Position % item.Options.Count].Id);

            string resultA = await (await clientA.SendAsync(candidate.Request(HttpMethod.Get, "result"))).Content.ReadAsStringAsync();
            string resultB = await (await clientB.SendAsync(candidate.Request(HttpMethod.Get, "result"))).Content.ReadAsStringAsync();
            Assert.Equal(resultA, resultB);
            var result = JsonSerializer.Deserialize<ResultView>(resultA, Candidate.Json)!;
            Assert.Equal(given.Count, result.ScoredCount + result.PilotCount);

            // The same seed and answers on one node give the same items: the replays lost nothing.
            var again = await Candidate.StartAsync(clientA, seed: 99);
            var queue = new Queue<(string ItemId, string Option)>(given);
            var replayed = await again.RunToEndAsync(_ => clientA, item =>
            {
                var (itemId, option) = queue.Dequeue();
                Assert.Equal(itemId, item.ItemId);
                return option;
            });
            Assert.Equal(given, replayed);
        }
    }

    [SkippableFact]
    public async Task Submit_SameAnswerNumberOnBothNodesAtOnce_OnlyOneIsAccepted()
    {
        var (a, b) = Nodes();
        using (a)
        using (b)
        {
            using var clientA = a.CreateClient();
            using var clientB = b.CreateClient();
            for (int round = 0; round < 6; round++)
            {
                var candidate = await Candidate.StartAsync(clientA, seed: (ulong)round);
                var current = await candidate.CurrentAsync(clientB);
                bool sameAnswer = round % 2 == 1;
                var results = await Task.WhenAll(
                    candidate.AnswerAsync(clientA, 1, current.Item!, "A"),
                    candidate.AnswerAsync(clientB, 1, current.Item!, sameAnswer ? "A" : "B"));

                if (sameAnswer)
                {
                    // Identical requests: one applied, the other answered with the same outcome.
                    Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
                    Assert.Equal(results[0].Body, results[1].Body);
                    Assert.Single(results, r => r.Repeated);
                }
                else
                {
                    Assert.Single(results, r => r.Status == HttpStatusCode.OK);
                    Assert.Single(results, r => r.Status == HttpStatusCode.Conflict);
                }

                var after = await candidate.CurrentAsync(clientA);
                Assert.Equal((2, 1), (after.Seq, after.Answered));
            }
        }
    }
}

public sealed class SqliteMultiNodeTests : MultiNodeTests
{
    private readonly string _connection = ServerFactory.NewSqliteStore();

    protected override string Store => "sqlite";

    protected override string ConnectionString() => _connection;
}

public sealed class PostgresMultiNodeTests : MultiNodeTests
{
    protected override string Store => "postgres";

    protected override string ConnectionString() => RequiredServices.Postgres();
}
