using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.Internal;
using EmrCat.Irt;
using EmrCat.Scoring;
using EmrCat.Selection;
using EmrCat.Stopping;

namespace EmrCat.Sessions;

/// <summary>
/// One adaptive session as a small state machine: <see cref="Start(ItemBank, CatOptions, ulong, TimeProvider?, EventLogKey?)"/> (bank, options, seed) → <see cref="Current"/>
/// (the item to answer, without key) → <see cref="Submit(string, IReadOnlyList{string})"/> → … → <see cref="Result"/>.
/// Pilot answers are recorded but never move θ̂, the stopping decision or the result. Out-of-order calls throw
/// <see cref="InvalidOperationException"/> and change nothing. A session is used by one caller at a time; the bank it
/// reads is shared and never written.
/// </summary>
public sealed class CatSession
{
    /// <summary>Longest time a snapshot may record, 100 years (36,500 days) in ms: beyond any session, far inside TimeSpan's range.</summary>
    internal const long MaxRecordedMs = 36_500L * 24 * 60 * 60 * 1000;

    private readonly ItemBank _bank;
    private readonly CatKernel _kernel;
    private readonly TimeProvider _time;
    private readonly List<AnswerRecord> _answers;
    private readonly TimeSpan[] _responseTimes;
    private long _presentedAt;
    private TimeSpan _elapsedAtLastAnswer;
    private SessionResult? _result;
    private StopReason? _endedBy;
    private TimeSpan _endedAt;
    private SessionTelemetry? _telemetry;
    private EventLogKey? _logKey;
    private List<SessionEvent>? _events;

    private CatSession(ItemBank bank, CatOptions options, ulong seed, TimeProvider time, CatStrategies components)
    {
        _bank = bank;
        Options = options;
        Seed = seed;
        _time = time;
        _kernel = new CatKernel(bank, options, components);
        _answers = new List<AnswerRecord>(options.MaxScoredItems + options.PilotItems);
        _responseTimes = new TimeSpan[options.MaxScoredItems + options.PilotItems];
        _presentedAt = time.GetTimestamp();
    }

    /// <summary>The options in force.</summary>
    public CatOptions Options { get; }

    /// <summary>The session's seed.</summary>
    public ulong Seed { get; }

    /// <summary>The bank.</summary>
    public ItemBank Bank => _bank;

    /// <summary>Whether the session has ended.</summary>
    public bool IsFinished => _result is not null;

    /// <summary>The item awaiting an answer.</summary>
    /// <exception cref="InvalidOperationException">The session has ended.</exception>
    public PresentedItem Current
    {
        get
        {
            if (_result is not null) throw new InvalidOperationException("The session has ended; there is no next item.");
            return Present(_kernel.Pending);
        }
    }

    /// <summary>Items answered so far (scored and pilot).</summary>
    public int AnsweredCount => _answers.Count;

    /// <summary>Scored items answered so far.</summary>
    public int ScoredCount => _kernel.ScoredCount;

    /// <summary>Pilot items answered so far.</summary>
    public int PilotCount => _kernel.PilotCount;

    /// <summary>The current estimate from scored answers (SE infinite before the first).</summary>
    public AbilityEstimate Estimate => _kernel.Estimate;

    /// <summary>Session time used so far.</summary>
    public TimeSpan Elapsed => _result is not null ? _result.Elapsed : _elapsedAtLastAnswer + _time.GetElapsedTime(_presentedAt);

    /// <summary>Time left under the limit, or null without one.</summary>
    public TimeSpan? Remaining => Options.TimeLimit is { } limit ? (limit - Elapsed) < TimeSpan.Zero ? TimeSpan.Zero : limit - Elapsed : null;

    /// <summary>The result.</summary>
    /// <exception cref="InvalidOperationException">The session has not ended.</exception>
    public SessionResult Result => _result ?? throw new InvalidOperationException("The session has not ended yet.");

    /// <summary>The answers so far.</summary>
    public IReadOnlyList<AnswerRecord> Answers => _answers;

