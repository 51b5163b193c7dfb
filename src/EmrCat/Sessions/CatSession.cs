using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.Internal;
using EmrCat.Irt;
using EmrCat.Scoring;
using EmrCat.Selection;
using EmrCat.Stopping;

namespace EmrCat.Sessions;

/// <summary>
/// One adaptive session as a small state machine: <see cref="Start(ItemBank, CatOptions, ulong, TimeProvider?)"/> (bank, options, seed) → <see cref="Current"/>
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
    private readonly ItemColumns _columns;
    private readonly CatStrategies _components;
    private readonly TimeProvider _time;
    private readonly SessionRandom _random;
    private readonly bool[] _availableScored;
    private readonly bool[] _availablePilot;
    private readonly int[] _domainCounts;
    private readonly int[] _domainCorrect;
    private readonly ItemParameters[] _scoredParameters;
    private readonly bool[] _scoredCorrect;
    private readonly bool[] _pilotPosition;
    private readonly List<AnswerRecord> _answers = [];
    private readonly List<AdministeredItem> _administered = [];
    private int _scoredCount;
    private int _pilotCount;
    private int _pending = -1;
    private long _presentedAt;
    private TimeSpan _elapsedAtLastAnswer;
    private AbilityEstimate _estimate;
    private StopReason? _stopPending;
    private bool? _classifiedPass;
    private SessionResult? _result;
    private StopReason? _endedBy;
    private TimeSpan _endedAt;

    private CatSession(ItemBank bank, CatOptions options, ulong seed, TimeProvider time, CatStrategies components)
    {
        _bank = bank;
        _columns = bank.Columns;
        Options = options;
        Seed = seed;
        _time = time;
        _components = components;
        _random = new SessionRandom(seed);
        int n = bank.Count;
        _availableScored = new bool[n];
        _availablePilot = new bool[n];
        for (int i = 0; i < n; i++)
        {
            _availableScored[i] = !_columns.IsPilot[i];
            _availablePilot[i] = _columns.IsPilot[i];
        }

        _domainCounts = new int[bank.Blueprint.Domains.Count];
        _domainCorrect = new int[bank.Blueprint.Domains.Count];
        _scoredParameters = new ItemParameters[options.MaxScoredItems];
        _scoredCorrect = new bool[options.MaxScoredItems];
        _pilotPosition = PlacePilots(options, _random);
        _estimate = new AbilityEstimate(options.StartTheta, double.PositiveInfinity, EstimateStatus.NoFiniteEstimate);
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
            return Present(_pending);
        }
    }

    /// <summary>Items answered so far (scored and pilot).</summary>
    public int AnsweredCount => _answers.Count;

    /// <summary>Scored items answered so far.</summary>
    public int ScoredCount => _scoredCount;

    /// <summary>Pilot items answered so far.</summary>
    public int PilotCount => _pilotCount;

    /// <summary>The current estimate from scored answers (SE infinite before the first).</summary>
    public AbilityEstimate Estimate => _estimate;

    /// <summary>Session time used so far.</summary>
    public TimeSpan Elapsed => _result is not null ? _result.Elapsed : _elapsedAtLastAnswer + _time.GetElapsedTime(_presentedAt);

    /// <summary>Time left under the limit, or null without one.</summary>
    public TimeSpan? Remaining => Options.TimeLimit is { } limit ? (limit - Elapsed) < TimeSpan.Zero ? TimeSpan.Zero : limit - Elapsed : null;

    /// <summary>The result.</summary>
    /// <exception cref="InvalidOperationException">The session has not ended.</exception>
    public SessionResult Result => _result ?? throw new InvalidOperationException("The session has not ended yet.");

    /// <summary>The answers so far.</summary>
    public IReadOnlyList<AnswerRecord> Answers => _answers;

    /// <summary>Starts a session with the default components for <paramref name="options"/>.</summary>
    /// <param name="bank">The bank.</param>
    /// <param name="options">Options (validated here).</param>
    /// <param name="seed">Seed for every random choice (pilot placement, randomesque, exposure).</param>
    /// <param name="time">Clock; default <see cref="TimeProvider.System"/>.</param>
    /// <returns>The session, with its first item ready.</returns>
    /// <exception cref="ArgumentException">Invalid options, or a bank that cannot serve them (e.g. too few pilot items).</exception>
    public static CatSession Start(ItemBank bank, CatOptions options, ulong seed, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        return StartWith(bank, options, seed, time, CatStrategies.For(bank, options));
    }

    /// <summary>Starts a session with your own strategies (estimator, selector, stopping policy).</summary>
    /// <param name="bank">The bank.</param>
    /// <param name="options">Options (validated here); lengths, pilots and the time limit come from them.</param>
    /// <param name="seed">Seed for every random choice.</param>
    /// <param name="strategies">The strategies to compose.</param>
    /// <param name="time">Clock; default <see cref="TimeProvider.System"/>.</param>
    /// <returns>The session, with its first item ready.</returns>
    /// <exception cref="ArgumentException">Invalid options, or a bank that cannot serve them.</exception>
    public static CatSession Start(ItemBank bank, CatOptions options, ulong seed, CatStrategies strategies, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        return StartWith(bank, options, seed, time, strategies);
    }

    internal static CatSession StartWith(ItemBank bank, CatOptions options, ulong seed, TimeProvider? time, CatStrategies components)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        if (bank.Columns.PilotCount < options.PilotItems)
        {
            throw new ArgumentException($"The options ask for {options.PilotItems} pilot items but bank '{bank.Metadata.Id}' has {bank.Columns.PilotCount}.", nameof(options));
        }

        foreach (var id in options.ExposureParameters.Keys)
        {
            if (!bank.TryGetIndex(id, out _)) throw new ArgumentException($"ExposureParameters names item '{id}', which is not in bank '{bank.Metadata.Id}'.", nameof(options));
        }

        var session = new CatSession(bank, options, seed, time ?? TimeProvider.System, components);
        session.Advance();
        return session;
    }

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
            if (record.ItemId != session._bank.Items[session._pending].Id)
            {
                throw new InvalidSnapshotException($"Answer {k + 1} is for item '{record.ItemId}', but the session presents '{session._bank.Items[session._pending].Id}' there: the snapshot does not replay.");
            }

            string? problem = record.Answer is null ? "it lists no options." : AnswerProblem(session._bank.Items[session._pending], record.Answer);
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
    /// <exception cref="ArgumentException">The option is not one of the item's.</exception>
    public void Submit(string itemId, string optionId) => Submit(itemId, [optionId]);

    /// <summary>Answers the current item. When the time limit has passed, the answer is not counted and the session ends.</summary>
    /// <param name="itemId">The id of the item being answered (must be <see cref="Current"/>).</param>
    /// <param name="answer">Chosen option ids, in order.</param>
    /// <exception cref="InvalidOperationException">The session has ended, or the id is not the current item.</exception>
    /// <exception cref="ArgumentException">An option is not one of the item's, or repeats.</exception>
    public void Submit(string itemId, IReadOnlyList<string> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (_result is not null) throw new InvalidOperationException("The session has ended; no more answers are accepted.");
        var item = _bank.Items[_pending];
        if (!string.Equals(itemId, item.Id, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Item '{itemId}' is not the current item ('{item.Id}'); each item is answered once, in order.");
        }

        if (AnswerProblem(item, answer) is { } problem) throw new ArgumentException(problem, nameof(answer));

        var responseTime = _time.GetElapsedTime(_presentedAt);
        var elapsed = _elapsedAtLastAnswer + responseTime;
        if (_components.Stopping.CheckTime(elapsed).ShouldStop)
        {
            End(StopReason.TimeLimit, Options.TimeLimit ?? elapsed);
            return;
        }

        Apply(answer.ToArray(), responseTime, elapsed);
        _presentedAt = _time.GetTimestamp();
    }

    /// <summary>Ends the session if its time limit has passed (call it from a host's timer).</summary>
    /// <returns>Whether the session has ended.</returns>
    public bool CheckTimeLimit()
    {
        if (_result is null && _components.Stopping.CheckTime(Elapsed).ShouldStop) End(StopReason.TimeLimit, Options.TimeLimit ?? Elapsed);
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
        foreach (var option in answer)
        {
            if (!item.Options.Any(o => o.Id == option)) return $"'{option}' is not an option of item '{item.Id}'.";
        }

        if (answer.Count == 0 || answer.Distinct(StringComparer.Ordinal).Count() != answer.Count || (item.Type == ItemType.Single && answer.Count != 1))
        {
            return $"Item '{item.Id}' needs {(item.Type == ItemType.Single ? "exactly one option" : "distinct options")}.";
        }

        return null;
    }

    private void Apply(IReadOnlyList<string> answer, TimeSpan responseTime, TimeSpan elapsed)
    {
        int index = _pending;
        var item = _bank.Items[index];
        bool correct = item.IsCorrect(answer);
        bool pilot = _columns.IsPilot[index];
        _answers.Add(new AnswerRecord(item.Id, answer, (long)responseTime.TotalMilliseconds, (long)elapsed.TotalMilliseconds));
        _elapsedAtLastAnswer = TimeSpan.FromMilliseconds((long)elapsed.TotalMilliseconds);
        MarkGiven(index);
        if (pilot)
        {
            _pilotCount++;
        }
        else
        {
            _scoredParameters[_scoredCount] = _columns.Parameters[index];
            _scoredCorrect[_scoredCount] = correct;
            _scoredCount++;
            int domain = _columns.DomainIndex[index];
            if (domain >= 0)
            {
                _domainCounts[domain]++;
                if (correct) _domainCorrect[domain]++;
            }

            _estimate = _components.Estimator.Estimate(_scoredParameters.AsSpan(0, _scoredCount), _scoredCorrect.AsSpan(0, _scoredCount));
            if (_stopPending is null)
            {
                var check = _components.Stopping.Check(new StoppingContext(_scoredCount, _estimate, _elapsedAtLastAnswer, _bank.Scale.CutTheta)
                {
                    Items = _scoredParameters.AsMemory(0, _scoredCount),
                    Correct = _scoredCorrect.AsMemory(0, _scoredCount),
                    Metric = _bank.Metric,
                });
                if (check.ShouldStop)
                {
                    _stopPending = check.Reason;
                    _classifiedPass = check.Passed;
                }
            }
        }

        _administered.Add(new AdministeredItem(_answers.Count, item.Id, item.Domain, pilot, correct, answer, responseTime, _estimate.Theta, _estimate.StandardError));
        Advance();
    }

    /// <summary>Chooses the next item, or ends the session when a stop is due and no pilot item is owed.</summary>
    private void Advance()
    {
        int position = _answers.Count;
        bool pilotOwed = _pilotCount < Options.PilotItems;
        if (pilotOwed && (_stopPending is not null || (position < _pilotPosition.Length && _pilotPosition[position])))
        {
            var context = new SelectionContext(_bank, _estimate.Theta, _availablePilot, -1, position, Seed, _scoredCount, _domainCounts);
            int pilot = RandomSelector.Instance.Select(context);
            if (pilot >= 0)
            {
                _pending = pilot;
                return;
            }
        }

        if (_stopPending is { } reason)
        {
            End(reason, _elapsedAtLastAnswer);
            return;
        }

        var scoredContext = new SelectionContext(_bank, _estimate.Theta, _availableScored, -1, position, Seed, _scoredCount, _domainCounts, _availableScored, default);
        int next = _components.Selector.Select(scoredContext);
        if (next < 0)
        {
            End(StopReason.BankExhausted, _elapsedAtLastAnswer);
            return;
        }

        _pending = next;
    }

    private void MarkGiven(int index)
    {
        _availableScored[index] = false;
        _availablePilot[index] = false;
        int group = _columns.EnemyGroupIndex[index];
        if (group >= 0)
        {
            foreach (int member in _columns.EnemyGroupMembers[group])
            {
                _availableScored[member] = false;
                _availablePilot[member] = false;
            }
        }
    }

    private void End(StopReason reason, TimeSpan elapsed)
    {
        if (reason is StopReason.TimeLimit or StopReason.Abandoned)
        {
            _endedBy = reason;
            _endedAt = elapsed;
        }

        _pending = -1;
        double cut = _bank.Scale.CutTheta;
        var scoredItems = _scoredParameters.AsSpan(0, _scoredCount);
        var scoredCorrect = _scoredCorrect.AsSpan(0, _scoredCount);
        var final = Options.DecisionEstimator is { } kind && kind != Options.Estimator
            ? CatStrategies.EstimatorFor(_bank, Options, kind).Estimate(scoredItems, scoredCorrect)
            : _estimate;
        bool enough = _scoredCount >= Options.MinScoredItems;
        bool above = final.Theta >= cut;
        PassFailDecision decision;
        string why;
        switch (reason)
        {
            case StopReason.ConfidenceClassification:
                decision = above ? PassFailDecision.Pass : PassFailDecision.Fail;
                why = $"The {Options.Confidence * 100:0.#}% confidence interval around the ability estimate lies wholly {(above ? "above" : "below")} the passing standard after {_scoredCount} scored items.";
                break;
            case StopReason.SequentialProbabilityRatio or StopReason.GeneralizedLikelihoodRatio:
                above = _classifiedPass ?? above;
                decision = above ? PassFailDecision.Pass : PassFailDecision.Fail;
                why = $"The likelihood-ratio test against ability {Options.IndifferenceHalfWidth:0.##} logits either side of the passing standard favored {(above ? "passing" : "failing")} at the {(1 - Options.Confidence) * 100:0.#}% error level after {_scoredCount} scored items.";
                break;
            case StopReason.Abandoned:
                decision = Options.IncompleteOutcome == IncompleteOutcome.Fail && !enough ? PassFailDecision.Fail : PassFailDecision.Undecided;
                why = decision == PassFailDecision.Fail
                    ? $"The exam was ended after {_scoredCount} scored items, fewer than the minimum of {Options.MinScoredItems}: an incomplete exam is a fail."
                    : "The session was ended before a decision.";
                break;
            default:
                string ending = reason switch
                {
                    StopReason.TimeLimit => "Time ran out",
                    StopReason.MaximumItems => "The maximum number of scored items was reached",
                    StopReason.FixedLength => "The fixed test length was reached",
                    StopReason.StandardError => "The target precision was reached",
                    _ => "No eligible item was left in the bank",
                };
                if (enough)
                {
                    decision = above ? PassFailDecision.Pass : PassFailDecision.Fail;
                    why = $"{ending}; the final ability estimate is {(above ? "at or above" : "below")} the passing standard, so the result is a {(above ? "pass" : "fail")}.";
                }
                else
                {
                    decision = Options.IncompleteOutcome == IncompleteOutcome.Fail ? PassFailDecision.Fail : PassFailDecision.Undecided;
                    why = $"{ending} after {_scoredCount} scored items, fewer than the minimum of {Options.MinScoredItems}: {(decision == PassFailDecision.Fail ? "an incomplete exam is a fail" : "too little evidence for a decision")}.";
                }

                break;
        }

        var domains = new DomainTally[_domainCounts.Length];
        for (int d = 0; d < domains.Length; d++)
        {
            var bd = _bank.Blueprint.Domains[d];
            domains[d] = new DomainTally(bd.Id, bd.Name, _domainCounts[d], _domainCorrect[d], bd.MinShare, bd.MaxShare);
        }

        _result = new SessionResult
        {
            Decision = decision,
            Reason = reason,
            Explanation = why,
            Theta = final.Theta,
            StandardError = final.StandardError,
            CutTheta = cut,
            ScaledScore = _bank.Scale.ToScaled(final.Theta),
            ReportedScore = _bank.Scale.ToReported(final.Theta),
            PassProbability = PassProbability.Compute(scoredItems, scoredCorrect, cut, Options.EstimatorRange, Options.QuadraturePoints, Options.PriorMeanFor(cut), Options.PriorStandardDeviation, _bank.Metric),
            ScaledStandardError = _bank.Scale.ToScaledStandardError(final.StandardError),
            ScoreBand = _bank.Scale.Band(final.Theta, final.StandardError, 0.95),
            ScoredCount = _scoredCount,
            PilotCount = _pilotCount,
            Elapsed = elapsed,
            Domains = domains,
            Items = _administered.ToArray(),
        };
    }

    private PresentedItem Present(int index)
    {
        var item = _bank.Items[index];
        var domain = _columns.DomainIndex[index] >= 0 ? _bank.Blueprint.Domains[_columns.DomainIndex[index]].Name : "";
        return new PresentedItem(_answers.Count + 1, item.Id, domain, item.Type, item.Stem, item.Options);
    }

    /// <summary>Marks PilotItems positions among the first MinScored + PilotItems at random, so every pilot item is given by the earliest stop.</summary>
    private static bool[] PlacePilots(CatOptions options, SessionRandom random)
    {
        int window = options.MinScoredItems + options.PilotItems;
        var positions = new int[window];
        for (int i = 0; i < window; i++) positions[i] = i;
        var marked = new bool[window];
        for (int k = 0; k < options.PilotItems; k++)
        {
            int j = k + random.Below(window - k, k, SessionRandom.PilotPlacement);
            (positions[k], positions[j]) = (positions[j], positions[k]);
            marked[positions[k]] = true;
        }

        return marked;
    }
}

