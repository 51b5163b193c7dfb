using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmrCat.Server.Api;
using EmrCat.Server.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace EmrCat.Server.Tests;

/// <summary>
/// Sessions are stored as the library's signed event log and resumed only by verifying it: a node stopped and another
/// started over the same store carries a session on; an edited record, a cut tail or another key gets a 409 problem
/// (logged), never a 500; a retried submit stays idempotent across the restart.
/// </summary>
public abstract class StoredLogTests
{
    protected abstract string Store { get; }

    protected abstract string ConnectionString { get; }

    /// <summary>Server:EventLogKey, or null for the SQLite store's key file beside the database.</summary>
    protected abstract string? Key { get; }

    private ServerFactory Node(string name, string? key = null) => new(
        new Dictionary<string, string?> { ["Server:Store"] = Store, ["Server:ConnectionString"] = ConnectionString, ["Server:EventLogKey"] = key ?? Key },
        s => s.AddLogging(logging => logging.AddFakeLogging()), node: name);

    private async Task<(Candidate Candidate, List<ItemView> Items)> AnswerOnANodeThenStopItAsync(int answers, ulong seed)
    {
        using var node = Node("first");
        using var client = node.CreateClient();
        var candidate = await Candidate.StartAsync(client, seed: seed);
        var items = new List<ItemView>();
        for (int seq = 1; seq <= answers; seq++)
        {
            var current = await candidate.CurrentAsync(client);
            items.Add(current.Item!);
            Assert.Equal(HttpStatusCode.OK, (await candidate.AnswerAsync(client, seq, current.Item!, current.Item!.Options[0].Id)).Status);
        }

        return (candidate, items);
    }

    private Task UpdateAsync(string sql) => StoreSql.ExecuteAsync(Store, ConnectionString, sql);