    /// <summary>
    /// The session's append-only event log so far, each record signed with the <see cref="EventLogKey"/> the session
    /// was started (or resumed) with; empty without a key. Persist every record past those already stored after each
    /// call (a <see cref="Submit(string, IReadOnlyList{string})"/> that ends the session adds its answer and the end
    /// record; <see cref="Abandon"/> and a time-out add the end record) before showing the next item, and resume with <see cref="Resume(ItemBank, IReadOnlyList{SessionEvent}, EventLogKey, TimeProvider?, CatStrategies?)"/>.
    /// </summary>
    public IReadOnlyList<SessionEvent> EventLog => _events is null ? [] : _events.AsReadOnly();

    /// <summary>Starts a session with the default components for <paramref name="options"/>.</summary>
    /// <param name="bank">The bank.</param>
    /// <param name="options">Options (validated here).</param>
    /// <param name="seed">Seed for every random choice (pilot placement, randomesque, exposure).</param>
    /// <param name="time">Clock; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="eventLogKey">The key that signs the session's <see cref="EventLog"/>; null keeps no event log.</param>
    /// <returns>The session, with its first item ready.</returns>
    /// <exception cref="ArgumentException">Invalid options, or a bank that cannot serve them (e.g. too few pilot items).</exception>
    public static CatSession Start(ItemBank bank, CatOptions options, ulong seed, TimeProvider? time = null, EventLogKey? eventLogKey = null)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        return StartWith(bank, options, seed, time, CatStrategies.For(bank, options), eventLogKey: eventLogKey);
    }

    /// <summary>Starts a session with your own strategies (estimator, selector, stopping policy).</summary>
    /// <param name="bank">The bank.</param>
    /// <param name="options">Options (validated here); lengths, pilots and the time limit come from them.</param>
    /// <param name="seed">Seed for every random choice.</param>
    /// <param name="strategies">The strategies to compose.</param>
    /// <param name="time">Clock; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="eventLogKey">The key that signs the session's <see cref="EventLog"/>; null keeps no event log.</param>
    /// <returns>The session, with its first item ready.</returns>
    /// <exception cref="ArgumentException">Invalid options, or a bank that cannot serve them.</exception>
    public static CatSession Start(ItemBank bank, CatOptions options, ulong seed, CatStrategies strategies, TimeProvider? time = null, EventLogKey? eventLogKey = null)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        return StartWith(bank, options, seed, time, strategies, eventLogKey: eventLogKey);
    }

    internal static CatSession StartWith(ItemBank bank, CatOptions options, ulong seed, TimeProvider? time, CatStrategies components, SessionTelemetry? telemetry = null, EventLogKey? eventLogKey = null)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid(bank);
        var session = new CatSession(bank, options, seed, time ?? TimeProvider.System, components) { _telemetry = telemetry };
        telemetry?.Started(session);
        if (eventLogKey is not null)
        {
            session._logKey = eventLogKey;
            session._events = [];
            var start = new SessionStart(bank.Metadata.Id, bank.Metadata.Version, bank.Fingerprint, options, SessionEvent.Fingerprint(options), seed, session._time.GetUtcNow());
            session.Log(new SessionEvent { Sequence = 0, Kind = SessionEventKind.Start, Start = start });
        }

        session._kernel.Reset(seed);
        session.EndIfKernelEnded();
        return session;
    }

    /// <summary>
    /// Resumes a session from its event log: verifies every record's MAC in order (edits, reordering, insertions and
    /// removals before the last record are refused), then replays the answers on <paramref name="bank"/> exactly as
    /// <see cref="Resume(ItemBank, SessionSnapshot, TimeProvider?, CatStrategies?)"/> does. New records chain on.
    /// A log whose answers end the session must close with the matching end record, so a finished session whose end
    /// record (or tail) was cut off is refused. A log cut back to an earlier point of a session still running reads as
    /// that earlier session and cannot be told apart without state kept outside the log (e.g. the host's record count
    /// or last MAC): compare it with <see cref="EventLog"/>'s length after resuming.
    /// </summary>
    /// <param name="bank">The bank; must be the one the log's start record names (id and fingerprint).</param>
    /// <param name="log">The records, in the order they were written.</param>
    /// <param name="key">The key the log was signed with.</param>
    /// <param name="time">Clock; default <see cref="TimeProvider.System"/>. Time spent away does not count.</param>
    /// <param name="strategies">The strategies the session was started with; default those of its options.</param>
    /// <returns>The session, exactly where it was, still signing its log with <paramref name="key"/>.</returns>
    /// <exception cref="InvalidEventLogException">A record does not verify or is out of place, or the answers do not replay on the bank; nothing is resumed.</exception>
    public static CatSession Resume(ItemBank bank, IReadOnlyList<SessionEvent> log, EventLogKey key, TimeProvider? time = null, CatStrategies? strategies = null)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(key);
        var start = Verify(log, key);
        var answers = new List<AnswerRecord>(log.Count);
        SessionEnding? ending = null;
        for (int k = 1; k < log.Count; k++)
        {
            if (log[k].Answer is { } answer) answers.Add(answer);
            else ending = log[k].Ending;
        }

        // Only a time-out or an abandon is applied from the end record; any other end must follow from the answers.
        bool endedFromOutside = ending?.Reason is StopReason.TimeLimit or StopReason.Abandoned;

        var snapshot = new SessionSnapshot
        {
            BankId = start.BankId,
            BankVersion = start.BankVersion,
            BankFingerprint = start.BankFingerprint,
            Options = start.Options,
            Seed = start.Seed,
            Answers = answers,
            EndedBy = endedFromOutside ? ending!.Reason : null,
            EndedAtMs = endedFromOutside ? ending!.ElapsedMs : 0,
        };
        CatSession session;
        try
        {
            session = Resume(bank, snapshot, time, strategies);
        }
        catch (InvalidSnapshotException e)
        {
            throw new InvalidEventLogException($"The event log verifies but does not replay: {e.Message}");
        }

        // Every end is recorded, so the end record is what shows that a finished session's log is whole.
        if (ending is null && session.IsFinished)
        {
            throw new InvalidEventLogException(
                $"The event log's {answers.Count} answers end the session ({session.Result.Reason}), but its end record is missing: the last records were cut off. Nothing was resumed.");
        }

        if (ending is not null && (!session.IsFinished || session.Result.Reason != ending.Reason))
        {
            throw new InvalidEventLogException(
                $"The event log's end record says the session ended by {ending.Reason}, but its {answers.Count} answers replay to {(session.IsFinished ? $"an end by {session.Result.Reason}" : "a session still running")}. Nothing was resumed.");
        }

        session._logKey = key;
        session._events = [.. log];
        return session;
    }

    /// <summary>Checks the chain of MACs and the records' places; returns the start.</summary>
    private static SessionStart Verify(IReadOnlyList<SessionEvent> log, EventLogKey key)
    {
        if (log.Count == 0) throw new InvalidEventLogException("The event log is empty: it has no start record.");
        string previous = "";
        for (int k = 0; k < log.Count; k++)
        {
            var record = log[k] ?? throw new InvalidEventLogException($"Event log record {k + 1} of {log.Count} is empty.");
            if (record.FormatVersion != 1) throw new InvalidEventLogException($"Event log record {k + 1} has format version {record.FormatVersion}; only 1 is supported.");
            string expected = record.ComputeMac(key, previous);
            if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(record.Mac ?? "")))
            {
                throw new InvalidEventLogException(k == 0
                    ? $"Event log record 1 of {log.Count} (the start) does not verify: it was edited, or the log was signed with another key. Nothing was resumed."
                    : $"Event log record {k + 1} of {log.Count} ({record.Describe()}) does not verify: it was edited, a record before it was removed or moved, or it was signed with another key. Nothing was resumed.");
            }

            bool inPlace = record.Sequence == k && (k == 0
                ? record.Kind == SessionEventKind.Start && record.Start is not null
                : (record.Kind == SessionEventKind.Answer && record.Answer is not null) || (record.Kind == SessionEventKind.End && record.Ending is not null && k == log.Count - 1));
            if (!inPlace) throw new InvalidEventLogException($"Event log record {k + 1} of {log.Count} ({record.Kind}, number {record.Sequence}) is out of place: the log must be a start, answers, and at most one end, last.");
            previous = record.Mac!;
        }

        var start = log[0].Start!;
        if (start.Options is null || SessionEvent.Fingerprint(start.Options) != start.OptionsFingerprint)
        {
            throw new InvalidEventLogException("The start record's options do not match their fingerprint.");
        }

        return start;
    }

    /// <summary>Signs and appends a record to the event log.</summary>
    private void Log(SessionEvent record) => _events!.Add(record.Signed(_logKey!, _events.Count == 0 ? "" : _events[^1].Mac));

    /// <summary>Resumes a session from a snapshot by replaying its answers on <paramref name="bank"/>.</summary>
    /// <param name="bank">The bank; must be the one the snapshot was taken on.</param>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="time">Clock; default <see cref="TimeProvider.System"/>. Time spent away does not count.</param>
    /// <returns>The session, exactly where it was.</returns>
    /// <param name="strategies">The strategies the session was started with; default those of the snapshot's options.</param>
    /// <exception cref="InvalidSnapshotException">
    /// The snapshot is for another bank, has invalid options, or its answers do not replay (another item, an option the
    /// item does not have, times outside 0 to 100 years or going backwards); nothing is resumed.
    /// </exception>
    public static CatSession Resume(ItemBank bank, SessionSnapshot snapshot, TimeProvider? time = null, CatStrategies? strategies = null)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Options is null || snapshot.Answers is null) throw new InvalidSnapshotException("The snapshot lacks its options or its answers.");
        if (snapshot.EndedBy is { } endedBy && endedBy is not (StopReason.TimeLimit or StopReason.Abandoned))
        {
            throw new InvalidSnapshotException($"The snapshot says the session ended by '{endedBy}'; only {StopReason.TimeLimit} and {StopReason.Abandoned} are recorded that way.");
        }

        if (snapshot.EndedAtMs is < 0 or > MaxRecordedMs) throw new InvalidSnapshotException($"The snapshot's end time {snapshot.EndedAtMs} ms is outside 0..{MaxRecordedMs} ms.");
        if (snapshot.BankId != bank.Metadata.Id || snapshot.BankFingerprint != bank.Fingerprint)
        {
            throw new InvalidSnapshotException($"The snapshot was taken on bank '{snapshot.BankId}' version {snapshot.BankVersion}, not on '{bank.Metadata.Id}' version {bank.Metadata.Version} (fingerprints differ).");
        }

        CatSession session;
        try
        {
            session = StartWith(bank, snapshot.Options, snapshot.Seed, time, strategies ?? CatStrategies.For(bank, snapshot.Options));
        }
        catch (ArgumentException e)
        {
            throw new InvalidSnapshotException($"The snapshot's options are invalid: {e.Message}");
        }

        for (int k = 0; k < snapshot.Answers.Count; k++)
        {
            var record = snapshot.Answers[k] ?? throw new InvalidSnapshotException($"Answer {k + 1} is empty.");
            if (session.IsFinished) throw new InvalidSnapshotException($"Answer {k + 1} ({record.ItemId}) comes after the session had ended.");
            var presented = session._bank.Items[session._kernel.Pending];
            if (record.ItemId != presented.Id)
            {
                throw new InvalidSnapshotException($"Answer {k + 1} is for item '{record.ItemId}', but the session presents '{presented.Id}' there: the snapshot does not replay.");
            }

            string? problem = record.Answer is null ? "it lists no options." : AnswerProblem(presented, record.Answer);
            if (problem is not null) throw new InvalidSnapshotException($"Answer {k + 1} ({record.ItemId}) is not a valid answer: {problem}");

            if (record.ResponseTimeMs is < 0 or > MaxRecordedMs || record.ElapsedMs > MaxRecordedMs || record.ElapsedMs < session._elapsedAtLastAnswer.TotalMilliseconds)
            {
                throw new InvalidSnapshotException(
                    $"Answer {k + 1} ({record.ItemId}) has invalid times: response {record.ResponseTimeMs} ms and session {record.ElapsedMs} ms must be 0..{MaxRecordedMs} ms, the session time never decreasing.");
            }

            session.Apply(record.Answer!, TimeSpan.FromMilliseconds(record.ResponseTimeMs), TimeSpan.FromMilliseconds(record.ElapsedMs));
        }

        if (snapshot.EndedBy is { } ended && !session.IsFinished)
        {
            session.End(ended, TimeSpan.FromMilliseconds(Math.Max(snapshot.EndedAtMs, (long)session._elapsedAtLastAnswer.TotalMilliseconds)));
        }

        session._presentedAt = session._time.GetTimestamp();
        return session;
    }

    /// <summary>An immutable, JSON-serialisable snapshot of the session.</summary>
    /// <returns>The snapshot.</returns>
    public SessionSnapshot Snapshot() => new()
    {
        BankId = _bank.Metadata.Id,
        BankVersion = _bank.Metadata.Version,
        BankFingerprint = _bank.Fingerprint,
        Options = Options,
        Seed = Seed,
        Answers = _answers.ToArray(),
        EndedBy = _endedBy,
        EndedAtMs = (long)_endedAt.TotalMilliseconds,
    };

    /// <summary>Answers a single-answer item.</summary>
    /// <param name="itemId">The id of the item being answered (must be <see cref="Current"/>).</param>
    /// <param name="optionId">The chosen option id.</param>
    /// <exception cref="InvalidOperationException">The session has ended, or the id is not the current item.</exception>
    /// <returns>Whether the answer counted and whether the session goes on (see <see cref="SubmitOutcome"/>).</returns>
    /// <exception cref="ArgumentException">The option is not one of the item's.</exception>
    public SubmitOutcome Submit(string itemId, string optionId)
    {
        // The one-option array is the session's own from the start, so the answer record keeps it (no second copy).
        string[] answer = [optionId];
        return Submit(itemId, answer, owned: answer);
    }

    /// <summary>Answers the current item. When the time limit has passed, the answer is not counted and the session ends.</summary>
    /// <param name="itemId">The id of the item being answered (must be <see cref="Current"/>).</param>
    /// <param name="answer">Chosen option ids, in order.</param>
    /// <exception cref="InvalidOperationException">The session has ended, or the id is not the current item.</exception>
    /// <returns>
    /// <see cref="AnswerStatus.Continuing"/> when the answer was recorded and the next item is ready;
    /// <see cref="AnswerStatus.Ended"/> with the rule when it ended the session; <see cref="AnswerStatus.TimeExpired"/>
    /// when the limit had passed and the answer was not recorded.
    /// </returns>
    /// <exception cref="ArgumentException">An option is not one of the item's, or repeats.</exception>
    public SubmitOutcome Submit(string itemId, IReadOnlyList<string> answer) => Submit(itemId, answer, owned: null);

    /// <summary>Submit, where <paramref name="owned"/> is <paramref name="answer"/> itself when the session built it (else null: the answer is copied).</summary>
    private SubmitOutcome Submit(string itemId, IReadOnlyList<string> answer, string[]? owned)
    {
        if (_telemetry is not { } telemetry) return SubmitCore(itemId, answer, owned);

        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var activity = SessionTelemetry.StartActivity("EmrCat.Submit");
        activity?.SetTag("emrcat.item.id", itemId);
        int answered = _answers.Count;
        var outcome = SubmitCore(itemId, answer, owned);
        if (outcome.Accepted) telemetry.Submitted(this, _kernel.IsPilotAt(answered), started);
        return outcome;
    }

    /// <summary>Attaches the factory's telemetry to a session it resumed (after the replay, which is not reported again).</summary>
    internal void Observe(SessionTelemetry telemetry) => _telemetry = telemetry;

    private SubmitOutcome SubmitCore(string itemId, IReadOnlyList<string> answer, string[]? owned)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (_result is not null) throw new InvalidOperationException("The session has ended; no more answers are accepted.");
        var item = _bank.Items[_kernel.Pending];
        if (!string.Equals(itemId, item.Id, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Item '{itemId}' is not the current item ('{item.Id}'); each item is answered once, in order.");
        }

        if (AnswerProblem(item, answer) is { } problem) throw new ArgumentException(problem, nameof(answer));

        var responseTime = _time.GetElapsedTime(_presentedAt);
        var elapsed = _elapsedAtLastAnswer + responseTime;
        if (_kernel.Strategies.Stopping.CheckTime(elapsed).ShouldStop)
        {
            End(StopReason.TimeLimit, Options.TimeLimit ?? elapsed);
            return new SubmitOutcome(AnswerStatus.TimeExpired, StopReason.TimeLimit);
        }

        Apply(owned ?? Copy(answer), responseTime, elapsed);
        _presentedAt = _time.GetTimestamp();
        return _result is { } result ? new SubmitOutcome(AnswerStatus.Ended, result.Reason) : new SubmitOutcome(AnswerStatus.Continuing, null);
    }

    /// <summary>Ends the session if its time limit has passed (call it from a host's timer).</summary>
    /// <returns>Whether the session has ended.</returns>
    public bool CheckTimeLimit()
    {
        if (_result is null && _kernel.Strategies.Stopping.CheckTime(Elapsed).ShouldStop) End(StopReason.TimeLimit, Options.TimeLimit ?? Elapsed);
        return IsFinished;
    }

    /// <summary>
    /// Ends the session at the candidate's request; the result is undecided, or a fail when fewer than the minimum
    /// scored items were given and <see cref="CatOptions.IncompleteOutcome"/> is <see cref="IncompleteOutcome.Fail"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The session has already ended.</exception>
    public void Abandon()
    {
        if (_result is not null) throw new InvalidOperationException("The session has already ended.");
        End(StopReason.Abandoned, Elapsed);
    }

    /// <summary>Why <paramref name="answer"/> cannot answer <paramref name="item"/>, or null when it can; Submit and Resume share it.</summary>
    private static string? AnswerProblem(BankItem item, IReadOnlyList<string> answer)
    {
        // Plain loops: answers are a handful of options, and Submit allocates nothing but the answer record.
        for (int k = 0; k < answer.Count; k++)
        {
            if (!HasOption(item, answer[k])) return $"'{answer[k]}' is not an option of item '{item.Id}'.";
        }

        bool repeats = false;
        for (int k = 1; k < answer.Count && !repeats; k++)
        {
            for (int j = 0; j < k; j++)
            {
                if (string.Equals(answer[j], answer[k], StringComparison.Ordinal)) repeats = true;
            }
        }

        if (answer.Count == 0 || repeats || (item.Type == ItemType.Single && answer.Count != 1))
        {
            return $"Item '{item.Id}' needs {(item.Type == ItemType.Single ? "exactly one option" : "distinct options")}.";
        }

        return null;
    }

    private static bool HasOption(BankItem item, string option)
    {
        for (int k = 0; k < item.Options.Count; k++)
        {
            if (item.Options[k].Id == option) return true;
        }

        return false;
    }

    private static string[] Copy(IReadOnlyList<string> answer)
    {
        var copy = new string[answer.Count];
        for (int k = 0; k < copy.Length; k++) copy[k] = answer[k];
        return copy;
    }

    private void Apply(IReadOnlyList<string> answer, TimeSpan responseTime, TimeSpan elapsed)
    {
        var item = _bank.Items[_kernel.Pending];
        int category = item.Score(answer);
        _responseTimes[_answers.Count] = responseTime;
        _answers.Add(new AnswerRecord(item.Id, answer, (long)responseTime.TotalMilliseconds, (long)elapsed.TotalMilliseconds));
        _elapsedAtLastAnswer = TimeSpan.FromMilliseconds((long)elapsed.TotalMilliseconds);
        if (_events is not null) Log(new SessionEvent { Sequence = _events.Count, Kind = SessionEventKind.Answer, Answer = _answers[^1] });
        _kernel.Record(category, _elapsedAtLastAnswer, (long)responseTime.TotalMilliseconds);
        EndIfKernelEnded();
    }

    /// <summary>Builds the result once the kernel has ended the session by one of its own rules.</summary>
    private void EndIfKernelEnded()
    {
        if (_kernel.IsFinished && _result is null) End(_kernel.Reason, _elapsedAtLastAnswer);
    }

    private void End(StopReason reason, TimeSpan elapsed)
    {
        if (reason is StopReason.TimeLimit or StopReason.Abandoned)
        {
            _endedBy = reason;
            _endedAt = elapsed;
        }

        // Every end is logged (not only those the answers cannot show): a finished log without its end record was cut.
        if (_events is not null) Log(new SessionEvent { Sequence = _events.Count, Kind = SessionEventKind.End, Ending = new SessionEnding(reason, (long)elapsed.TotalMilliseconds) });

        if (!_kernel.IsFinished) _kernel.End(reason);
        var estimate = _kernel.FinalEstimate;
        var decision = _kernel.Decision;
        double cut = _bank.Scale.CutTheta;
        var blueprint = _bank.Blueprint.Domains;
        var domains = new DomainTally[blueprint.Count];
        for (int d = 0; d < domains.Length; d++)
        {
            var bd = blueprint[d];
            domains[d] = new DomainTally(bd.Id, bd.Name, _kernel.DomainGiven(d), _kernel.DomainCorrect(d), bd.MinShare, bd.MaxShare);
        }

        var items = new AdministeredItem[_answers.Count];
        var rapidGuesses = new List<string>();
        for (int k = 0; k < items.Length; k++)
        {
            if (_kernel.IsRapidAt(k)) rapidGuesses.Add(_answers[k].ItemId);
            var item = _bank.Items[_kernel.GivenAt(k)];
            items[k] = new AdministeredItem(k + 1, item.Id, item.Domain, _kernel.IsPilotAt(k), _kernel.CorrectAt(k), _answers[k].Answer, _responseTimes[k], _kernel.ThetaAfter(k), _kernel.StandardErrorAfter(k))
            {
                Category = _kernel.CategoryAt(k),
                MaxCategory = item.MaxCategory,
                Type = item.Type,
                Parameters = item.Parameters,
                Key = item.Key,
                Tags = item.Tags,
                Stem = item.Stem,
            };
        }

        _result = new SessionResult
        {
            Decision = decision,
            Reason = reason,
            Explanation = ResultExplanation.For(reason, decision, _kernel.ScoredCount, _kernel.CountedCount, Options),
            Theta = estimate.Theta,
            StandardError = estimate.StandardError,
            CutTheta = cut,
            ScaledScore = _bank.Scale.ToScaled(estimate.Theta),
            ReportedScore = _bank.Scale.ToReported(estimate.Theta),
            PassProbability = _kernel.PassProbability(),
            ScaledStandardError = _bank.Scale.ToScaledStandardError(estimate.StandardError),
            ScoreBand = _bank.Scale.Band(estimate.Theta, estimate.StandardError, 0.95),
            ScoredCount = _kernel.ScoredCount,
            PilotCount = _kernel.PilotCount,
            Elapsed = elapsed,
            Domains = domains,
            Items = items,
            Metric = _bank.Metric,
            Scale = _bank.Scale,
            Blueprint = _bank.Blueprint,
            RapidGuessItemIds = rapidGuesses.ToArray(),
            LeftOutOfEstimate = _kernel.LeftOutCount,
            ResponseTimes = Options.ResponseTimes ?? ResponseTimeOptions.Default,
        };
        _telemetry?.Ended(this);
    }

    private PresentedItem Present(int index)
    {
        var item = _bank.Items[index];
        int domainIndex = _bank.Columns.DomainIndex[index];
        var domain = domainIndex >= 0 ? _bank.Blueprint.Domains[domainIndex].Name : "";
        return new PresentedItem(_answers.Count + 1, item.Id, domain, item.Type, item.Stem, item.Options);
    }
}