/// <summary>
/// The strategies a session composes: estimator, selector and stopping policy. <see cref="For"/> builds the ones
/// <see cref="CatOptions"/> describe; pass your own (e.g. a custom <see cref="IItemSelector"/>) to
/// <see cref="CatSession.Start(ItemBank, CatOptions, ulong, CatStrategies, TimeProvider?)"/>. All are immutable and may
/// be shared by any number of sessions.
/// </summary>
/// <param name="Estimator">Interim and final estimator (scored answers only).</param>
/// <param name="Selector">Scored-item selector (pilot items are always chosen at random).</param>
/// <param name="Stopping">Stopping policy.</param>
public sealed record CatStrategies(IAbilityEstimator Estimator, IItemSelector Selector, StoppingPolicy Stopping)
{
    /// <summary>The strategies the options describe, on the bank's metric.</summary>
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

        IItemSelector selector = options.Selection switch
        {
            SelectionMethod.KullbackLeibler => new KullbackLeiblerSelector(),
            SelectionMethod.Random => RandomSelector.Instance,
            _ => options.RandomesqueK > 1 ? new RandomesqueSelector(options.RandomesqueK) : MaximumInformationSelector.Instance,
        };
        if (options.ExposureParameters.Count > 0) selector = new SympsonHetterSelector(selector, options.ExposureParameters);
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
        return new CatStrategies(estimator, selector, stopping);
    }

    /// <summary>The estimator of <paramref name="kind"/> as <paramref name="options"/> configure it on <paramref name="bank"/> (range, grid, prior).</summary>
    internal static IAbilityEstimator EstimatorFor(ItemBank bank, CatOptions options, EstimatorKind kind)
    {
        var metric = bank.Metric;
        var range = options.EstimatorRange;
        double priorMean = options.PriorMeanFor(bank.Scale.CutTheta), priorSd = options.PriorStandardDeviation;
        return kind switch
        {
            EstimatorKind.MaximumLikelihood => new MaximumLikelihoodEstimator(new MaximumLikelihoodOptions { Range = range, Metric = metric, EmptyPatternTheta = options.StartTheta }),
            EstimatorKind.MaximumAPosteriori => new MapEstimator(new MapOptions { Range = range, Metric = metric, PriorMean = priorMean, PriorStandardDeviation = priorSd }),
            EstimatorKind.WeightedLikelihood => new WeightedLikelihoodEstimator(new WeightedLikelihoodOptions { Range = range, Metric = metric, EmptyPatternTheta = options.StartTheta }),
            _ => new EapEstimator(new EapOptions { Range = range, Metric = metric, QuadraturePoints = options.QuadraturePoints, PriorMean = priorMean, PriorStandardDeviation = priorSd }),
        };
    }
}
