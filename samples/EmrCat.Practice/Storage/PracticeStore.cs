using System.Globalization;
using EmrCat.Sessions;
using EmrCat.Practice.Commands;
using EmrCat.Stopping;
using Microsoft.Data.Sqlite;

namespace EmrCat.Practice.Storage;

/// <summary>A practice session as stored.</summary>
internal sealed record StoredSession(long Id, string Preset, string BankPath, string Status, DateTimeOffset StartedAt, SessionSnapshot Snapshot, SessionResult? Result, long ItemMs = 0);

/// <summary>A real exam attempt the candidate recorded.</summary>
internal sealed record StoredAttempt(long Id, DateOnly Date, string Result);

/// <summary>A miss in a finished session's error log, with its suggested and chosen bucket.</summary>
internal sealed record StoredMiss(long SessionId, string ItemId, string Chosen, string Key, string Domain, long ResponseMs, string Suggested, string Bucket);

/// <summary>
/// The host's one SQLite file (rollback journal, synchronous=FULL) under the user's data directory: practice sessions
/// and their answers, error logs, recorded attempts and certification gates. Every answer is its own transaction,
/// committed to the main file before the next item is shown, so a killed process loses nothing that was answered.
/// Every SQLite failure becomes a <see cref="HostException"/> naming the file and what to do.
/// </summary>
internal sealed partial class PracticeStore : IDisposable
{
    private readonly SqliteConnection _connection;