/// <summary>
/// The strategies a session composes: estimator, selector and stopping policy. <see cref="For"/> builds the ones
/// <see cref="CatOptions"/> describe; pass your own (e.g. a custom <see cref="IItemSelector"/>) to
/// <see cref="CatSession.Start(ItemBank, CatOptions, ulong, CatStrategies, TimeProvider?, EventLogKey?)"/>. All are immutable and may
/// be shared by any number of sessions.
/// </summary>
/// <param name="Estimator">Interim estimator (scored answers only); also the final one unless <see cref="DecisionEstimator"/> is set.</param>
/// <param name="Selector">Scored-item selector (pilot items are always chosen at random).</param>
/// <param name="Stopping">Stopping policy.</param>
public sealed record CatStrategies(IAbilityEstimator Estimator, IItemSelector Selector, StoppingPolicy Stopping)
{
    /// <summary>The estimator of the final θ̂ the decision and score use, or null for <see cref="Estimator"/>.</summary>
    public IAbilityEstimator? DecisionEstimator { get; init; }

    /// <summary>The strategies the options describe, on the bank's metric: the one place options become strategies.</summary>
    /// <param name="bank">The bank.</param>
    /// <param name="options">Validated options.</param>
    /// <returns>The strategies.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static CatStrategies For(ItemBank bank, CatOptions options)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        var estimator = EstimatorFor(bank, options, options.Estimator);
        var final = options.DecisionEstimator is { } kind && kind != options.Estimator ? EstimatorFor(bank, options, kind) : null;

