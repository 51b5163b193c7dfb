using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.Internal;
using EmrCat.Irt;
using EmrCat.Scoring;
using EmrCat.Selection;
using EmrCat.Stopping;

namespace EmrCat.Sessions;

/// <summary>
/// The scored CAT path, once: place pilots, select the next item (pilot or scored), record an answer, re-estimate θ
/// from scored answers, check the stopping policy, decide. <see cref="CatSession"/> wraps it with answer records,
/// presented items and a clock; the simulator drives it directly on a frozen clock. One kernel is reused across
/// sessions with <see cref="Reset"/>: arrays are sized once, the estimator keeps incremental state, and a step
/// allocates nothing. Every random draw is a pure function of (seed, step, stream), so a seed replays a session.
/// Not thread-safe: one per session or worker.
/// </summary>
internal sealed class CatKernel
{
    private readonly ItemBank _bank;
    private readonly ItemColumns _columns;
    private readonly CatOptions _options;
    private readonly CatStrategies _strategies;
    private readonly IEstimatorState _estimator;
    // The bank's scored and pilot masks (shared, read-only): Reset copies them into the session's own.
    private readonly bool[] _initialScored;
    private readonly int[] _pilots;
    private readonly bool[] _initialPilot;
    private readonly bool[] _availableScored;
    private readonly bool[] _availablePilot;
    private readonly int[] _domainCounts;
    private readonly int[] _domainCorrect;
    private readonly bool[] _pilotPosition;
    private readonly int[] _given;
    private readonly bool[] _correct;
    private readonly int[] _category;
    private readonly double[] _thetaAfter;
    private readonly double[] _seAfter;
    private readonly int[] _heldBack;
    private readonly bool[] _used;
    private int _released;

    // How many entries of _availablePilot are true (only pilot items ever are): the pilot draw's count, kept as the mask changes.
    private int _availablePilots;
    private int _initialPilots;
    private readonly ItemParameters[] _scoredParameters;
    private readonly bool[] _scoredCorrect;
    private readonly int[] _scoredCategory;
    private readonly int[] _scoredIndex;
    private readonly RapidGuessRule _rapidGuesses;
    private readonly bool[] _rapid;
    private int _estimatedCount;
    private int _leftOut;
    private bool? _classifiedPass;
    private AbilityEstimate? _finalEstimate;
    private ulong _seed;
    private int _answered;
    private int _scoredCount;
    private int _pilotCount;
    private int _pending;
    private AbilityEstimate _estimate;
    private StopReason? _stopPending;
    private StopReason? _endedBy;

    public CatKernel(ItemBank bank, CatOptions options, CatStrategies strategies)
    {
        _bank = bank;
        _columns = bank.Columns;
        _options = options;
        _strategies = strategies;
        _estimator = BatchEstimatorState.For(strategies.Estimator, options.MaxScoredItems, _columns.Parameters);
        var subsets = BankSubsets.For(bank);
        _pilots = subsets.Pilots;
        _initialScored = subsets.ScoredMask;
        _initialPilot = subsets.PilotMask;
        int n = bank.Count;

        _availableScored = new bool[n];
        _availablePilot = new bool[n];
        _domainCounts = new int[bank.Blueprint.Domains.Count];
        _domainCorrect = new int[bank.Blueprint.Domains.Count];
        _pilotPosition = new bool[options.MinScoredItems + options.PilotItems];
        int capacity = options.MaxScoredItems + options.PilotItems;
        _given = new int[capacity];
        _correct = new bool[capacity];
        _category = new int[capacity];
        _thetaAfter = new double[capacity];
        _seAfter = new double[capacity];

        // Held-back items in release order (least recently seen first); duplicates count once.
        _used = new bool[n];
        var held = new List<int>(options.HeldBackItems.Count);
        var seen = new HashSet<int>();
        foreach (string id in options.HeldBackItems)
        {
            if (bank.TryGetIndex(id, out int index) && seen.Add(index)) held.Add(index);
        }

        _heldBack = held.ToArray();
        _initialPilots = _pilots.Length;
        foreach (int index in _heldBack)
        {
            if (_columns.IsPilot[index]) _initialPilots--;
        }
        _scoredParameters = new ItemParameters[options.MaxScoredItems];
        _scoredCorrect = new bool[options.MaxScoredItems];
        _scoredCategory = new int[options.MaxScoredItems];
        _scoredIndex = new int[options.MaxScoredItems];
        _rapidGuesses = new RapidGuessRule(bank, options.ResponseTimes);
        _rapid = new bool[capacity];
    }