    private PracticeStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        DatabasePath = path;
    }

    public string DatabasePath { get; }

    /// <summary>The default data directory: $XDG_DATA_HOME or ~/.local/share (LocalApplicationData) /EmrCat.</summary>
    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "EmrCat");

    /// <summary>
    /// Opens (or creates) the history database in <paramref name="dataDirectory"/>, checks its integrity and brings
    /// its schema up to date.
    /// </summary>
    /// <exception cref="HostException">The directory cannot be created, or the database is not a usable SQLite file
    /// (damaged, overwritten, read-only, a directory); the message names the file and says what to do.</exception>
    public static PracticeStore Open(string dataDirectory)
    {
        string path;
        try
        {
            Directory.CreateDirectory(dataDirectory);
            path = Path.GetFullPath(Path.Combine(dataDirectory, "emrcat.db"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new HostException($"--data-dir '{dataDirectory}' cannot be used as the history folder: {e.Message}");
        }

        if (Directory.Exists(path)) throw new HostException($"The history database {path} is a directory, not a file: move it aside or pass another --data-dir.");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        var store = new PracticeStore(connection, path);
        try
        {
            store.Guard(() =>
            {
                connection.Open();
                store.Execute("PRAGMA busy_timeout=5000;");
                string check = Convert.ToString(store.Command("PRAGMA quick_check;").ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
                if (check != "ok") throw new SqliteException($"database disk image is malformed ({check})", 11);

                // A rollback journal, not WAL: a commit is in the main file once it returns, so losing a -wal file
                // (deleted, or not copied with a backup) can never take committed answers with it.
                store.Execute("PRAGMA journal_mode=DELETE;");
                store.Execute("PRAGMA synchronous=FULL;");
                store.Execute("PRAGMA foreign_keys=ON;");
                store.CreateSchema();
                return 0;
            });
        }
        catch
        {
            store.Dispose();
            throw;
        }

        return store;
    }

    private void CreateSchema()
    {
        using var tx = _connection.BeginTransaction();
        Command("""
            CREATE TABLE IF NOT EXISTS sessions(
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              started_at TEXT NOT NULL,
              updated_at TEXT NOT NULL,
              preset TEXT NOT NULL,
              bank_path TEXT NOT NULL,
              snapshot_json TEXT NOT NULL,
              status TEXT NOT NULL CHECK (status IN ('in_progress', 'finished')),
              ended_by TEXT,
              ended_at_ms INTEGER NOT NULL DEFAULT 0,
              result_json TEXT);
            CREATE TABLE IF NOT EXISTS answers(
              session_id INTEGER NOT NULL REFERENCES sessions(id),
              position INTEGER NOT NULL,
              item_id TEXT NOT NULL,
              answer TEXT NOT NULL,
              response_ms INTEGER NOT NULL,
              elapsed_ms INTEGER NOT NULL,
              PRIMARY KEY (session_id, position));
            CREATE TABLE IF NOT EXISTS session_events(
              session_id INTEGER NOT NULL REFERENCES sessions(id),
              sequence INTEGER NOT NULL,
              record_json TEXT NOT NULL,
              PRIMARY KEY (session_id, sequence));
            CREATE TABLE IF NOT EXISTS misses(
              session_id INTEGER NOT NULL REFERENCES sessions(id),
              item_id TEXT NOT NULL,
              chosen TEXT NOT NULL,
              key TEXT NOT NULL,
              domain TEXT NOT NULL,
              response_ms INTEGER NOT NULL,
              suggested TEXT NOT NULL,
              bucket TEXT NOT NULL,
              PRIMARY KEY (session_id, item_id));
            CREATE TABLE IF NOT EXISTS attempts(
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              date TEXT NOT NULL,
              result TEXT NOT NULL CHECK (result IN ('pass', 'fail', 'pending', 'refresher')),
              recorded_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS gates(
              gate TEXT PRIMARY KEY,
              status TEXT NOT NULL,
              evidence_date TEXT);
            CREATE TABLE IF NOT EXISTS settings(
              key TEXT PRIMARY KEY,
              value TEXT NOT NULL);
            """, tx).ExecuteNonQuery();
        bool hasItemTime = false;
        using (var columns = Command("PRAGMA table_info(sessions);", tx).ExecuteReader())
        {
            while (columns.Read()) hasItemTime |= columns.GetString(1) == "item_ms";
        }

        // Time spent on the item on screen, not yet answered: charged again when the session resumes.
        if (!hasItemTime) Command("ALTER TABLE sessions ADD COLUMN item_ms INTEGER NOT NULL DEFAULT 0;", tx).ExecuteNonQuery();
        tx.Commit();
    }

    /// <summary>Creates the session's row with its signed event log so far (the start record), in one transaction.</summary>
    public long CreateSession(string preset, string bankPath, SessionSnapshot initial, IEnumerable<SessionEvent> events, DateTimeOffset now)
    {
        return Guard(() =>
        {
            using var tx = _connection.BeginTransaction();
            var cmd = Command("INSERT INTO sessions(started_at, updated_at, preset, bank_path, snapshot_json, status) VALUES ($now, $now, $preset, $bank, $snapshot, 'in_progress'); SELECT last_insert_rowid();", tx);
            cmd.Parameters.AddWithValue("$now", now.ToString("O", CultureInfo.InvariantCulture));
            cmd.Parameters.AddWithValue("$preset", preset);
            cmd.Parameters.AddWithValue("$bank", bankPath);
            cmd.Parameters.AddWithValue("$snapshot", initial.ToJson());
            long id = (long)cmd.ExecuteScalar()!;
            foreach (var record in events) InsertEvent(id, record, tx);
            tx.Commit();
            return id;
        });
    }

    /// <summary>The session's signed event log, in order (what a resume verifies and replays).</summary>
    public IReadOnlyList<SessionEvent> Events(long sessionId)
    {
        return Guard(() =>
        {
            var cmd = Command("SELECT sequence, record_json FROM session_events WHERE session_id = $s ORDER BY sequence;");
            cmd.Parameters.AddWithValue("$s", sessionId);
            using var reader = cmd.ExecuteReader();
            var list = new List<SessionEvent>();
            while (reader.Read())
            {
                try
                {
                    list.Add(SessionEvent.FromJson(reader.GetString(1)));
                }
                catch (InvalidEventLogException e)
                {
                    throw new HostException($"Session {sessionId} in the history database {DatabasePath}: event record {reader.GetInt64(0) + 1} is unreadable ({e.Message}). {Advice}");
                }
            }

            return list;
        });
    }

    private void InsertEvent(long sessionId, SessionEvent record, SqliteTransaction tx)
    {
        var insert = Command("INSERT INTO session_events(session_id, sequence, record_json) VALUES ($s, $q, $r);", tx);
        insert.Parameters.AddWithValue("$s", sessionId);
        insert.Parameters.AddWithValue("$q", record.Sequence);
        insert.Parameters.AddWithValue("$r", record.ToJson());
        insert.ExecuteNonQuery();
    }

    /// <summary>Stores the records of <paramref name="events"/> not stored yet (after an answer: it, and the end record when it ended the session).</summary>
    private void InsertNewEvents(long sessionId, IReadOnlyList<SessionEvent> events, SqliteTransaction tx)
    {
        var stored = Command("SELECT COUNT(*) FROM session_events WHERE session_id = $s;", tx);
        stored.Parameters.AddWithValue("$s", sessionId);
        long count = (long)stored.ExecuteScalar()!;
        foreach (var record in events.Where(e => e.Sequence >= count)) InsertEvent(sessionId, record, tx);
    }

    /// <summary>
    /// Commits one answer (position is 1-based) and the signed event records not stored yet in one transaction; a
    /// position already stored is a bug and throws.
    /// </summary>
    public void AppendAnswer(long sessionId, int position, AnswerRecord answer, IReadOnlyList<SessionEvent> events, DateTimeOffset now)
    {
        Guard(() =>
        {
            using var tx = _connection.BeginTransaction();
            var insert = Command("INSERT INTO answers(session_id, position, item_id, answer, response_ms, elapsed_ms) VALUES ($s, $p, $i, $a, $r, $e);", tx);
            insert.Parameters.AddWithValue("$s", sessionId);
            insert.Parameters.AddWithValue("$p", position);
            insert.Parameters.AddWithValue("$i", answer.ItemId);
            insert.Parameters.AddWithValue("$a", string.Join(",", answer.Answer));
            insert.Parameters.AddWithValue("$r", answer.ResponseTimeMs);
            insert.Parameters.AddWithValue("$e", answer.ElapsedMs);
            insert.ExecuteNonQuery();
            InsertNewEvents(sessionId, events, tx);
            SetItemTime(sessionId, 0, tx);
            Touch(sessionId, now, tx);
            tx.Commit();
            return 0;
        });
    }

    /// <summary>Marks the session finished with its result and misses, and stores the event records not yet stored (an end record).</summary>
    public void Finish(long sessionId, SessionSnapshot snapshot, SessionResult result, IEnumerable<StoredMiss> misses, IReadOnlyList<SessionEvent> events, DateTimeOffset now)
    {
        Guard(() =>
        {
            using var tx = _connection.BeginTransaction();
            InsertNewEvents(sessionId, events, tx);
            var cmd = Command("UPDATE sessions SET status = 'finished', ended_by = $by, ended_at_ms = $at, result_json = $result WHERE id = $id;", tx);
            cmd.Parameters.AddWithValue("$by", (object?)snapshot.EndedBy?.ToString() ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$at", snapshot.EndedAtMs);
            cmd.Parameters.AddWithValue("$result", SessionJson.Serialize(result));
            cmd.Parameters.AddWithValue("$id", sessionId);
            cmd.ExecuteNonQuery();
            foreach (var miss in misses)
            {
                var m = Command("INSERT OR REPLACE INTO misses(session_id, item_id, chosen, key, domain, response_ms, suggested, bucket) VALUES ($s, $i, $c, $k, $d, $r, $sg, $b);", tx);
                m.Parameters.AddWithValue("$s", sessionId);
                m.Parameters.AddWithValue("$i", miss.ItemId);
                m.Parameters.AddWithValue("$c", miss.Chosen);
                m.Parameters.AddWithValue("$k", miss.Key);
                m.Parameters.AddWithValue("$d", miss.Domain);
                m.Parameters.AddWithValue("$r", miss.ResponseMs);
                m.Parameters.AddWithValue("$sg", miss.Suggested);
                m.Parameters.AddWithValue("$b", miss.Bucket);
                m.ExecuteNonQuery();
            }

            Touch(sessionId, now, tx);
            tx.Commit();
            return 0;
        });
    }

    public void SetBucket(long sessionId, string itemId, string bucket)
    {
        Guard(() =>
        {
            var cmd = Command("UPDATE misses SET bucket = $b WHERE session_id = $s AND item_id = $i;");
            cmd.Parameters.AddWithValue("$b", bucket);
            cmd.Parameters.AddWithValue("$s", sessionId);
            cmd.Parameters.AddWithValue("$i", itemId);
            cmd.ExecuteNonQuery();
            return 0;
        });
    }

    public StoredSession? LatestInProgress() => Guard(() => ReadSessions("WHERE status = 'in_progress' ORDER BY id DESC LIMIT 1").FirstOrDefault());

    public StoredSession? Session(long id) => Guard(() => ReadSessions($"WHERE id = {id}").FirstOrDefault());

    public IReadOnlyList<StoredSession> Sessions() => Guard(() => ReadSessions("ORDER BY id"));

    public IReadOnlyList<StoredMiss> Misses(long sessionId)
    {
        return Guard(() =>
        {
            var cmd = Command("SELECT session_id, item_id, chosen, key, domain, response_ms, suggested, bucket FROM misses WHERE session_id = $s ORDER BY rowid;");
            cmd.Parameters.AddWithValue("$s", sessionId);
            using var reader = cmd.ExecuteReader();
            var list = new List<StoredMiss>();
            while (reader.Read())
            {
                list.Add(new StoredMiss(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5), reader.GetString(6), reader.GetString(7)));
            }

            return list;
        });
    }

    public IReadOnlyList<AnswerRecord> Answers(long sessionId)
    {
        return Guard(() =>
        {
            var cmd = Command("SELECT position, item_id, answer, response_ms, elapsed_ms FROM answers WHERE session_id = $s ORDER BY position;");
            cmd.Parameters.AddWithValue("$s", sessionId);
            using var reader = cmd.ExecuteReader();
            var list = new List<AnswerRecord>();
            int expected = 1;
            while (reader.Read())
            {
                int position = reader.GetInt32(0);
                if (position != expected) throw new HostException($"Session {sessionId} in the history database {DatabasePath} is missing answer {expected} (found answer {position}). {Advice}");
                expected++;
                list.Add(new AnswerRecord(reader.GetString(1), reader.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries), reader.GetInt64(3), reader.GetInt64(4)));
            }

            return list;
        });
    }

    /// <summary>Every stored answer of every session (finished or not, pilots included), for exporting a response matrix.</summary>
    public IReadOnlyList<(long SessionId, string ItemId, IReadOnlyList<string> Answer)> AllAnswers()
    {
        using var reader = Command("SELECT session_id, item_id, answer FROM answers ORDER BY session_id, position;").ExecuteReader();
        var list = new List<(long, string, IReadOnlyList<string>)>();
        while (reader.Read()) list.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries)));
        return list;
    }

    public void RecordAttempt(DateOnly date, string result, DateTimeOffset now)
    {
        Guard(() =>
        {
            var cmd = Command("INSERT INTO attempts(date, result, recorded_at) VALUES ($d, $r, $now);");
            cmd.Parameters.AddWithValue("$d", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            cmd.Parameters.AddWithValue("$r", result);
            cmd.Parameters.AddWithValue("$now", now.ToString("O", CultureInfo.InvariantCulture));
            cmd.ExecuteNonQuery();
            return 0;
        });
    }

    public IReadOnlyList<StoredAttempt> Attempts()
    {
        return Guard(() =>
        {
            using var reader = Command("SELECT id, date, result FROM attempts ORDER BY date, id;").ExecuteReader();
            var list = new List<StoredAttempt>();
            while (reader.Read()) list.Add(new StoredAttempt(reader.GetInt64(0), DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetString(2)));
            return list;
        });
    }

    public void SetGate(string gate, string status, DateOnly? date)
    {
        Guard(() =>
        {
            var cmd = Command("INSERT OR REPLACE INTO gates(gate, status, evidence_date) VALUES ($g, $s, $d);");
            cmd.Parameters.AddWithValue("$g", gate);
            cmd.Parameters.AddWithValue("$s", status);
            cmd.Parameters.AddWithValue("$d", (object?)date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? DBNull.Value);
            cmd.ExecuteNonQuery();
            return 0;
        });
    }

    public IReadOnlyDictionary<string, (string Status, DateOnly? Date)> Gates()
    {
        return Guard(() =>
        {
            using var reader = Command("SELECT gate, status, evidence_date FROM gates;").ExecuteReader();
            var map = new Dictionary<string, (string, DateOnly?)>(StringComparer.OrdinalIgnoreCase);
            while (reader.Read())
            {
                map[reader.GetString(0)] = (reader.GetString(1), reader.IsDBNull(2) ? null : DateOnly.ParseExact(reader.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            return map;
        });
    }

    public void SetSetting(string key, string value)
    {
        Guard(() =>
        {
            var cmd = Command("INSERT OR REPLACE INTO settings(key, value) VALUES ($k, $v);");
            cmd.Parameters.AddWithValue("$k", key);
            cmd.Parameters.AddWithValue("$v", value);
            cmd.ExecuteNonQuery();
            return 0;
        });
    }

    public string? Setting(string key)
    {
        return Guard(() =>
        {
            var cmd = Command("SELECT value FROM settings WHERE key = $k;");
            cmd.Parameters.AddWithValue("$k", key);
            return cmd.ExecuteScalar() as string;
        });
    }

    /// <summary>Stores the time spent so far on the item on screen (position = answers + 1), charged again on resume.</summary>
    public void SaveItemTime(long sessionId, long itemMs) => Guard(() =>
    {
        SetItemTime(sessionId, itemMs, null);
        return 0;
    });

    /// <summary>Changes a recorded attempt's date and result; false when there is no such record.</summary>
    public bool UpdateAttempt(long id, DateOnly date, string result) => Guard(() =>
    {
        var cmd = Command("UPDATE attempts SET date = $d, result = $r WHERE id = $id;");
        cmd.Parameters.AddWithValue("$d", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        cmd.Parameters.AddWithValue("$r", result);
        cmd.Parameters.AddWithValue("$id", id);
        return cmd.ExecuteNonQuery() == 1;
    });

    /// <summary>Deletes a recorded attempt or refresher; false when there is no such record.</summary>
    public bool DeleteAttempt(long id) => Guard(() =>
    {
        var cmd = Command("DELETE FROM attempts WHERE id = $id;");
        cmd.Parameters.AddWithValue("$id", id);
        return cmd.ExecuteNonQuery() == 1;
    });

    /// <summary>Forgets a certification gate's status; false when none was recorded.</summary>
    public bool ClearGate(string gate) => Guard(() =>
    {
        var cmd = Command("DELETE FROM gates WHERE gate = $g;");
        cmd.Parameters.AddWithValue("$g", gate);
        return cmd.ExecuteNonQuery() == 1;
    });

    /// <summary>
    /// Claims a session for this process until disposed (an exclusive lock on a file next to the database, released by
    /// the system even when the process is killed), or null when another process holds it.
    /// </summary>
    public IDisposable? TryLockSession(long sessionId) => TryLock($"{DatabasePath}.session-{sessionId.ToString(CultureInfo.InvariantCulture)}.lock");

    private static IDisposable? TryLock(string lockPath)
    {
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException) when (File.Exists(lockPath))
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HostException($"Cannot create the lock file {lockPath} next to the history database: {e.Message}");
        }
    }

    public void Dispose() => _connection.Dispose();

    private List<StoredSession> ReadSessions(string where)
    {
        using var reader = Command($"SELECT id, preset, bank_path, status, started_at, snapshot_json, result_json, ended_by, ended_at_ms, item_ms FROM sessions {where};").ExecuteReader();
        var rows = new List<(long, string, string, string, string, string, string?, string?, long, long)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetInt64(8), reader.GetInt64(9)));
        }

        var list = new List<StoredSession>();
        foreach (var (id, preset, bank, status, started, snapshotJson, resultJson, endedBy, endedAt, itemMs) in rows)
        {
            SessionSnapshot snapshot;
            SessionResult? result;
            DateTimeOffset startedAt;
            try
            {
                snapshot = SessionSnapshot.FromJson(snapshotJson) with
                {
                    Answers = Answers(id),
                    EndedBy = endedBy is null ? null : Enum.Parse<StopReason>(endedBy),
                    EndedAtMs = endedAt,
                };
                result = resultJson is null ? null : SessionJson.DeserializeResult(resultJson);
                startedAt = DateTimeOffset.Parse(started, CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is InvalidSnapshotException or InvalidOperationException or ArgumentException or FormatException or System.Text.Json.JsonException)
            {
                throw new HostException($"Session {id} in the history database {DatabasePath} is damaged ({e.Message}). {Advice}");
            }

            list.Add(new StoredSession(id, preset, bank, status, startedAt, snapshot, result, Math.Max(0, itemMs)));
        }

        return list;
    }

    private string Advice =>
        $"Keep a copy of it (cp '{DatabasePath}' '{DatabasePath}.bak'), then move it aside or pass another --data-dir to start a fresh history.";

    /// <summary>Runs a database operation; any SQLite failure becomes one clear <see cref="HostException"/> naming the file.</summary>
    private T Guard<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (SqliteException e)
        {
            string what = e.SqliteErrorCode switch
            {
                8 => $"The history database {DatabasePath} is read-only ({e.Message.TrimEnd('.')}): make it and its folder writable, or pass another --data-dir.",
                5 or 6 => $"The history database {DatabasePath} is busy: another EmrCat process is writing to it. Try again when it has finished.",
                13 => $"The disk holding the history database {DatabasePath} is full: free some space and try again.",
                14 => $"Cannot open the history database {DatabasePath} ({e.Message.TrimEnd('.')}): check that its folder exists and is writable, or pass another --data-dir.",
                10 or 11 or 26 => $"The history database {DatabasePath} is damaged or is not an EmrCat database ({e.Message.TrimEnd('.')}). {Advice}",
                _ => $"The history database {DatabasePath} failed: {e.Message.TrimEnd('.')}. {Advice}",
            };
            throw new HostException(what);
        }
    }

    private void SetItemTime(long sessionId, long itemMs, SqliteTransaction? tx)
    {
        var cmd = Command("UPDATE sessions SET item_ms = $ms WHERE id = $id;", tx);
        cmd.Parameters.AddWithValue("$ms", itemMs);
        cmd.Parameters.AddWithValue("$id", sessionId);
        cmd.ExecuteNonQuery();
    }

    private void Touch(long sessionId, DateTimeOffset now, SqliteTransaction tx)
    {
        var cmd = Command("UPDATE sessions SET updated_at = $now WHERE id = $id;", tx);
        cmd.Parameters.AddWithValue("$now", now.ToString("O", CultureInfo.InvariantCulture));
        cmd.Parameters.AddWithValue("$id", sessionId);
        cmd.ExecuteNonQuery();
    }

    private void Execute(string sql) => Command(sql).ExecuteNonQuery();

    private SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }
}