    private static async Task<(HttpStatusCode Status, JsonElement Problem)> GetAsync(HttpClient client, Candidate candidate, string path)
    {
        using var response = await client.SendAsync(candidate.Request(HttpMethod.Get, path));
        string body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : default);
    }

    private static void AssertRefusal(ServerFactory node, (HttpStatusCode Status, JsonElement Problem) response, string problem)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal("Session cannot be resumed", response.Problem.GetProperty("title").GetString());
        Assert.Contains(problem, response.Problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", response.Problem.ToString(), StringComparison.Ordinal);
        var logged = node.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logged, r => r.Level == LogLevel.Warning && r.Message.Contains("cannot be resumed from the store", StringComparison.Ordinal) && r.Message.Contains(problem, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Session_StoppedOnOneNode_ResumesOnANewOneFromItsLog_ToTheSameItemsAsAnUnbrokenRun()
    {
        var (candidate, before) = await AnswerOnANodeThenStopItAsync(answers: 4, seed: 61);

        using var second = Node("second");
        using var client = second.CreateClient();
        var resumed = await candidate.CurrentAsync(client);
        Assert.Equal((5, 4), (resumed.Seq, resumed.Answered));
        var rest = await candidate.RunToEndAsync(_ => client, item => item.Options[0].Id);

        var unbroken = await Candidate.StartAsync(client, seed: 61);
        var all = await unbroken.RunToEndAsync(_ => client, item => item.Options[0].Id);
        Assert.Equal(all, before.Select(i => (i.ItemId, i.Options[0].Id)).Concat(rest));
        string Result(Candidate c) => client.SendAsync(c.Request(HttpMethod.Get, "result")).Result.Content.ReadAsStringAsync().Result;
        var (a, b) = (JsonSerializer.Deserialize<ResultView>(Result(candidate), Candidate.Json)!, JsonSerializer.Deserialize<ResultView>(Result(unbroken), Candidate.Json)!);
        Assert.Equal((a.Decision, a.Theta, a.ScoredCount), (b.Decision, b.Theta, b.ScoredCount));

        var stored = (await second.Services.GetRequiredService<ISessionStore>().LoadAsync(candidate.Id, CancellationToken.None))!;
        Assert.Equal(stored.Records.Count, stored.RecordCount);
        Assert.Equal(a.Reason, stored.EndedBy);
        Assert.Equal(a.Reason, stored.Ending()!.Reason.ToString()); // the signed end record closes the log
    }

    [SkippableFact]
    public async Task EditedAnswerRecord_AfterARestart_IsRefusedWith409NamingTheRecord_AndLogged()
    {
        var (candidate, items) = await AnswerOnANodeThenStopItAsync(answers: 3, seed: 62);
        string record = await StoreSql.ScalarAsync(Store, ConnectionString, $"SELECT record FROM emrcat_session_events WHERE session_id = '{candidate.Id}' AND seq = 2");
        var edited = JsonNode.Parse(record)!;
        string chosen = edited["answer"]!["answer"]![0]!.GetValue<string>();
        edited["answer"]!["answer"]![0] = items[1].Options.First(o => o.Id != chosen).Id;
        await UpdateAsync($"UPDATE emrcat_session_events SET record = '{edited.ToJsonString().Replace("'", "''", StringComparison.Ordinal)}' WHERE session_id = '{candidate.Id}' AND seq = 2");

        using var second = Node("second");
        using var client = second.CreateClient();

        AssertRefusal(second, await GetAsync(client, candidate, "item"), $"Event log record 3 of 4 (the answer to item '{items[1].ItemId}') does not verify");
        var answer = await candidate.AnswerAsync(client, 4, "any", "A");
        Assert.Equal(HttpStatusCode.Conflict, answer.Status);
        Assert.Contains("Session cannot be resumed", answer.Body, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task CutTail_OfASessionInProgress_IsRefusedByTheStoresRecordCount()
    {
        var (candidate, _) = await AnswerOnANodeThenStopItAsync(answers: 3, seed: 63);
        await UpdateAsync($"DELETE FROM emrcat_session_events WHERE session_id = '{candidate.Id}' AND seq = 3");

        using var second = Node("second");
        using var client = second.CreateClient();

        AssertRefusal(second, await GetAsync(client, candidate, "item"), "The store counts 4 records for this session, but its log holds 3 and does not end: its last records were removed.");
    }

    [SkippableFact]
    public async Task FinishedSession_WhoseEndRecordAndCountWereBothCut_IsRefusedByTheLogItself()
    {
        Candidate candidate;
        using (var first = Node("first"))
        using (var client = first.CreateClient())
        {
            candidate = await Candidate.StartAsync(client, seed: 64);
            await candidate.RunToEndAsync(_ => client, item => item.Options[0].Id);
        }

        string count = await StoreSql.ScalarAsync(Store, ConnectionString, $"SELECT record_count FROM emrcat_session_logs WHERE id = '{candidate.Id}'");
        int last = int.Parse(count, System.Globalization.CultureInfo.InvariantCulture) - 1;
        await UpdateAsync($"DELETE FROM emrcat_session_events WHERE session_id = '{candidate.Id}' AND seq = {last}");
        await UpdateAsync($"UPDATE emrcat_session_logs SET record_count = {last}, ended_by = NULL WHERE id = '{candidate.Id}'");

        using var second = Node("second");
        using var client2 = second.CreateClient();

        AssertRefusal(second, await GetAsync(client2, candidate, "result"), "but its end record is missing: the last records were cut off.");
    }

    [SkippableFact]
    public async Task Log_SignedWithAnotherKey_IsRefusedAtItsStart()
    {
        var (candidate, _) = await AnswerOnANodeThenStopItAsync(answers: 1, seed: 65);

        using var other = Node("other-key", key: Convert.ToBase64String(Enumerable.Repeat((byte)42, 32).ToArray()));
        using var client = other.CreateClient();

        AssertRefusal(other, await GetAsync(client, candidate, "item"), "Event log record 1 of 2 (the start) does not verify");
    }

    [SkippableFact]
    public async Task RetriedSubmit_AfterARestart_GetsTheSameOutcomeAndIsStoredOnce()
    {
        Candidate candidate;
        ItemView item;
        string firstBody;
        using (var first = Node("first"))
        using (var client = first.CreateClient())
        {
            candidate = await Candidate.StartAsync(client, seed: 66);
            item = (await candidate.CurrentAsync(client)).Item!;
            var answered = await candidate.AnswerAsync(client, 1, item, item.Options[1].Id);
            Assert.Equal((HttpStatusCode.OK, false), (answered.Status, answered.Repeated));
            firstBody = answered.Body;
        }

        using var second = Node("second");
        using var client2 = second.CreateClient();
        var retry = await candidate.AnswerAsync(client2, 1, item, item.Options[1].Id);
        var changed = await candidate.AnswerAsync(client2, 1, item, item.Options[2].Id);

        Assert.Equal((HttpStatusCode.OK, true, firstBody), (retry.Status, retry.Repeated, retry.Body));
        Assert.Equal(HttpStatusCode.Conflict, changed.Status);
        var stored = (await second.Services.GetRequiredService<ISessionStore>().LoadAsync(candidate.Id, CancellationToken.None))!;
        Assert.Equal((2, 2), (stored.RecordCount, stored.Records.Count));
        Assert.Equal(2, (await candidate.CurrentAsync(client2)).Seq);
    }
}

public sealed class SqliteStoredLogTests : StoredLogTests, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"emrcat-log-test-{Guid.NewGuid():N}.db");

    protected override string Store => "sqlite";

    protected override string ConnectionString => $"Data Source={_path}";

    protected override string? Key => null; // the key file beside the database, as a single node runs by default

    [Fact]
    public void KeyFile_IsCreatedBesideTheDatabase_ReadableByTheServerOnly()
    {
        using (var node = new ServerFactory(new Dictionary<string, string?> { ["Server:ConnectionString"] = ConnectionString }))
        {
            _ = node.Services.GetRequiredService<EmrCat.Sessions.EventLogKey>();
        }

        string file = _path + ".eventlog.key";
        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(file)).Length);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task DamagedKeyFile_StopsTheServerBeforeItStarts_SayingWhichFile()
    {
        File.WriteAllText(_path + ".eventlog.key", "not a key");
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "emrcat-server.dll"), "--urls", "http://127.0.0.1:0", $"--Server:ConnectionString={ConnectionString}" })
        {
            info.ArgumentList.Add(arg);
        }

        using var server = System.Diagnostics.Process.Start(info)!;
        var error = server.StandardError.ReadToEndAsync();
        var output = server.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // it stops at start, long before this
        await server.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, server.ExitCode);
        Assert.Equal(
            $"emrcat-server: The event log key file {_path}.eventlog.key is damaged: it does not hold Base64 of at least 32 bytes. Sessions signed with it cannot be resumed without it; restore it, or move it aside to start afresh.",
            (await error).Trim());
        Assert.DoesNotContain("   at ", await output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (string suffix in new[] { "", "-wal", "-shm", ".eventlog.key" })
        {
            try { File.Delete(_path + suffix); } catch (IOException) { }
        }
    }
}

public sealed class PostgresStoredLogTests : StoredLogTests
{
    protected override string Store => "postgres";

    protected override string ConnectionString => RequiredServices.Postgres();

    protected override string? Key => MultiNodeTests.TestKey;
}
