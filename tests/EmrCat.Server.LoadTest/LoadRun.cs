using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace EmrCat.Server.LoadTest;

internal sealed record LoadOptions(string ServerDll, string Postgres, int Candidates, int[] Ports, double KillAt, double DownSeconds, int MaxSeconds, string Preset, int Seed, int MaxInFlight)
{
    public static LoadOptions? Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) break;
            map[args[i][2..]] = args[i + 1];
        }

        if (!map.TryGetValue("server", out var dll) || !map.TryGetValue("postgres", out var pg) || args.Length % 2 != 0)
        {
            Console.Error.WriteLine("usage: emrcat-server-load --server PATH/emrcat-server.dll --postgres CONNECTION [--candidates 2000] [--ports 5301,5302] [--kill-at 0.4] [--down-seconds 2] [--max-seconds 900] [--preset quick] [--seed 1] [--max-in-flight 32]");
            return null;
        }

        string Get(string name, string fallback) => map.GetValueOrDefault(name, fallback);
        var inv = CultureInfo.InvariantCulture;
        return new LoadOptions(dll, pg, int.Parse(Get("candidates", "2000"), inv), Get("ports", "5301,5302").Split(',').Select(p => int.Parse(p, inv)).ToArray(),
            double.Parse(Get("kill-at", "0.4"), inv), double.Parse(Get("down-seconds", "2"), inv), int.Parse(Get("max-seconds", "900"), inv), Get("preset", "quick"),
            int.Parse(Get("seed", "1"), inv), int.Parse(Get("max-in-flight", "32"), inv));
    }
}

/// <summary>One candidate as the client saw it: the answers the server said it accepted, in order.</summary>
internal sealed class CandidateLog
{
    public string Id = "";
    public string Token = "";
    public readonly List<(int Seq, string ItemId, string Answer)> Answers = []; // the answer: its option ids joined by commas
    public bool Finished;
    public string? Error;
    public bool Raced;
}

internal sealed class LoadRun
{
    private readonly LoadOptions _options;
    private readonly Node[] _nodes;
    private readonly ConcurrentQueue<(bool Submit, double Ms, double WaitedMs)> _latencies = new();
    private readonly SemaphoreSlim _inFlight;
    private readonly Stopwatch _clock = new();
    private long _answers;
    private long _requests;
    private long _failovers;
    private long _repeated;

    public LoadRun(LoadOptions options)
    {
        _options = options;
        _inFlight = new SemaphoreSlim(options.MaxInFlight);
        // Each node's pool stays well under the cluster's max_connections, two nodes plus the checker.
        string nodeConnection = options.Postgres.TrimEnd(';') + ";Maximum Pool Size=60;Timeout=60;Command Timeout=60";
        _nodes = options.Ports.Select((port, i) => new Node($"node-{(char)('a' + i)}", port, options.ServerDll, nodeConnection)).ToArray();
    }

    public async Task<int> RunAsync()
    {
        try
        {
            return await RunCoreAsync();
        }
        finally
        {
            foreach (var node in _nodes) node.Dispose();
        }
    }

