using System.Collections.Concurrent;
using System.Diagnostics;
using EmrCat.Banks;
using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;
using EmrCat.Server.Api;
using EmrCat.Server.Security;
using EmrCat.Server.Storage;
using EmrCat.Server.Telemetry;
using EmrCat.Sessions;
using EmrCat.Stopping;
using Microsoft.Extensions.Options;

namespace EmrCat.Server.Sessions;

/// <summary>What became of a submit.</summary>
internal enum SubmitStatus
{
    /// <summary>Applied and stored now.</summary>
    Applied,

    /// <summary>The same answer was already stored (a retry, possibly through another node): its outcome again.</summary>
    Repeated,

    /// <summary>Refused: another answer holds this number, the number is not the next one, or the session has ended.</summary>
    Conflict,

    /// <summary>Refused: the option is not one of the item's.</summary>
    Invalid,
}

/// <summary>A submit's status, the outcome to return, or why it was refused.</summary>
internal sealed record SubmitResult(SubmitStatus Status, AnswerOutcome? Outcome, string? Problem, int ExpectedSeq);

/// <summary>A stored session that does not resume: its log was edited, cut or signed with another key. Answered with 409, logged.</summary>
internal sealed class SessionRefusedException(string sessionId, string problem) : Exception(problem)
{
    public string SessionId { get; } = sessionId;
}

/// <summary>
/// Runs sessions over the shared store, which holds each session's signed event log record by record. Each request
/// loads the log; when this node served the previous request its live engine session is reused, otherwise the log is
/// verified and replayed by <see cref="CatSession.Resume(ItemBank, IReadOnlyList{SessionEvent}, EventLogKey, TimeProvider?, CatStrategies?)"/>
/// (that is how any node carries on after another). An answer is applied to the engine, then its new records are
/// appended under the sequence guard; if another node won the race, the live session is dropped and the stored log
/// decides the reply.
/// </summary>
internal sealed class SessionService
{
    private readonly ItemBank _bank;
    private readonly ISessionStore _store;
    private readonly TimeProvider _time;
    private readonly ServerTelemetry _telemetry;
    private readonly SessionTokens _tokens;
    private readonly EventLogKey _key;
    private readonly ILogger<SessionService> _log;
    private readonly ServerOptions _options;
    private readonly string _node;
    private readonly ConcurrentDictionary<string, Live> _cache = new(StringComparer.Ordinal);

    // Strategies (selector bounds, estimator, stopping policy) are built once per preset and shared, as the library's
    // session factory does: building them is far dearer than a replay. A resumed log uses them when its options are a
    // preset's (same fingerprint); a log with other options gets strategies built from its own.
    private readonly Dictionary<string, CatStrategies> _strategies;
    private readonly Dictionary<string, CatStrategies> _strategiesByFingerprint;

    public SessionService(ItemBank bank, ISessionStore store, TimeProvider time, ServerTelemetry telemetry, SessionTokens tokens, EventLogKey key, IOptions<ServerOptions> options, ILogger<SessionService> log)
    {
        _bank = bank;
        _store = store;
        _time = time;
        _telemetry = telemetry;
        _tokens = tokens;
        _key = key;
        _log = log;
        _options = options.Value;
        _node = _options.NodeName ?? $"{Environment.MachineName}:{Environment.ProcessId}";
        _strategies = Presets.ByName.ToDictionary(p => p.Key, p => CatStrategies.For(bank, p.Value), StringComparer.Ordinal);

        // The options' fingerprint as the library writes it into a start record (a throwaway start, never stored).
        _strategiesByFingerprint = Presets.ByName.ToDictionary(
            p => CatSession.Start(bank, p.Value, 0, _strategies[p.Key], time, key).EventLog[0].Start!.OptionsFingerprint,
            p => _strategies[p.Key], StringComparer.Ordinal);
    }

    public ItemBank Bank => _bank;

