using System.Globalization;
using System.Text.Json;
using EmrCat.Practice.Commands;

namespace EmrCat.Practice.Storage;

/// <summary>A drill as stored: its bucket, its items in order, when it started and (once every item is done) finished.</summary>
internal sealed record StoredDrill(long Id, string Bucket, IReadOnlyList<string> ItemIds, ulong Seed, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, long TimeLimitMs, IReadOnlyList<StoredDrillAnswer> Answers)
{
    public bool IsFinished => FinishedAt is not null;
}

/// <summary>One answered drill item (no answer when the pacing drill's time ran out on it).</summary>
internal sealed record StoredDrillAnswer(int Position, string ItemId, IReadOnlyList<string> Answer, bool Correct, long ResponseMs, DateTimeOffset AnsweredAt);

/// <summary>
/// Drills, in their own tables: never rows of <c>sessions</c>, so nothing that reads practice runs (history, readiness,
/// export-responses) can count a drill. Each answer is its own transaction, as in a practice run.
/// </summary>
internal sealed partial class PracticeStore
{
    private bool _drillSchema;

    public long CreateDrill(string bucket, IReadOnlyList<string> itemIds, ulong seed, TimeSpan? timeLimit, DateTimeOffset now) => Guard(() =>
    {
        EnsureDrillSchema();
        var cmd = Command("INSERT INTO drills(started_at, bucket, items_json, seed, time_limit_ms) VALUES ($now, $b, $items, $seed, $limit); SELECT last_insert_rowid();");
        cmd.Parameters.AddWithValue("$now", now.ToString("O", CultureInfo.InvariantCulture));
        cmd.Parameters.AddWithValue("$b", bucket);
        cmd.Parameters.AddWithValue("$items", JsonSerializer.Serialize(itemIds));
        cmd.Parameters.AddWithValue("$seed", seed.ToString(CultureInfo.InvariantCulture));
        cmd.Parameters.AddWithValue("$limit", (long)(timeLimit?.TotalMilliseconds ?? 0));
        return (long)cmd.ExecuteScalar()!;
    });

    public void AppendDrillAnswer(long drillId, StoredDrillAnswer answer) => Guard(() =>
    {
        EnsureDrillSchema();
        var cmd = Command("INSERT INTO drill_answers(drill_id, position, item_id, answer, correct, response_ms, answered_at) VALUES ($d, $p, $i, $a, $c, $r, $at);");
        cmd.Parameters.AddWithValue("$d", drillId);
        cmd.Parameters.AddWithValue("$p", answer.Position);
        cmd.Parameters.AddWithValue("$i", answer.ItemId);
        cmd.Parameters.AddWithValue("$a", string.Join(",", answer.Answer));
        cmd.Parameters.AddWithValue("$c", answer.Correct ? 1 : 0);
        cmd.Parameters.AddWithValue("$r", answer.ResponseMs);
        cmd.Parameters.AddWithValue("$at", answer.AnsweredAt.ToString("O", CultureInfo.InvariantCulture));
        cmd.ExecuteNonQuery();
        return 0;
    });

    public void FinishDrill(long drillId, DateTimeOffset now) => Guard(() =>
    {
        EnsureDrillSchema();
        var cmd = Command("UPDATE drills SET finished_at = $now WHERE id = $id AND finished_at IS NULL;");
        cmd.Parameters.AddWithValue("$now", now.ToString("O", CultureInfo.InvariantCulture));
        cmd.Parameters.AddWithValue("$id", drillId);
        cmd.ExecuteNonQuery();
        return 0;
    });

    /// <summary>Every drill, oldest first, with its answers.</summary>
    public IReadOnlyList<StoredDrill> Drills() => Guard(() =>
    {
        EnsureDrillSchema();
        var answers = new Dictionary<long, List<StoredDrillAnswer>>();
        using (var reader = Command("SELECT drill_id, position, item_id, answer, correct, response_ms, answered_at FROM drill_answers ORDER BY drill_id, position;").ExecuteReader())
        {
            while (reader.Read())
            {
                long id = reader.GetInt64(0);
                if (!answers.TryGetValue(id, out var list)) answers[id] = list = [];
                list.Add(new StoredDrillAnswer(reader.GetInt32(1), reader.GetString(2), reader.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries),
                    reader.GetInt64(4) == 1, reader.GetInt64(5), Time(reader.GetString(6), id)));
            }
        }

        var drills = new List<StoredDrill>();
        using (var reader = Command("SELECT id, bucket, items_json, seed, started_at, finished_at, time_limit_ms FROM drills ORDER BY id;").ExecuteReader())
        {
            while (reader.Read())
            {
                long id = reader.GetInt64(0);
                string[] items;
                try
                {
                    items = JsonSerializer.Deserialize<string[]>(reader.GetString(2)) ?? throw new JsonException("no item list");
                }
                catch (JsonException e)
                {
                    throw new HostException($"Drill {id} in the history database {DatabasePath} is damaged ({e.Message}). {Advice}");
                }

                drills.Add(new StoredDrill(id, reader.GetString(1), items, ulong.Parse(reader.GetString(3), CultureInfo.InvariantCulture), Time(reader.GetString(4), id),
                    reader.IsDBNull(5) ? null : Time(reader.GetString(5), id), reader.GetInt64(6), answers.TryGetValue(id, out var a) ? a : []));
            }
        }

        return drills;
    });

    /// <summary>Claims a drill for this process until disposed, or null when another process holds it (as <see cref="TryLockSession"/>).</summary>
    public IDisposable? TryLockDrill(long drillId) => TryLock($"{DatabasePath}.drill-{drillId.ToString(CultureInfo.InvariantCulture)}.lock");

    private DateTimeOffset Time(string text, long drillId) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t)
            ? t
            : throw new HostException($"Drill {drillId} in the history database {DatabasePath} has a damaged time '{text}'. {Advice}");

    private void EnsureDrillSchema()
    {
        if (_drillSchema) return;
        using var tx = _connection.BeginTransaction();
        Command("""
            CREATE TABLE IF NOT EXISTS drills(
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              started_at TEXT NOT NULL,
              finished_at TEXT,
              bucket TEXT NOT NULL,
              items_json TEXT NOT NULL,
              seed TEXT NOT NULL,
              time_limit_ms INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS drill_answers(
              drill_id INTEGER NOT NULL REFERENCES drills(id),
              position INTEGER NOT NULL,
              item_id TEXT NOT NULL,
              answer TEXT NOT NULL,
              correct INTEGER NOT NULL,
              response_ms INTEGER NOT NULL,
              answered_at TEXT NOT NULL,
              PRIMARY KEY (drill_id, position));
            """, tx).ExecuteNonQuery();
        tx.Commit();
        _drillSchema = true;
    }
}