    /// <summary>Per bank item, exposure-draw rejections are added here when set (a simulation's calibration tally).</summary>
    public int[]? Rejections { get; set; }

    public ItemBank Bank => _bank;

    public CatOptions Options => _options;

    public CatStrategies Strategies => _strategies;

    public ulong Seed => _seed;

    /// <summary>Bank index of the item awaiting an answer; -1 once ended.</summary>
    public int Pending => _pending;

    public bool IsFinished => _endedBy is not null;

    /// <summary>The rule that ended the session (valid once finished).</summary>
    public StopReason Reason => _endedBy ?? throw new InvalidOperationException("The session has not ended yet.");

    public AbilityEstimate Estimate => _estimate;

    public int AnsweredCount => _answered;

    public int ScoredCount => _scoredCount;

    public int PilotCount => _pilotCount;

    /// <summary>Bank index of the item answered at <paramref name="position"/> (0-based).</summary>
    public int GivenAt(int position) => _given[position];

    /// <summary>Whether the answer at <paramref name="position"/> earned full credit (right, for a right/wrong item).</summary>
    public bool CorrectAt(int position) => _correct[position];

    /// <summary>The response category of the answer at <paramref name="position"/> (1/0 for a right/wrong item).</summary>
    public int CategoryAt(int position) => _category[position];

    public bool IsPilotAt(int position) => _columns.IsPilot[_given[position]];

    /// <summary>Whether the answer at <paramref name="position"/> came faster than its item's rapid-guess threshold.</summary>
    public bool IsRapidAt(int position) => _rapid[position];

    /// <summary>Scored answers left out of the estimate (rapid guesses under effort-moderated scoring).</summary>
    public int LeftOutCount => _leftOut;

    /// <summary>Scored answers that entered the estimate (all of them unless effort-moderated scoring left rapid guesses out): the evidence the decision counts.</summary>
    public int CountedCount => _estimatedCount;

    public double ThetaAfter(int position) => _thetaAfter[position];

    public double StandardErrorAfter(int position) => _seAfter[position];

    public int DomainGiven(int domain) => _domainCounts[domain];

    public int DomainCorrect(int domain) => _domainCorrect[domain];

    /// <summary>The decision the session ends with (valid once finished).</summary>
    public PassFailDecision Decision => PassFailRule.Decide(Reason, _estimatedCount, FinalEstimate.Theta, _bank.Scale.CutTheta, _options.MinScoredItems, _options.IncompleteOutcome, _classifiedPass);

    /// <summary>The final estimate: by the decision estimator when the options name one, else the interim estimate (computed once).</summary>
    public AbilityEstimate FinalEstimate
    {
        get
        {
            if (_strategies.DecisionEstimator is not { } final) return _estimate;
            return _finalEstimate ??= final.Estimate(_scoredParameters.AsSpan(0, _estimatedCount), _scoredCategory.AsSpan(0, _estimatedCount));
        }
    }

    /// <summary>P(θ ≥ cut | scored answers) under the options' prior on the EAP grid.</summary>
    public double PassProbability()
    {
        double cut = _bank.Scale.CutTheta;
        return Scoring.PassProbability.Compute(_columns.Parameters, _scoredIndex.AsSpan(0, _estimatedCount), _scoredCategory.AsSpan(0, _estimatedCount), cut, _options.EstimatorRange, _options.QuadraturePoints, _options.PriorMeanFor(cut), _options.PriorStandardDeviation, _bank.Metric);
    }

