using System.Net;
using System.Text.Json;
using EmrCat.Server.Api;

namespace EmrCat.Server.Tests;

/// <summary>Two nodes over one store: a session goes on from whichever node gets the next request, and two nodes never both accept answer n.</summary>
public abstract class MultiNodeTests
{
    protected abstract string Store { get; }

    protected abstract string ConnectionString();

    private (ServerFactory A, ServerFactory B) Nodes()
    {
        var settings = new Dictionary<string, string?> { ["Server:Store"] = Store, ["Server:ConnectionString"] = ConnectionString() };
        return (new ServerFactory(settings, node: "node-a"), new ServerFactory(settings, node: "node-b"));
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
                string itemId = current.Item!.ItemId;
                bool sameAnswer = round % 2 == 1;
                var results = await Task.WhenAll(
                    candidate.AnswerAsync(clientA, 1, itemId, "A"),
                    candidate.AnswerAsync(clientB, 1, itemId, sameAnswer ? "A" : "B"));

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
