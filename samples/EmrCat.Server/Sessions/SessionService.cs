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

/// <summary>
/// Runs sessions over the shared store. Each request loads the session's records; when this node served the previous
/// request its live engine session is reused, otherwise the records are replayed through the engine (that is how any
/// node carries on after another). An answer is applied to the engine, then appended under the sequence guard; if
/// another node won the race, the live session is dropped and the stored answer decides the reply.
/// </summary>
internal sealed class SessionService
{
    private readonly ItemBank _bank;
    private readonly ISessionStore _store;
    private readonly TimeProvider _time;
    private readonly ServerTelemetry _telemetry;
    private readonly SessionTokens _tokens;
    private readonly ILogger<SessionService> _log;
    private readonly ServerOptions _options;
    private readonly string _node;
    private readonly ConcurrentDictionary<string, Live> _cache = new(StringComparer.Ordinal);

    // Strategies (selector bounds, estimator, stopping policy) are built once per preset and shared, as the library's
    // session factory does: building them is far dearer than a replay.
    private readonly Dictionary<string, CatStrategies> _strategies;

    public SessionService(ItemBank bank, ISessionStore store, TimeProvider time, ServerTelemetry telemetry, SessionTokens tokens, IOptions<ServerOptions> options, ILogger<SessionService> log)
    {
        _bank = bank;
        _store = store;
        _time = time;
        _telemetry = telemetry;
        _tokens = tokens;
        _log = log;
        _options = options.Value;
        _node = _options.NodeName ?? $"{Environment.MachineName}:{Environment.ProcessId}";
        _strategies = Presets.ByName.ToDictionary(p => p.Key, p => CatStrategies.For(bank, p.Value), StringComparer.Ordinal);
    }

    public ItemBank Bank => _bank;

    public async Task<StartResponse> StartAsync(string preset, ulong? seed, CancellationToken cancellationToken)
    {
        using var activity = ServerTelemetry.Source.StartActivity("session.start");
        var options = Presets.ByName[preset];
        ulong actualSeed = seed ?? (ulong)Random.Shared.NextInt64(long.MaxValue);
        string id = SessionTokens.NewSessionId();
        // The first item is presented at the stored start time exactly, so every node computes the same session time.
        var clock = new SessionClock(_time);
        var startedAt = DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
        clock.HoldAt(startedAt);
        CatSession session;
        try
        {
            session = CatSession.Start(_bank, options, actualSeed, _strategies[preset], clock);
        }
        finally
        {
            clock.Release();
        }

        await _store.CreateAsync(new NewSession(id, preset, actualSeed, _bank.Metadata.Id, _bank.Fingerprint, startedAt), cancellationToken);
        Keep(id, new Live(session, clock));
        activity?.SetTag("emrcat.session", id);
        _telemetry.SessionsStarted.Add(1, new KeyValuePair<string, object?>("preset", preset));
        _log.LogInformation("Session {SessionId} started: preset {Preset}, seed {Seed}", id, preset, actualSeed);
        return new StartResponse(id, _tokens.Issue(id), preset, actualSeed, MinItems(options), MaxItems(options), options.TimeLimit?.TotalSeconds);
    }