    /// <summary>Starts a new session with <paramref name="seed"/>: forgets everything, places the pilots, selects the first item.</summary>
    public void Reset(ulong seed)
    {
        _seed = seed;
        _initialScored.CopyTo(_availableScored, 0);
        _initialPilot.CopyTo(_availablePilot, 0);
        Array.Clear(_used);
        foreach (int index in _heldBack)
        {
            _availableScored[index] = false;
            _availablePilot[index] = false;
        }

        _released = 0;
        _availablePilots = _initialPilots;
        Array.Clear(_domainCounts);
        Array.Clear(_domainCorrect);
        _estimator.Clear();
        _answered = _scoredCount = _pilotCount = _estimatedCount = _leftOut = 0;
        _stopPending = null;
        _classifiedPass = null;
        _finalEstimate = null;
        _endedBy = null;
        _estimate = new AbilityEstimate(_options.StartTheta, double.PositiveInfinity, EstimateStatus.NoFiniteEstimate);
        PlacePilots();
        Advance();
    }

    /// <summary>Records the answer to the pending item, re-estimates (scored items only), checks the stopping policy and selects the next item.</summary>
    /// <param name="category">The answer's response category: 1 right or 0 wrong for a 1–4PL item, 0..K−1 for a polytomous one.</param>
    /// <param name="elapsed">Session time used when the answer was given.</param>
    /// <param name="responseTimeMs">Whole milliseconds from presentation to answer, or null when unknown (never a rapid guess).</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Record(int category, TimeSpan elapsed, long? responseTimeMs = null)
    {
        int index = _pending;
        int position = _answered++;
        bool correct = category == _columns.Parameters[index].Categories - 1;
        bool rapid = _rapidGuesses.IsRapid(index, responseTimeMs);
        _given[position] = index;
        _correct[position] = correct;
        _category[position] = category;
        _rapid[position] = rapid;
        MarkGiven(index);
        if (_columns.IsPilot[index])
        {
            _pilotCount++;
        }
        else
        {
            _scoredCount++;
            int domain = _columns.DomainIndex[index];
            if (domain >= 0)
            {
                _domainCounts[domain]++;
                if (correct) _domainCorrect[domain]++;
            }

            if (_rapidGuesses.EntersEstimate(isPilot: false, rapid))
            {
                _scoredParameters[_estimatedCount] = _columns.Parameters[index];
                _scoredCorrect[_estimatedCount] = correct;
                _scoredCategory[_estimatedCount] = category;
                _scoredIndex[_estimatedCount] = index;
                _estimatedCount++;
                _estimator.Add(_columns.Parameters[index], category, index);
                _estimate = _estimator.Estimate();
            }
            else
            {
                _leftOut++;
            }

            // Checked after a left-out answer too: the length rules count every scored item given.
            if (_stopPending is null)
            {
                var check = _strategies.Stopping.Check(new StoppingContext(_scoredCount, _estimate, elapsed, _bank.Scale.CutTheta)
                {
                    Items = _scoredParameters.AsMemory(0, _estimatedCount),
                    Correct = _scoredCorrect.AsMemory(0, _estimatedCount),
                    Categories = _scoredCategory.AsMemory(0, _estimatedCount),
                    Metric = _bank.Metric,
                });
                if (check.ShouldStop)
                {
                    _stopPending = check.Reason;
                    _classifiedPass = check.Passed;
                }
            }
        }

        _thetaAfter[position] = _estimate.Theta;
        _seAfter[position] = _estimate.StandardError;
        Advance();
    }

    /// <summary>Ends the session now for <paramref name="reason"/> (time limit, abandonment).</summary>
    public void End(StopReason reason)
    {
        _endedBy = reason;
        _pending = -1;
    }

