using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.Internal;
using EmrCat.Irt;
using EmrCat.Selection;
using EmrCat.Sessions;
using EmrCat.Stopping;

namespace EmrCat.Simulation;

/// <summary>
/// One worker's reusable state for simulated sessions without pilot items: the same steps as a
/// <see cref="CatSession"/> on a frozen clock (select with the composed selector, score by the examinee's draw, mark
/// the item and its enemies given, re-estimate, check the stopping policy, decide at the end), but on arrays reset per
/// examinee instead of a new session, and without the presented items, option ids and answer records a host needs.
/// A step allocates nothing; an examinee allocates only its <see cref="SimulatedSession"/> (and its item list when kept).
/// The ML estimator runs as a <see cref="MaximumLikelihoodWorkspace"/> (running sums, vectorised score); every other
/// estimator is called as the session calls it.
/// </summary>
/// <remarks>
/// Sessions with pilot items go through <see cref="CatSession"/> itself. The simulator's tests check that both routes
/// give the same sessions, so this stays a faithful copy of the session's scored path.
/// </remarks>
internal sealed class SimulationWorkspace
{
    private readonly ItemBank _bank;
    private readonly ItemColumns _columns;
    private readonly CatOptions _options;
    private readonly CatStrategies _components;
    private readonly bool _keepSessions;
    private readonly double _scaling;
    private readonly bool[] _initialAvailable;
    private readonly bool[] _available;
    private readonly int[] _domainCounts;
    private readonly ItemParameters[] _scoredParameters;
    private readonly bool[] _scoredCorrect;
    private readonly int[] _administered;
    private readonly MaximumLikelihoodWorkspace? _maximumLikelihood;

    public SimulationWorkspace(ItemBank bank, CatOptions options, CatStrategies components, bool keepSessions)
    {
        _bank = bank;
        _columns = bank.Columns;
        _options = options;
        _components = components;
        _keepSessions = keepSessions;
        _scaling = bank.Metric.ScalingConstant;
        int n = bank.Count;
        _initialAvailable = new bool[n];
        for (int i = 0; i < n; i++) _initialAvailable[i] = !_columns.IsPilot[i];
        _available = new bool[n];
        _domainCounts = new int[bank.Blueprint.Domains.Count];
        _scoredParameters = new ItemParameters[options.MaxScoredItems];
        _scoredCorrect = new bool[options.MaxScoredItems];
        _administered = new int[options.MaxScoredItems];
        if (components.Estimator is MaximumLikelihoodEstimator ml) _maximumLikelihood = new MaximumLikelihoodWorkspace(ml.Options, options.MaxScoredItems);
    }

    /// <summary>Whether sessions under <paramref name="options"/> can run here (no pilot items).</summary>
    public static bool Supports(CatOptions options) => options.PilotItems == 0;

    /// <summary>Runs one examinee's session.</summary>
    /// <param name="examinee">Examinee index.</param>
    /// <param name="seed">The session seed.</param>
    /// <param name="trueTheta">The examinee's true ability.</param>
    /// <param name="exposure">Per bank item, incremented for every item given.</param>
    /// <returns>The session.</returns>
    public SimulatedSession Run(int examinee, ulong seed, double trueTheta, int[] exposure)
    {
        var random = new SessionRandom(seed);
        _initialAvailable.CopyTo(_available, 0);
        Array.Clear(_domainCounts);
        _maximumLikelihood?.Clear();
        var estimator = _components.Estimator;
        var selector = _components.Selector;
        var stopping = _components.Stopping;
        double cut = _bank.Scale.CutTheta;
        var estimate = new AbilityEstimate(_options.StartTheta, double.PositiveInfinity, EstimateStatus.NoFiniteEstimate);
        int scored = 0;
        StopReason reason;
        bool? classified = null;
        while (true)
        {
            var context = new SelectionContext(_bank, estimate.Theta, _available, -1, scored, seed, scored, _domainCounts, _available, default);
            int index = selector.Select(context);
            if (index < 0)
            {
                reason = StopReason.BankExhausted;
                break;
            }

            var parameters = _columns.Parameters[index];
            bool correct = random.Uniform(scored, SessionRandom.Simulee) < ResponseTerms.At(parameters, trueTheta, _scaling).P;
            exposure[index]++;
            MarkGiven(index);
            _administered[scored] = index;
            _scoredParameters[scored] = parameters;
            _scoredCorrect[scored] = correct;
            scored++;
            int domain = _columns.DomainIndex[index];
            if (domain >= 0) _domainCounts[domain]++;

            if (_maximumLikelihood is { } ml)
            {
                ml.Add(parameters, correct);
                estimate = ml.Estimate();
            }
            else
            {
                estimate = estimator.Estimate(_scoredParameters.AsSpan(0, scored), _scoredCorrect.AsSpan(0, scored));
            }

            var check = stopping.Check(new StoppingContext(scored, estimate, TimeSpan.Zero, cut)
            {
                Items = _scoredParameters.AsMemory(0, scored),
                Correct = _scoredCorrect.AsMemory(0, scored),
                Metric = _bank.Metric,
            });
            if (check.ShouldStop)
            {
                reason = check.Reason;
                classified = check.Passed;
                break;
            }
        }

        return new SimulatedSession(examinee, trueTheta, estimate.Theta, estimate.StandardError, Decide(reason, scored, classified ?? estimate.Theta >= cut),
            reason, _bank.Scale.ToScaled(estimate.Theta), scored, 0, _keepSessions ? Items(scored) : []);
    }

    /// <summary>The decision <see cref="CatSession"/> reports for a session ended by <paramref name="reason"/> (never abandoned here).</summary>
    private PassFailDecision Decide(StopReason reason, int scored, bool above)
    {
        if (reason is StopReason.ConfidenceClassification or StopReason.SequentialProbabilityRatio or StopReason.GeneralizedLikelihoodRatio || scored >= _options.MinScoredItems) return above ? PassFailDecision.Pass : PassFailDecision.Fail;
        return _options.IncompleteOutcome == IncompleteOutcome.Fail ? PassFailDecision.Fail : PassFailDecision.Undecided;
    }

    private SimulatedItem[] Items(int scored)
    {
        var items = new SimulatedItem[scored];
        for (int k = 0; k < scored; k++)
        {
            var item = _bank.Items[_administered[k]];
            items[k] = new SimulatedItem(item.Id, item.Domain, false, _scoredCorrect[k]);
        }

        return items;
    }

    private void MarkGiven(int index)
    {
        _available[index] = false;
        int group = _columns.EnemyGroupIndex[index];
        if (group >= 0)
        {
            foreach (int member in _columns.EnemyGroupMembers[group]) _available[member] = false;
        }
    }
}
