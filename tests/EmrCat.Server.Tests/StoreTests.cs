using EmrCat.Server.Security;
using EmrCat.Server.Storage;

namespace EmrCat.Server.Tests;

/// <summary>What every session store must do: keep answers in order, refuse a second answer n, and let one of many racers win.</summary>
public abstract class StoreTests
{
    protected abstract ISessionStore CreateStore();

    private async Task<(ISessionStore Store, string Id)> NewSessionAsync()
    {
        var store = CreateStore();
        await store.InitializeAsync(CancellationToken.None);
        string id = SessionTokens.NewSessionId();
        await store.CreateAsync(new NewSession(id, "quick", 18_446_744_073_709_551_000UL, "bank", "fingerprint", DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000)), CancellationToken.None);
        return (store, id);
    }

    private static StoredAnswer Answer(int seq, string option = "A", string node = "n1") =>
        new(seq, $"ITEM-{seq}", [option], 1000 + seq, 5000 * seq, null, DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000 + seq), node);

    [SkippableFact]
    public async Task Append_InOrder_LoadsBackExactly()
    {
        var (store, id) = await NewSessionAsync();
        Assert.True(await store.AppendAnswerAsync(id, Answer(1), CancellationToken.None));
        Assert.True(await store.AppendAnswerAsync(id, Answer(2, "C") with { Answer = ["C", "A"], EndedBy = "MaximumItems" }, CancellationToken.None));

        var loaded = (await store.LoadAsync(id, CancellationToken.None))!;

        Assert.Equal(18_446_744_073_709_551_000UL, loaded.Session.Seed);
        Assert.Equal(("quick", "bank", "fingerprint"), (loaded.Session.Preset, loaded.Session.BankId, loaded.Session.BankFingerprint));
        Assert.Equal(1_764_000_000_000, loaded.Session.StartedAt.ToUnixTimeMilliseconds());
        Assert.Equal(Answer(1), loaded.Answers[0] with { Answer = ["A"] }, new AnswerComparer());
        Assert.Equal(["C", "A"], loaded.Answers[1].Answer);
        Assert.Equal("MaximumItems", loaded.Answers[1].EndedBy);
        Assert.Null(loaded.End);
        Assert.Null(await store.LoadAsync("no-such-session", CancellationToken.None));
    }

    [SkippableFact]
    public async Task Append_AnswerNAgainOrOutOfOrderOrAfterTheEnd_IsRefusedAndWritesNothing()
    {
        var (store, id) = await NewSessionAsync();
        Assert.True(await store.AppendAnswerAsync(id, Answer(1), CancellationToken.None));

        Assert.False(await store.AppendAnswerAsync(id, Answer(1, "B"), CancellationToken.None));
        Assert.False(await store.AppendAnswerAsync(id, Answer(3), CancellationToken.None));
        Assert.False(await store.EndAsync(id, 0, new SessionEnd("TimeLimit", 10), CancellationToken.None));
        Assert.True(await store.EndAsync(id, 1, new SessionEnd("TimeLimit", 1_200_000), CancellationToken.None));
        Assert.False(await store.AppendAnswerAsync(id, Answer(2), CancellationToken.None));
        Assert.False(await store.EndAsync(id, 1, new SessionEnd("TimeLimit", 1), CancellationToken.None));

        var loaded = (await store.LoadAsync(id, CancellationToken.None))!;
        Assert.Equal(["A"], loaded.Answers.Single().Answer);
        Assert.Equal(new SessionEnd("TimeLimit", 1_200_000), loaded.End);
    }

    [SkippableFact]
    public async Task Append_ManyWritersRacingForEachAnswer_ExactlyOneWinsEachNumber()
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
                return (node, won: await target.AppendAnswerAsync(id, Answer(n, ((char)('A' + (r % 4))).ToString(), node), CancellationToken.None));
            }).ToArray();
            var results = await Task.WhenAll(racers);
            Assert.Single(results, x => x.won);
            winners.Add(results.Single(x => x.won).node);
        }

        var loaded = (await store.LoadAsync(id, CancellationToken.None))!;
        Assert.Equal(Enumerable.Range(1, 10), loaded.Answers.Select(a => a.Seq));
        Assert.Equal(winners, loaded.Answers.Select(a => a.Node));
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

    private sealed class AnswerComparer : IEqualityComparer<StoredAnswer>
    {
        public bool Equals(StoredAnswer? x, StoredAnswer? y) =>
            x is not null && y is not null && x with { Answer = [] } == y with { Answer = [] } && x.Answer.SequenceEqual(y.Answer);

        public int GetHashCode(StoredAnswer obj) => obj.Seq;
    }
}

public sealed class SqliteStoreTests : StoreTests, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"emrcat-store-test-{Guid.NewGuid():N}.db");

    protected override ISessionStore CreateStore() => new SqliteSessionStore($"Data Source={_path}");

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
}