    /// <summary>Chooses the next item, or ends the session when a stop is due and no pilot item is owed.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Advance()
    {
        int position = _answered;
        bool pilotOwed = _pilotCount < _options.PilotItems;
        if (pilotOwed && (_stopPending is not null || (position < _pilotPosition.Length && _pilotPosition[position])))
        {
            var context = new SelectionContext(_bank, _estimate.Theta, _availablePilot, -1, position, _seed, _scoredCount, _domainCounts);
            // Only pilot items are ever in the pilot mask, so scanning the bank's pilots picks what a scan of the bank would.
            int pilot = RandomSelector.SelectAmong(context, _pilots, _availablePilots);
            while (pilot < 0 && ReleaseNext(pilotPool: true)) pilot = RandomSelector.SelectAmong(context, _pilots, _availablePilots);
            if (pilot >= 0)
            {
                _pending = pilot;
                return;
            }
        }

        if (_stopPending is { } reason)
        {
            End(reason);
            return;
        }

        var scoredContext = new SelectionContext(_bank, _estimate.Theta, _availableScored, -1, position, _seed, _scoredCount, _domainCounts, _availableScored, Rejections);
        int next = _strategies.Selector.SelectOrNone(scoredContext);
        while (next < 0 && ReleaseNext(pilotPool: false)) next = _strategies.Selector.SelectOrNone(scoredContext);
        if (next < 0)
        {
            End(StopReason.BankExhausted);
            return;
        }

        _pending = next;
    }

    private void MarkGiven(int index)
    {
        _availableScored[index] = false;
        WithdrawPilot(index);
        _used[index] = true;
        int group = _columns.EnemyGroupIndex[index];
        if (group >= 0)
        {
            foreach (int member in _columns.EnemyGroupMembers[group])
            {
                _availableScored[member] = false;
                WithdrawPilot(member);
                _used[member] = true;
            }
        }
    }

    private void WithdrawPilot(int index)
    {
        if (!_availablePilot[index]) return;
        _availablePilot[index] = false;
        _availablePilots--;
    }

    /// <summary>How many pilot items are available now (the count <see cref="RandomSelector.SelectAmong"/> is given; tests recount it).</summary>
    internal int AvailablePilotCount => _availablePilots;

    /// <summary>Whether pilot item <paramref name="index"/> is available now.</summary>
    internal bool IsPilotAvailable(int index) => _availablePilot[index];

    /// <summary>
    /// Releases held-back items in order until one of the wanted pool (pilot or scored) that is neither given nor an
    /// enemy of a given item becomes available; items of the other pool released on the way stay released.
    /// </summary>
    /// <returns>Whether an item of the wanted pool became available.</returns>
    private bool ReleaseNext(bool pilotPool)
    {
        while (_released < _heldBack.Length)
        {
            int index = _heldBack[_released++];
            if (_used[index]) continue;
            bool isPilot = _columns.IsPilot[index];
            if (isPilot)
            {
                _availablePilot[index] = true;
                _availablePilots++;
            }
            else
            {
                _availableScored[index] = true;
            }

            if (isPilot == pilotPool) return true;
        }

        return false;
    }

    /// <summary>Marks PilotItems positions among the first MinScored + PilotItems at random, so every pilot item is given by the earliest stop.</summary>
    private void PlacePilots()
    {
        var random = new SessionRandom(_seed);
        int window = _pilotPosition.Length;
        Array.Clear(_pilotPosition);
        Span<int> positions = window <= 512 ? stackalloc int[window] : new int[window];
        for (int i = 0; i < window; i++) positions[i] = i;
        for (int k = 0; k < _options.PilotItems; k++)
        {
            int j = k + random.Below(window - k, k, SessionRandom.PilotPlacement);
            (positions[k], positions[j]) = (positions[j], positions[k]);
            _pilotPosition[positions[k]] = true;
        }
    }
}