    public async Task<CurrentView?> GetCurrentAsync(string id, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(id, cancellationToken);
        if (loaded is null) return null;
        var (stored, live) = loaded.Value;
        try
        {
            await EndIfTimeIsUpAsync(id, stored, live, cancellationToken);
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
            var loaded = await LoadAsync(id, cancellationToken);
            if (loaded is null) return null;
            var (stored, live) = loaded.Value;
            var result = Decide(stored, live, request, answer);
            if (result is not null)
            {
                Keep(id, live);
                Count(result, activity);
                return result;
            }

            // Answer Seq is the next one: apply it to the engine, then claim it in the store.
            var session = live.Session;
            if (!string.Equals(request.ItemId, session.Current.ItemId, StringComparison.Ordinal))
            {
                Keep(id, live);
                result = new SubmitResult(SubmitStatus.Conflict, null, $"Item '{request.ItemId}' is not the current item; answer {request.Seq} is for the item the session presents now.", request.Seq);
                Count(result, activity);
                return result;
            }

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

            bool claimed;
            AnswerOutcome outcome;
            if (submitted.Accepted)
            {
                var record = session.Answers[^1];
                string? endedBy = session.IsFinished ? session.Result.Reason.ToString() : null;
                claimed = await _store.AppendAnswerAsync(id, new StoredAnswer(request.Seq, record.ItemId, record.Answer, record.ResponseTimeMs, record.ElapsedMs, endedBy, _time.GetUtcNow(), _node), cancellationToken);
                outcome = new AnswerOutcome(request.Seq, true, session.IsFinished, endedBy);
            }
            else
            {
                // The time limit had passed: the engine ended the session without counting the answer.
                var result2 = session.Result;
                claimed = await _store.EndAsync(id, session.AnsweredCount, new SessionEnd(result2.Reason.ToString(), (long)result2.Elapsed.TotalMilliseconds), cancellationToken);
                outcome = new AnswerOutcome(request.Seq, false, true, result2.Reason.ToString());
            }

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
        var loaded = await LoadAsync(id, cancellationToken);
        if (loaded is null) return (false, null);
        var (stored, live) = loaded.Value;
        try
        {
            await EndIfTimeIsUpAsync(id, stored, live, cancellationToken);
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

    /// <summary>The reply decided by the stored answers alone, or null when <paramref name="request"/> is the next answer of a running session.</summary>
    private static SubmitResult? Decide(StoredSession stored, Live live, AnswerRequest request, IReadOnlyList<string> answer)
    {
        int count = stored.AnswerCount;
        if (request.Seq >= 1 && request.Seq <= count)
        {
            var kept = stored.Answers[request.Seq - 1];
            bool same = string.Equals(kept.ItemId, request.ItemId, StringComparison.Ordinal) && kept.Answer.SequenceEqual(answer, StringComparer.Ordinal);
            return same
                ? new SubmitResult(SubmitStatus.Repeated, new AnswerOutcome(kept.Seq, true, kept.EndedBy is not null, kept.EndedBy), null, count + 1)
                : new SubmitResult(SubmitStatus.Conflict, null, $"Answer {request.Seq} is already recorded (with another answer); answers cannot be changed. The next answer is number {count + 1}.", count + 1);
        }

        if (request.Seq != count + 1)
        {
            return new SubmitResult(SubmitStatus.Conflict, null, $"Answer number {request.Seq} is not the next one; the next answer is number {count + 1}.", count + 1);
        }

        if (live.Session.IsFinished)
        {
            // A retry of the submit that arrived after the time limit gets that reply again; anything else is refused.
            if (stored.End is { } end && string.Equals(end.Reason, nameof(StopReason.TimeLimit), StringComparison.Ordinal))
            {
                return new SubmitResult(SubmitStatus.Repeated, new AnswerOutcome(request.Seq, false, true, end.Reason), null, count + 1);
            }

            return new SubmitResult(SubmitStatus.Conflict, null, $"The session has ended ({live.Session.Result.Reason}); no more answers are accepted.", count + 1);
        }

        return null;
    }

    private void Count(SubmitResult result, Activity? activity)
    {
        activity?.SetTag("emrcat.status", result.Status.ToString().ToLowerInvariant());
        if (result.Status == SubmitStatus.Repeated) _telemetry.AnswersRepeated.Add(1);
        else if (result.Status == SubmitStatus.Conflict) _telemetry.AnswersRefused.Add(1);
    }

    /// <summary>Ends the session by its time limit when that has passed (stored under the same guard as an answer).</summary>
    private async Task EndIfTimeIsUpAsync(string id, StoredSession stored, Live live, CancellationToken cancellationToken)
    {
        if (live.Session.IsFinished || !live.Session.CheckTimeLimit()) return;
        var result = live.Session.Result;
        if (await _store.EndAsync(id, stored.AnswerCount, new SessionEnd(result.Reason.ToString(), (long)result.Elapsed.TotalMilliseconds), cancellationToken))
        {
            _telemetry.SessionsEnded.Add(1, new KeyValuePair<string, object?>("reason", result.Reason.ToString()));
            _log.LogInformation("Session {SessionId} ended by its time limit", id);
        }
    }

    /// <summary>
    /// The stored session and a live engine session in the same state: this node's cached one when it has exactly the
    /// stored answers, else one rebuilt by replaying them. The live session is taken out of the cache while in use, so
    /// two requests never share one; <see cref="Keep"/> puts it back.
    /// </summary>
    private async Task<(StoredSession Stored, Live Live)?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var stored = await _store.LoadAsync(id, cancellationToken);
        if (stored is null) return null;
        if (_cache.TryRemove(id, out var cached) && cached.Session.AnsweredCount == stored.AnswerCount && cached.Session.IsFinished == (stored.End is not null || LastEnded(stored)))
        {
            return (stored, cached);
        }

        return (stored, Replay(stored));
    }

    private static bool LastEnded(StoredSession stored) => stored.Answers.Count > 0 && stored.Answers[^1].EndedBy is not null;

    /// <summary>Rebuilds the engine session from the stored records (the engine checks that every answer replays).</summary>
    private Live Replay(StoredSession stored)
    {
        using var activity = ServerTelemetry.Source.StartActivity("session.replay");
        long started = Stopwatch.GetTimestamp();
        var meta = stored.Session;
        if (!Presets.ByName.TryGetValue(meta.Preset, out var options)) throw new InvalidSnapshotException($"Session {meta.Id} has an unknown preset '{meta.Preset}'.");
        var snapshot = new SessionSnapshot
        {
            BankId = meta.BankId,
            BankVersion = _bank.Metadata.Version,
            BankFingerprint = meta.BankFingerprint,
            Options = options,
            Seed = meta.Seed,
            Answers = stored.Answers.Select(a => new AnswerRecord(a.ItemId, a.Answer, a.ResponseTimeMs, a.ElapsedMs)).ToArray(),
            EndedBy = stored.End is { } end ? Enum.Parse<StopReason>(end.Reason) : null,
            EndedAtMs = stored.End?.ElapsedMs ?? 0,
        };
        var clock = new SessionClock(_time);
        long lastElapsed = stored.Answers.Count > 0 ? stored.Answers[^1].ElapsedMs : 0;
        clock.HoldAt(meta.StartedAt.AddMilliseconds(lastElapsed));
        CatSession session;
        try
        {
            session = CatSession.Resume(_bank, snapshot, clock, _strategies[meta.Preset]);
        }
        finally
        {
            clock.Release();
        }

        _telemetry.Replays.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        activity?.SetTag("emrcat.answers", stored.AnswerCount);
        return new Live(session, clock);
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