        IItemSelector selector = options.Selection switch
        {
            SelectionMethod.KullbackLeibler => new KullbackLeiblerSelector(),
            SelectionMethod.Random => RandomSelector.Instance,
            _ => options.RandomesqueK > 1 ? new RandomesqueSelector(options.RandomesqueK) : MaximumInformationSelector.Instance,
        };
        if (options.ConditionalExposure is { } conditional) selector = new SympsonHetterSelector(selector, conditional);
        else if (options.ExposureParameters.Count > 0) selector = new SympsonHetterSelector(selector, options.ExposureParameters);
        if (options.ContentBalancing && !bank.Blueprint.IsEmpty) selector = new ContentBalancingSelector(selector);

        var rules = new List<IStoppingRule>();
        if (options.ConfidenceStop)
        {
            var bounds = new LikelihoodRatioBounds(options.IndifferenceHalfWidth, 1 - options.Confidence, 1 - options.Confidence);
            rules.Add(options.Classification switch
            {
                ClassificationMethod.SequentialProbabilityRatio => new SequentialProbabilityRatioRule(bounds),
                ClassificationMethod.GeneralizedLikelihoodRatio => new GeneralizedLikelihoodRatioRule(bounds, options.EstimatorRange),
                _ => new ConfidenceClassificationRule(options.Confidence),
            });
        }

        if (options.StandardErrorTarget is { } se) rules.Add(new StandardErrorRule(se));
        if (options.FixedLength is { } fixedLength) rules.Add(new FixedLengthRule(fixedLength));
        rules.Add(new MaximumItemsRule(options.MaxScoredItems));
        var stopping = new StoppingPolicy(options.MinScoredItems, options.TimeLimit is { } limit ? new TimeLimitRule(limit) : null, rules);
        return new CatStrategies(estimator, selector, stopping) { DecisionEstimator = final };
    }

    /// <summary>The estimator of <paramref name="kind"/> as <paramref name="options"/> configure it on <paramref name="bank"/> (range, grid, prior).</summary>
    private static IAbilityEstimator EstimatorFor(ItemBank bank, CatOptions options, EstimatorKind kind) =>
        AbilityEstimators.Create(kind, options.EstimatorRange, options.QuadraturePoints, bank.Metric, options.StartTheta, options.PriorMeanFor(bank.Scale.CutTheta), options.PriorStandardDeviation);
}