    private async Task<int> RunCoreAsync()
    {
        Console.WriteLine($"load: starting {_nodes.Length} nodes on ports {string.Join(", ", _options.Ports)} over PostgreSQL");
        await Task.WhenAll(_nodes.Select(n => n.StartAsync()));
        Console.WriteLine($"load: {_options.Candidates} concurrent candidates ({_options.Preset}), requests alternating between nodes; node-b killed at {_options.KillAt:P0} of the answers");

        var logs = Enumerable.Range(0, _options.Candidates).Select(_ => new CandidateLog()).ToArray();
        _clock.Start();
        var killer = KillAndRestartAsync();
        var candidates = Enumerable.Range(0, _options.Candidates).Select(i => Task.Run(() => RunCandidateAsync(i, logs[i]))).ToArray();
        bool inTime = true;
        try
        {
            await Task.WhenAll(candidates).WaitAsync(TimeSpan.FromSeconds(_options.MaxSeconds));
        }
        catch (TimeoutException)
        {
            inTime = false;
        }

        double seconds = _clock.Elapsed.TotalSeconds;
        await killer;
        var failures = new List<string>();
        if (!inTime) failures.Add($"the run did not finish within {_options.MaxSeconds} s");
        foreach (var log in logs.Where(l => l.Error is not null).Take(5)) failures.Add($"candidate {log.Id}: {log.Error}");
        int errors = logs.Count(l => l.Error is not null);
        if (errors > 5) failures.Add($"... {errors} candidates failed in all");
        int unfinished = logs.Count(l => !l.Finished);

        // A node restarted after the run has nothing cached: every session it serves now is rebuilt from the store.
        Console.WriteLine("load: restarting node-b to check every session from the store alone");
        _nodes[1].Kill();
        await _nodes[1].StartAsync();
        var (lost, extra, wrongCount) = await CompareWithStoreAsync(logs);
        var (unresumable, differing) = await CheckResumableAsync(logs);

        var all = _latencies.Select(l => l.Ms).Order().ToArray();
        var submits = _latencies.Where(l => l.Submit).Select(l => l.Ms).Order().ToArray();
        var waits = _latencies.Select(l => l.WaitedMs).Order().ToArray();
        double P(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        int raced = logs.Count(l => l.Raced);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"  candidates        {_options.Candidates} concurrent, {_options.Candidates - unfinished} finished"));
        Console.WriteLine(string.Create(inv, $"  answers           {_answers} accepted ({_repeated} retries answered as repeats), {_requests} requests in {seconds:F1} s"));
        Console.WriteLine(string.Create(inv, $"  throughput        {_requests / seconds:F0} requests/s, {_answers / seconds:F0} answers/s"));
        Console.WriteLine(string.Create(inv, $"  latency (all)     p50 {P(all, 0.50):F1} ms, p99 {P(all, 0.99):F1} ms, max {all.LastOrDefault():F0} ms"));
        Console.WriteLine(string.Create(inv, $"  latency (submit)  p50 {P(submits, 0.50):F1} ms, p99 {P(submits, 0.99):F1} ms"));
        Console.WriteLine(string.Create(inv, $"  candidate wait    p50 {P(waits, 0.50):F1} ms, p99 {P(waits, 0.99):F1} ms (latency + queueing behind {_options.MaxInFlight} requests in flight; no think time, so the nodes run flat out)"));
        Console.WriteLine(string.Create(inv, $"  node kills        1 mid-run + 1 before the checks; {_failovers} requests failed over to the other node"));
        Console.WriteLine(string.Create(inv, $"  races             {raced} candidates sent answer 1 to both nodes at once: exactly one accepted each time"));
        Console.WriteLine(string.Create(inv, $"  store vs client   {lost} lost, {extra} extra or duplicated, {wrongCount} sessions with a wrong answer count"));
        Console.WriteLine(string.Create(inv, $"  resumable         {_options.Candidates - unresumable} of {_options.Candidates} replayed on the restarted node; {differing} results differ between nodes"));
        if (unfinished > 0) failures.Add($"{unfinished} sessions did not finish");
        if (lost + extra + wrongCount > 0) failures.Add("the store does not hold exactly the accepted answers");
        if (unresumable + differing > 0) failures.Add("not every session replays to the same result");
        if (raced == 0 && _options.Candidates >= 20) failures.Add("no race was run");
        foreach (var failure in failures) Console.WriteLine("  FAILED: " + failure);
        Console.WriteLine(string.Create(inv,
            $"load: candidates={_options.Candidates} answers={_answers} requests={_requests} seconds={seconds:F1} rps={_requests / seconds:F0} p50_ms={P(all, 0.5):F1} p99_ms={P(all, 0.99):F1} lost={lost} extra={extra} unresumable={unresumable} result={(failures.Count == 0 ? "pass" : "fail")}"));
        return failures.Count == 0 ? 0 : 1;
    }

    private async Task RunCandidateAsync(int index, CandidateLog log)
    {
        var random = new Random(_options.Seed * 1_000_003 + index);
        int turn = index % 2;
        try
        {
            var started = await SendAsync(turn++, false, () => Json(HttpMethod.Post, "/api/sessions", null, $"{{\"preset\":\"{_options.Preset}\",\"seed\":{_options.Seed * 100_000 + index}}}"));
            if (started.Status != 201) throw new InvalidOperationException($"start: {started.Status} {started.Body}");
            log.Id = started.Json.GetProperty("sessionId").GetString()!;
            log.Token = started.Json.GetProperty("token").GetString()!;
            while (true)
            {
                var current = await SendAsync(turn++, false, () => Json(HttpMethod.Get, $"/api/sessions/{log.Id}/item", log.Token, null));
                if (current.Status != 200) throw new InvalidOperationException($"item: {current.Status} {current.Body}");
                if (current.Json.GetProperty("finished").GetBoolean())
                {
                    log.Finished = true;
                    return;
                }

                int seq = current.Json.GetProperty("seq").GetInt32();
                var item = current.Json.GetProperty("item");
                string itemId = item.GetProperty("itemId").GetString()!;
                var options = item.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToArray();
                string type = item.GetProperty("type").GetString()!;
                string option = options[random.Next(options.Length)];
                if (seq != log.Answers.Count + 1) throw new InvalidOperationException($"the server expects answer {seq}, the client has given {log.Answers.Count}");

                if (seq == 1 && index % 20 == 0)
                {
                    // Two different answers with the same number, one to each node at once: one must win, one must be refused.
                    string other = options.First(o => o != option);
                    var both = await Task.WhenAll(Submit(0, log, seq, itemId, AnswerFor(type, options, option)), Submit(1, log, seq, itemId, AnswerFor(type, options, other)));
                    if (both.Count(r => r.Status == 200) != 1 || both.Count(r => r.Status == 409) != 1)
                    {
                        throw new InvalidOperationException($"race for answer 1: {both[0].Status} and {both[1].Status}");
                    }

                    option = both[0].Status == 200 ? option : other;
                    log.Raced = true;
                    Interlocked.Increment(ref _answers);
                    log.Answers.Add((seq, itemId, string.Join(',', AnswerFor(type, options, option))));
                    continue;
                }

                var outcome = await Submit(turn++, log, seq, itemId, AnswerFor(type, options, option));
                if (outcome.Status != 200 || !outcome.Json.GetProperty("counted").GetBoolean()) throw new InvalidOperationException($"answer {seq}: {outcome.Status} {outcome.Body}");
                Interlocked.Increment(ref _answers);
                log.Answers.Add((seq, itemId, string.Join(',', AnswerFor(type, options, option))));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            log.Error = e.Message;
        }
    }

    /// <summary>A valid answer to the item shown around the picked option: it alone (single, select-all), or it first and the rest as shown (ordering).</summary>
    private static string[] AnswerFor(string type, string[] options, string option) =>
        type == "ordered" ? [option, .. options.Where(o => o != option)] : [option];

    private Task<Reply> Submit(int node, CandidateLog log, int seq, string itemId, string[] answer) =>
        SendAsync(node, true, () => Json(HttpMethod.Post, $"/api/sessions/{log.Id}/answers", log.Token, answer.Length == 1
            ? $"{{\"seq\":{seq},\"itemId\":{JsonSerializer.Serialize(itemId)},\"optionId\":{JsonSerializer.Serialize(answer[0])}}}"
            : $"{{\"seq\":{seq},\"itemId\":{JsonSerializer.Serialize(itemId)},\"optionIds\":{JsonSerializer.Serialize(answer)}}}"));

    private static HttpRequestMessage Json(HttpMethod method, string path, string? token, string? body)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return request;
    }

    /// <summary>
    /// Sends to node <paramref name="turn"/> mod 2; when that node is down (refused, reset, 5xx) the identical request
    /// goes to the next node, as a load balancer would. Like a balancer's connection pool, at most --max-in-flight
    /// requests are out at once: the latency is from sending to the reply (failover included), the wait adds the queue.
    /// </summary>
    private async Task<Reply> SendAsync(int turn, bool submit, Func<HttpRequestMessage> make)
    {
        long queued = Stopwatch.GetTimestamp();
        await _inFlight.WaitAsync();
        try
        {
            long started = Stopwatch.GetTimestamp();
            for (int attempt = 0; ; attempt++)
            {
                var node = _nodes[(turn + attempt) % _nodes.Length];
                try
                {
                    using var response = await node.Client.SendAsync(make());
                    string body = await response.Content.ReadAsStringAsync();
                    if ((int)response.StatusCode >= 500) throw new HttpRequestException($"{node.Name}: {(int)response.StatusCode} {body}");
                    Interlocked.Increment(ref _requests);
                    if (response.Headers.Contains("EmrCat-Repeated")) Interlocked.Increment(ref _repeated);
                    _latencies.Enqueue((submit, Stopwatch.GetElapsedTime(started).TotalMilliseconds, Stopwatch.GetElapsedTime(queued).TotalMilliseconds));
                    return new Reply((int)response.StatusCode, body, body.Length > 0 && body[0] == '{' ? JsonDocument.Parse(body).RootElement : default);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    Interlocked.Increment(ref _failovers);
                    if (attempt >= 60) throw new HttpRequestException($"no node answered after {attempt + 1} attempts: {e.Message}", e);
                    if (attempt % _nodes.Length == _nodes.Length - 1) await Task.Delay(200);
                }
            }
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private async Task KillAndRestartAsync()
    {
        long target = (long)(_options.KillAt * _options.Candidates * 20);
        while (Interlocked.Read(ref _answers) < target && _clock.Elapsed.TotalSeconds < _options.MaxSeconds) await Task.Delay(20);
        var victim = _nodes[1];
        victim.Kill();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load: {_clock.Elapsed.TotalSeconds:F1} s: killed {victim.Name} (SIGKILL) after {Interlocked.Read(ref _answers)} answers"));
        await Task.Delay(TimeSpan.FromSeconds(_options.DownSeconds));
        await victim.StartAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load: {_clock.Elapsed.TotalSeconds:F1} s: {victim.Name} restarted and healthy"));
    }

    /// <summary>The store must hold exactly the answers the candidates were told were accepted: same numbers, items and options.</summary>
    private async Task<(int Lost, int Extra, int WrongCount)> CompareWithStoreAsync(CandidateLog[] logs)
    {
        await using var source = NpgsqlDataSource.Create(_options.Postgres);
        string[] ids = logs.Where(l => l.Id.Length > 0).Select(l => l.Id).ToArray();
        var stored = new Dictionary<string, List<(int Seq, string ItemId, string Answer)>>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var records = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var command = source.CreateCommand("SELECT session_id, seq, record FROM emrcat_session_events WHERE session_id = ANY(@ids) ORDER BY session_id, seq"))
        {
            command.Parameters.AddWithValue("ids", ids);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                // The signed event log: record 0 is the start, record n answer n, an end record last.
                string id = reader.GetString(0);
                records[id] = records.GetValueOrDefault(id) + 1;
                if (!stored.TryGetValue(id, out var list)) stored[id] = list = [];
                using var record = JsonDocument.Parse(reader.GetString(2));
                if (record.RootElement.TryGetProperty("answer", out var answer) && answer.ValueKind == JsonValueKind.Object)
                {
                    list.Add((reader.GetInt32(1), answer.GetProperty("itemId").GetString()!, string.Join(',', answer.GetProperty("answer").EnumerateArray().Select(o => o.GetString()))));
                }
            }
        }

        await using (var command = source.CreateCommand("SELECT id, record_count FROM emrcat_session_logs WHERE id = ANY(@ids)"))
        {
            command.Parameters.AddWithValue("ids", ids);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        int lost = 0, extra = 0, wrongCount = 0;
        foreach (var log in logs.Where(l => l.Id.Length > 0))
        {
            var kept = stored.GetValueOrDefault(log.Id) ?? [];
            var told = log.Answers.ToHashSet();
            var have = kept.ToHashSet();
            lost += told.Count(a => !have.Contains(a));
            extra += kept.Count - kept.Count(told.Contains);
            if (counts.GetValueOrDefault(log.Id, -1) != records.GetValueOrDefault(log.Id) || !kept.Select(a => a.Seq).SequenceEqual(Enumerable.Range(1, kept.Count))) wrongCount++;
        }

        return (lost, extra, wrongCount);
    }

    /// <summary>Every session's result, rebuilt by the freshly restarted node from the store, equals node-a's and covers every answer.</summary>
    private async Task<(int Unresumable, int Differing)> CheckResumableAsync(CandidateLog[] logs)
    {
        int unresumable = 0, differing = 0;
        await Parallel.ForEachAsync(logs, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (log, _) =>
        {
            if (log.Id.Length == 0)
            {
                Interlocked.Increment(ref unresumable);
                return;
            }

            var fresh = await _nodes[1].Client.SendAsync(Json(HttpMethod.Get, $"/api/sessions/{log.Id}/result", log.Token, null));
            var other = await _nodes[0].Client.SendAsync(Json(HttpMethod.Get, $"/api/sessions/{log.Id}/result", log.Token, null));
            string freshBody = await fresh.Content.ReadAsStringAsync();
            string otherBody = await other.Content.ReadAsStringAsync();
            if ((int)fresh.StatusCode != 200)
            {
                Interlocked.Increment(ref unresumable);
                return;
            }

            var result = JsonDocument.Parse(freshBody).RootElement;
            if (result.GetProperty("scoredCount").GetInt32() + result.GetProperty("pilotCount").GetInt32() != log.Answers.Count) Interlocked.Increment(ref unresumable);
            if (freshBody != otherBody) Interlocked.Increment(ref differing);
        });
        return (unresumable, differing);
    }

    private readonly record struct Reply(int Status, string Body, JsonElement Json);
}