    public async Task<StartResponse> StartAsync(string preset, ulong? seed, CancellationToken cancellationToken)
    {
        using var activity = ServerTelemetry.Source.StartActivity("session.start");
        var options = Presets.ByName[preset];
        ulong actualSeed = seed ?? (ulong)Random.Shared.NextInt64(long.MaxValue);
        string id = SessionTokens.NewSessionId();
        // The first item is presented at the start record's time exactly (whole ms), so every node computes the same session time.
        var clock = new SessionClock(_time);
        clock.HoldAt(DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds()));
        CatSession session;
        try
        {
            session = CatSession.Start(_bank, options, actualSeed, _strategies[preset], clock, _key);
        }
        finally
        {
            clock.Release();
        }

        await _store.CreateAsync(new NewSession(id, preset, _node), session.EventLog, cancellationToken);
        Keep(id, new Live(session, clock));
        activity?.SetTag("emrcat.session", id);
        _telemetry.SessionsStarted.Add(1, new KeyValuePair<string, object?>("preset", preset));
        _log.LogInformation("Session {SessionId} started: preset {Preset}, seed {Seed}", id, preset, actualSeed);
        return new StartResponse(id, _tokens.Issue(id), preset, actualSeed, MinItems(options), MaxItems(options), options.TimeLimit?.TotalSeconds);
    }

    public async Task<CurrentView?> GetCurrentAsync(string id, CancellationToken cancellationToken)
    {
        var live = await LoadAsync(id, cancellationToken);
        if (live is null) return null;
        try
        {
            await EndIfTimeIsUpAsync(id, live, cancellationToken);
            var session = live.Session;
            var options = session.Options;
            if (session.IsFinished)
            {
                return new CurrentView(id, session.AnsweredCount + 1, session.AnsweredCount, MinItems(options), MaxItems(options), 0, true, session.Result.Reason.ToString(), null);
            }

            var item = session.Current;
            var view = new ItemView(item.Position, item.ItemId, item.DomainName, TypeName(item.Type), item.Stem,
                item.Options.Select(o => new OptionView(o.Id, o.Text)).ToArray());
            return new CurrentView(id, session.AnsweredCount + 1, session.AnsweredCount, MinItems(options), MaxItems(options),
                session.Remaining?.TotalSeconds, false, null, view);
        }
        finally
        {
            Keep(id, live);
        }
    }

    public async Task<SubmitResult?> SubmitAsync(string id, AnswerRequest request, CancellationToken cancellationToken)
    {
        using var activity = ServerTelemetry.Source.StartActivity("session.submit");
        activity?.SetTag("emrcat.session", id);
        activity?.SetTag("emrcat.seq", request.Seq);
        IReadOnlyList<string> answer = request.OptionIds is { Count: > 0 } ids ? ids.ToArray() : request.OptionId is { } one ? [one] : [];
        for (int attempt = 0; attempt < 2; attempt++)
        {
            var live = await LoadAsync(id, cancellationToken);
            if (live is null) return null;
            var session = live.Session;
            var result = Decide(session, request, answer);
            if (result is not null)
            {
                Keep(id, live);
                Count(result, activity);
                return result;
            }

            // Answer Seq is the next one: apply it to the engine, then claim its records in the store.
            if (!string.Equals(request.ItemId, session.Current.ItemId, StringComparison.Ordinal))
            {
                Keep(id, live);
                result = new SubmitResult(SubmitStatus.Conflict, null, $"Item '{request.ItemId}' is not the current item; answer {request.Seq} is for the item the session presents now.", request.Seq);
                Count(result, activity);
                return result;
            }

            int stored = session.EventLog.Count;
            SubmitOutcome submitted;
            try
            {
                submitted = session.Submit(session.Current.ItemId, answer);
            }
            catch (ArgumentException e)
            {
                Keep(id, live);
                return new SubmitResult(SubmitStatus.Invalid, null, e.Message, request.Seq);
            }

            // The answer (and the end record when it ended the session), or only the end when the time limit had passed.
            bool claimed = await _store.AppendAsync(id, session.EventLog.Skip(stored).ToArray(), _node, cancellationToken);
            string? endedBy = session.IsFinished ? session.Result.Reason.ToString() : null;
            var outcome = new AnswerOutcome(request.Seq, submitted.Accepted, session.IsFinished, endedBy);
            if (claimed)
            {
                Keep(id, live);
                if (outcome.Counted) _telemetry.AnswersAccepted.Add(1);
                if (outcome.Finished)
                {
                    _telemetry.SessionsEnded.Add(1, new KeyValuePair<string, object?>("reason", outcome.EndedBy));
                    _log.LogInformation("Session {SessionId} ended by {Reason} after {Answers} answers", id, outcome.EndedBy, session.AnsweredCount);
                }

                activity?.SetTag("emrcat.status", "applied");
                return new SubmitResult(SubmitStatus.Applied, outcome, null, request.Seq + 1);
            }

            // Another node stored answer Seq (or ended the session) first: forget this engine state and decide again
            // from the store, where that answer now is.
            _log.LogInformation("Session {SessionId}: answer {Seq} was stored by another request first; deciding from the store", id, request.Seq);
        }

        var conflict = new SubmitResult(SubmitStatus.Conflict, null, $"Answer {request.Seq} could not be stored: the session changed while it was being recorded.", request.Seq);
        Count(conflict, activity);
        return conflict;
    }

    /// <summary>Whether the session exists, and its result when it has ended.</summary>
    public async Task<(bool Found, SessionResult? Result)> GetResultAsync(string id, CancellationToken cancellationToken)
    {
        var live = await LoadAsync(id, cancellationToken);
        if (live is null) return (false, null);
        try
        {
            await EndIfTimeIsUpAsync(id, live, cancellationToken);
            return (true, live.Session.IsFinished ? live.Session.Result : null);
        }
        finally
        {
            Keep(id, live);
        }
    }

    public ResultView ResultView(SessionResult result)
    {
        var report = new ScoreReporter().Create(result);
        var domains = report.Domains.Select(d => new DomainView(d.DomainId, d.Name, LevelWord(d.Level), d.Correct, d.Total)).ToArray();
        return new ResultView(result.Decision.ToString(), result.Reason.ToString(), result.Explanation, result.ReportedScore, result.ScaledScore,
            report.PassingScore, report.MinimumScore, report.MaximumScore, result.Theta, result.StandardError, result.ScoredCount, report.ScoredCorrect,
            result.PilotCount, result.Elapsed.TotalSeconds, domains);
    }

    public ReportView ReportView(SessionResult result)
    {
        var log = new ErrorLogBuilder().Build(result);
        var plan = new RepairPlanner().Plan(log, result.Blueprint);
        var misses = log.Entries.Select(e =>
        {
            _bank.TryGetIndex(e.ItemId, out int index);
            var item = _bank.Items[index];
            IReadOnlyList<string> Texts(IEnumerable<string> ids) => ids.Select(id => item.Options.FirstOrDefault(o => o.Id == id)?.Text ?? id).ToArray();
            return new MissView(e.ItemId, _bank.Blueprint.Find(e.Domain)?.Name ?? e.Domain, item.Stem, Texts(e.Chosen), Texts(e.Key), item.Rationale,
                BucketWord(e.Bucket), e.Evidence, e.Cost, e.TimedOut);
        }).ToArray();
        var actions = plan.Actions.Select(a => new RepairView(BucketWord(a.Bucket), a.Title, a.Diagnosis, a.Steps, a.KeyFacts, a.Misses, a.Cost)).ToArray();
        return new ReportView(ResultView(result), misses, actions);
    }

    /// <summary>The item type as the page reads it: one answer, a selection, or an order of every option.</summary>
    private static string TypeName(ItemType type) => type switch
    {
        ItemType.Multiple => "multiple",
        ItemType.Ordered => "ordered",
        _ => "single",
    };

    /// <summary>
    /// The reply decided by the session's log alone (the live session holds exactly the stored log), or null when
    /// <paramref name="request"/> is the next answer of a running session.
    /// </summary>
    private static SubmitResult? Decide(CatSession session, AnswerRequest request, IReadOnlyList<string> answer)
    {
        int count = session.AnsweredCount;
        var log = session.EventLog;
        if (request.Seq >= 1 && request.Seq <= count)
        {
            // Answer n is record n (record 0 is the start); an end record right after it by a rule of the engine's own
            // (not the time limit, not abandonment) means that answer ended the session.
            var kept = session.Answers[request.Seq - 1];
            bool same = string.Equals(kept.ItemId, request.ItemId, StringComparison.Ordinal) && kept.Answer.SequenceEqual(answer, StringComparer.Ordinal);
            string? endedBy = request.Seq + 1 < log.Count && log[request.Seq + 1].Ending is { Reason: not (StopReason.TimeLimit or StopReason.Abandoned) } ending
                ? ending.Reason.ToString()
                : null;
            return same
                ? new SubmitResult(SubmitStatus.Repeated, new AnswerOutcome(request.Seq, true, endedBy is not null, endedBy), null, count + 1)
                : new SubmitResult(SubmitStatus.Conflict, null, $"Answer {request.Seq} is already recorded (with another answer); answers cannot be changed. The next answer is number {count + 1}.", count + 1);
        }

        if (request.Seq != count + 1)
        {
            return new SubmitResult(SubmitStatus.Conflict, null, $"Answer number {request.Seq} is not the next one; the next answer is number {count + 1}.", count + 1);
        }

        if (session.IsFinished)
        {
            // A retry of the submit that arrived after the time limit gets that reply again; anything else is refused.
            if (log[^1].Ending?.Reason == StopReason.TimeLimit)
            {
                return new SubmitResult(SubmitStatus.Repeated, new AnswerOutcome(request.Seq, false, true, nameof(StopReason.TimeLimit)), null, count + 1);
            }

            return new SubmitResult(SubmitStatus.Conflict, null, $"The session has ended ({session.Result.Reason}); no more answers are accepted.", count + 1);
        }

        return null;
    }

    private void Count(SubmitResult result, Activity? activity)
    {
        activity?.SetTag("emrcat.status", result.Status.ToString().ToLowerInvariant());
        if (result.Status == SubmitStatus.Repeated) _telemetry.AnswersRepeated.Add(1);
        else if (result.Status == SubmitStatus.Conflict) _telemetry.AnswersRefused.Add(1);
    }

    /// <summary>Ends the session by its time limit when that has passed (its end record stored under the same guard as an answer).</summary>
    private async Task EndIfTimeIsUpAsync(string id, Live live, CancellationToken cancellationToken)
    {
        int stored = live.Session.EventLog.Count;
        if (live.Session.IsFinished || !live.Session.CheckTimeLimit()) return;
        if (await _store.AppendAsync(id, live.Session.EventLog.Skip(stored).ToArray(), _node, cancellationToken))
        {
            _telemetry.SessionsEnded.Add(1, new KeyValuePair<string, object?>("reason", live.Session.Result.Reason.ToString()));
            _log.LogInformation("Session {SessionId} ended by its time limit", id);
        }
    }

    /// <summary>
    /// A live engine session holding exactly the stored log: this node's cached one when it has the same records
    /// (count and last MAC), else one resumed from the log. The live session is taken out of the cache while in use,
    /// so two requests never share one; <see cref="Keep"/> puts it back.
    /// </summary>
    /// <exception cref="SessionRefusedException">The stored log does not resume.</exception>
    private async Task<Live?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        StoredSession? stored;
        try
        {
            stored = await _store.LoadAsync(id, cancellationToken);
        }
        catch (InvalidEventLogException e)
        {
            throw Refuse(id, e.Message);
        }

        if (stored is null) return null;
        if (_cache.TryRemove(id, out var cached) && stored.Records.Count == stored.RecordCount && cached.Session.EventLog.Count == stored.Records.Count
            && string.Equals(cached.Session.EventLog[^1].Mac, stored.Records[^1].Record.Mac, StringComparison.Ordinal))
        {
            return cached;
        }

        return Resume(stored);
    }

    /// <summary>Verifies and replays the stored log (the library refuses an edited, reordered or cut record), then checks it against the session's row.</summary>
    private Live Resume(StoredSession stored)
    {
        using var activity = ServerTelemetry.Source.StartActivity("session.resume");
        long started = Stopwatch.GetTimestamp();
        var log = stored.Records.Select(r => r.Record).ToArray();
        var start = log.Length > 0 ? log[0].Start : null;
        long lastElapsed = log.LastOrDefault(r => r.Answer is not null)?.Answer!.ElapsedMs ?? 0;
        var strategies = start is not null && _strategiesByFingerprint.TryGetValue(start.OptionsFingerprint ?? "", out var known) ? known : null;

        // Held at start + the last answer's session time: the current item counts from when it was presented, on any node.
        var clock = new SessionClock(_time);
        clock.HoldAt((start?.StartedAt ?? _time.GetUtcNow()).AddMilliseconds(lastElapsed));
        CatSession session;
        try
        {
            session = CatSession.Resume(_bank, log, _key, clock, strategies);
        }
        catch (InvalidEventLogException e)
        {
            throw Refuse(stored.Id, e.Message);
        }
        finally
        {
            clock.Release();
        }

        // The row is written with the records: a log that verifies but is shorter lost its last records outside the server.
        if (log.Length != stored.RecordCount || (stored.EndedBy is not null) != session.IsFinished)
        {
            throw Refuse(stored.Id,
                $"The store counts {stored.RecordCount} records{(stored.EndedBy is null ? "" : $" ending with an end ({stored.EndedBy})")} for this session, but its log holds {log.Length}{(session.IsFinished ? "" : " and does not end")}: {(log.Length < stored.RecordCount ? "its last records were removed" : "the session's row was edited")}.");
        }

        _telemetry.Replays.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        activity?.SetTag("emrcat.records", log.Length);
        return new Live(session, clock);
    }

    /// <summary>Logs and counts a refused session; the endpoint answers it with a 409 problem.</summary>
    private SessionRefusedException Refuse(string id, string problem)
    {
        _telemetry.SessionsRefused.Add(1);
        _log.LogWarning("Session {SessionId} cannot be resumed from the store: {Problem}", id, problem);
        return new SessionRefusedException(id, problem);
    }

    /// <summary>Puts a live session (back) in the cache. The cache only saves replays, so when full it is simply emptied.</summary>
    private void Keep(string id, Live live)
    {
        if (_cache.Count >= _options.MaxCachedSessions) _cache.Clear();
        _cache[id] = live;
    }

    private static int MinItems(CatOptions options) => options.MinScoredItems + options.PilotItems;

    private static int MaxItems(CatOptions options) => options.MaxScoredItems + options.PilotItems;

    private static string LevelWord(DomainLevel level) => level switch
    {
        DomainLevel.AbovePassingStandard => "above",
        DomainLevel.NearPassingStandard => "near",
        DomainLevel.BelowPassingStandard => "below",
        _ => "too-few-items",
    };

    private static string BucketWord(ErrorBucket bucket) => bucket switch
    {
        ErrorBucket.DomainKnowledge => "knowledge",
        ErrorBucket.Sequence => "sequence",
        ErrorBucket.Scope => "scope",
        ErrorBucket.Reading => "reading",
        _ => "pacing",
    };

    private sealed record Live(CatSession Session, SessionClock Clock);
}
