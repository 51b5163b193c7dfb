using EmrCat.Server.Security;
using EmrCat.Server.Storage;
using EmrCat.Sessions;
using EmrCat.Stopping;

namespace EmrCat.Server.Tests;

/// <summary>What every session store must do: keep each log's records in order, refuse a second record n, and let one of many racers win.</summary>
public abstract class StoreTests
{
    protected abstract ISessionStore CreateStore();

    private async Task<(ISessionStore Store, string Id)> NewSessionAsync()
    {
        var store = CreateStore();
        await store.InitializeAsync(CancellationToken.None);
        string id = SessionTokens.NewSessionId();
        await store.CreateAsync(new NewSession(id, "quick", "n0"), [Start()], CancellationToken.None);
        return (store, id);
    }

    // The store keeps records as they are; it is the resume that verifies them, so unsigned ones do here.
    private static SessionEvent Start() => new()
    {
        Sequence = 0,
        Kind = SessionEventKind.Start,
        Start = new SessionStart("bank", "1", "fingerprint", CatOptions.Quick, "options", 18_446_744_073_709_551_000UL, DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000)),
    };

    private static SessionEvent Answer(int seq, string option = "A") =>
        new() { Sequence = seq, Kind = SessionEventKind.Answer, Answer = new AnswerRecord($"ITEM-{seq}", [option], 1000 + seq, 5000 * seq) };

    private static SessionEvent End(int seq, StopReason reason) =>
        new() { Sequence = seq, Kind = SessionEventKind.End, Ending = new SessionEnding(reason, 1_200_000) };

    [SkippableFact]
    public async Task Append_InOrder_LoadsBackExactly()
    {
        var (store, id) = await NewSessionAsync();
        Assert.True(await store.AppendAsync(id, [Answer(1)], "n1", CancellationToken.None));
        Assert.True(await store.AppendAsync(id, [Answer(2, "C") with { Answer = new AnswerRecord("ITEM-2", ["C", "A"], 7, 8) }, End(3, StopReason.MaximumItems)], "n2", CancellationToken.None));

        var loaded = (await store.LoadAsync(id, CancellationToken.None))!;

        Assert.Equal(("quick", 4, "MaximumItems"), (loaded.Preset, loaded.RecordCount, loaded.EndedBy));
        Assert.Equal(
            [Start().ToJson(), Answer(1).ToJson(), (Answer(2) with { Answer = new AnswerRecord("ITEM-2", ["C", "A"], 7, 8) }).ToJson(), End(3, StopReason.MaximumItems).ToJson()],
            loaded.Records.Select(r => r.Record.ToJson()));
        Assert.Equal(["n0", "n1", "n2", "n2"], loaded.Records.Select(r => r.Node));
        Assert.Null(await store.LoadAsync("no-such-session", CancellationToken.None));
    }

    [SkippableFact]
    public async Task Append_RecordNAgainOrOutOfOrderOrAfterTheEnd_IsRefusedAndWritesNothing()
    {
        var (store, id) = await NewSessionAsync();
        Assert.True(await store.AppendAsync(id, [Answer(1)], "n1", CancellationToken.None));

        Assert.False(await store.AppendAsync(id, [Answer(1, "B")], "n1", CancellationToken.None));
        Assert.False(await store.AppendAsync(id, [Answer(3)], "n1", CancellationToken.None));
        Assert.False(await store.AppendAsync(id, [End(1, StopReason.TimeLimit)], "n1", CancellationToken.None));
        Assert.True(await store.AppendAsync(id, [End(2, StopReason.TimeLimit)], "n1", CancellationToken.None));
        Assert.False(await store.AppendAsync(id, [Answer(3)], "n1", CancellationToken.None));

        var loaded = (await store.LoadAsync(id, CancellationToken.None))!;
        Assert.Equal([SessionEventKind.Start, SessionEventKind.Answer, SessionEventKind.End], loaded.Records.Select(r => r.Record.Kind));
        Assert.Equal(["A"], loaded.Records[1].Record.Answer!.Answer);
        Assert.Equal((3, "TimeLimit"), (loaded.RecordCount, loaded.EndedBy));
    }

    [SkippableFact]
    public async Task Append_ManyWritersRacingForEachRecord_ExactlyOneWinsEachNumber()
    {
        var (store, id) = await NewSessionAsync();
        var other = CreateStore(); // a second "node": its own connections
        var winners = new List<string>();
        for (int seq = 1; seq <= 10; seq++)
        {
            int n = seq;
            var racers = Enumerable.Range(0, 8).Select(async r =>
            {
                var target = r % 2 == 0 ? store : other;
                string node = $"racer-{r}";
                return (node, won: await target.AppendAsync(id, [Answer(n, ((char)('A' + (r % 4))).ToString())], node, CancellationToken.None));
            }).ToArray();
            var results = await Task.WhenAll(racers);
            Assert.Single(results, x => x.won);
            winners.Add(results.Single(x => x.won).node);
        }

        var loaded = (await store.LoadAsync(id, CancellationToken.None))!;
        Assert.Equal(Enumerable.Range(0, 11), loaded.Records.Select(r => r.Record.Sequence));
        Assert.Equal(winners, loaded.Records.Skip(1).Select(r => r.Node));
        Assert.Equal(11, loaded.RecordCount);
    }

    [SkippableFact]
    public async Task Load_AStoredRecordThatIsNotARecord_SaysWhichOne()
    {
        var (store, id) = await NewSessionAsync();
        Assert.True(await store.AppendAsync(id, [Answer(1)], "n1", CancellationToken.None));
        await ExecuteAsync($"UPDATE emrcat_session_events SET record = 'not json' WHERE session_id = '{id}' AND seq = 1");

        var ex = await Assert.ThrowsAsync<InvalidEventLogException>(() => store.LoadAsync(id, CancellationToken.None));
        Assert.StartsWith("Stored record 2 is unreadable: ", ex.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task TokenKey_FirstNodeDecides_OthersGetTheSame()
    {
        var first = CreateStore();
        await first.InitializeAsync(CancellationToken.None);
        byte[] a = await first.GetOrCreateTokenKeyAsync(new byte[32].Select((_, i) => (byte)i).ToArray(), CancellationToken.None);
        byte[] b = await CreateStore().GetOrCreateTokenKeyAsync(new byte[32], CancellationToken.None);
        Assert.Equal(a, b);
        Assert.Equal(32, a.Length);
    }

    /// <summary>Runs SQL on the store's database directly (what someone with write access to it can do).</summary>
    protected abstract Task ExecuteAsync(string sql);
}

public sealed class SqliteStoreTests : StoreTests, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"emrcat-store-test-{Guid.NewGuid():N}.db");

    protected override ISessionStore CreateStore() => new SqliteSessionStore($"Data Source={_path}");

    protected override Task ExecuteAsync(string sql) => StoreSql.ExecuteAsync("sqlite", $"Data Source={_path}", sql);

    [Fact]
    public async Task Initialize_OverADatabaseOfTheOldAnswerRowFormat_SaysItsSessionsAreNotResumed()
    {
        await StoreSql.ExecuteAsync("sqlite", $"Data Source={_path}", "CREATE TABLE emrcat_answers (session_id TEXT NOT NULL, seq INTEGER NOT NULL)");

        string? note = await CreateStore().InitializeAsync(CancellationToken.None);

        Assert.NotNull(note);
        Assert.Contains("tables emrcat_sessions and emrcat_answers (plain answer rows, never signed). They are not resumed", note, StringComparison.Ordinal);
        Assert.Null(await new SqliteSessionStore($"Data Source={_path}-fresh").InitializeAsync(CancellationToken.None));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete($"{_path}-fresh");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (string suffix in new[] { "", "-wal", "-shm" })
        {
            try { File.Delete(_path + suffix); } catch (IOException) { }
        }
    }
}

public sealed class PostgresStoreTests : StoreTests
{
    protected override ISessionStore CreateStore() => new PostgresSessionStore(RequiredServices.Postgres());

    protected override Task ExecuteAsync(string sql) => StoreSql.ExecuteAsync("postgres", RequiredServices.Postgres(), sql);
}
