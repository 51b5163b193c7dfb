using System.Runtime.CompilerServices;
using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.Internal;
using EmrCat.Scoring;
using EmrCat.Selection;
using EmrCat.Stopping;

namespace EmrCat.Sessions;

/// <summary>
/// Everything that configures an adaptive session. Presets (<see cref="Emr"/>, <see cref="Quick"/>)
/// are the same record with other values. Validated once, all problems reported together.
/// </summary>
public sealed record CatOptions
{
    /// <summary>
    /// The EMR exam: 60–80 scored + 30 pilot items (90–110), 95% confidence around the cut, 1 h 45 min, blueprint
    /// balancing, EAP; items are chosen randomesque among the 4 most informative, so repeated practice runs differ.
    /// </summary>
    /// <remarks>
    /// An attempt that ends (time-out or quit) before 60 scored items fails, as the exam does. The bundled bank's
    /// Sympson–Hetter parameters live beside it (<c>item-bank/emr-practice.exposure.json</c>); hosts add them with
    /// <c>ExposureParameters</c> (the practice host does so for the bundled bank).
    /// </remarks>
    public static CatOptions Emr { get; } = new() { RandomesqueK = 4, IncompleteOutcome = IncompleteOutcome.Fail };

    /// <summary>
    /// A quick practice run: 15–20 scored + 5 pilot items (20–25), 95% confidence, 20 minutes; otherwise as
    /// <see cref="Emr"/>, except that a run ended before 15 scored items is undecided (it is practice, not the exam).
    /// </summary>
    public static CatOptions Quick { get; } = Emr with { MinScoredItems = 15, MaxScoredItems = 20, PilotItems = 5, TimeLimit = TimeSpan.FromMinutes(20), IncompleteOutcome = IncompleteOutcome.Undecided };

    /// <summary>
    /// The W1 workload of the speed comparisons with catR (<c>simulate --preset w1</c>, the benchmarks): start θ 0,
    /// maximum information, ML in [-4, 4] on 81 points, a fixed 30 items, no content balancing, pilots or time limit.
    /// A measurement workload, not an exam: use it to time or compare engines on the same footing.
    /// </summary>
    public static CatOptions W1 { get; } = new()
    {
        RandomesqueK = 1,
        MinScoredItems = 30,
        MaxScoredItems = 30,
        FixedLength = 30,
        PilotItems = 0,
        TimeLimit = null,
        ConfidenceStop = false,
        ContentBalancing = false,
        Estimator = EstimatorKind.MaximumLikelihood,
        EstimatorRange = new(-4, 4),
        QuadraturePoints = 81,
    };

    /// <summary>
    /// The most scored items, and the most pilot items, a session may be configured for: 10,000. A session allocates
    /// per configured item, so the cap bounds its memory whatever options (or resumed snapshot) it is given.
    /// </summary>
    public const int MaxItemsLimit = 10_000;

    /// <summary>The most items <see cref="HeldBackItems"/> may name: 100,000, far beyond any practice bank.</summary>
    public const int MaxHeldBackItems = 100_000;

    /// <summary>Scored items before any rule but the time limit may end the session. Default 60.</summary>
    /// <remarks>The defaults of a new <see cref="CatOptions"/> are the EMR exam with plain maximum information (k = 1).</remarks>
    public int MinScoredItems { get; init; } = 60;

    /// <summary>Most scored items, at most <see cref="MaxItemsLimit"/>. Default 80.</summary>
    public int MaxScoredItems { get; init; } = 80;

    /// <summary>Unscored pilot items placed at random positions within the first MinScored + Pilot positions. Default 30.</summary>
    public int PilotItems { get; init; } = 30;

    /// <summary>Whether to stop once the confidence interval excludes the cut. Default true.</summary>
    public bool ConfidenceStop { get; init; } = true;

    /// <summary>Two-sided confidence of the classification interval, in (0, 1). Default 0.95.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Optional SE threshold: stop once SE ≤ this (after the minimum). Default none.</summary>
    public double? StandardErrorTarget { get; init; }

    /// <summary>Optional fixed length (scored items); when set it must equal both the minimum and the maximum. Default none.</summary>
    public int? FixedLength { get; init; }

    /// <summary>Time limit, or null for none. Default 1 h 45 min.</summary>
    public TimeSpan? TimeLimit { get; init; } = TimeSpan.FromMinutes(105);

    /// <summary>θ used to choose items before the first scored answer. Default 0.</summary>
    public double StartTheta { get; init; }

    /// <summary>How scored items are ranked. Default maximum information.</summary>
    public SelectionMethod Selection { get; init; } = SelectionMethod.MaximumInformation;

    /// <summary>Randomesque k: choose among the k most informative items; 1 disables it. Default 1.</summary>
    public int RandomesqueK { get; init; } = 1;

    /// <summary>Whether to balance content to the bank's blueprint. Default true (no effect on a bank without one).</summary>
    public bool ContentBalancing { get; init; } = true;

    /// <summary>Sympson–Hetter exposure parameters K_i in (0, 1] by item id; empty disables exposure control.</summary>
    /// <remarks>A read-only copy of the dictionary given (with its comparer), so a caller's later change cannot reach a running session.</remarks>
    public IReadOnlyDictionary<string, double> ExposureParameters { get; init => field = ReadOnly.Copy(value); } = System.Collections.Frozen.FrozenDictionary<string, double>.Empty;

    /// <summary>
    /// Conditional Sympson–Hetter parameters (one set per θ band, chosen by the interim θ̂), or null for none. Give
    /// these or <see cref="ExposureParameters"/>, not both. Default null.
    /// </summary>
    public EmrCat.Selection.ConditionalExposureParameters? ConditionalExposure { get; init; }

    /// <summary>The ability estimator for interim estimates (item selection, stopping). Default EAP.</summary>
    public EstimatorKind Estimator { get; init; } = EstimatorKind.ExpectedAPosteriori;

    /// <summary>
    /// The estimator of the final θ̂ the decision and the score are made from, or null for <see cref="Estimator"/>
    /// (e.g. WLE for the final decision after EAP interim estimates). Default null.
    /// </summary>
    public EstimatorKind? DecisionEstimator { get; init; }

    /// <summary>
    /// Search/integration range of the estimators. Default [-5.5, 5.5]: inside the EMR scale's unclamped span
    /// [-8.5, 5.5], so reported scores run 400–1500 and are never capped by the estimator.
    /// </summary>
    public ThetaRange EstimatorRange { get; init; } = new(-5.5, 5.5);

    /// <summary>EAP quadrature points over <see cref="EstimatorRange"/> (also the grid of the chance of passing). Default 111 (step 0.1).</summary>
    public int QuadraturePoints { get; init; } = 111;

    /// <summary>Mean of the normal prior of EAP and MAP (and of the chance of passing). Default 0. Ignored when <see cref="PriorAtCut"/>.</summary>
    public double PriorMean { get; init; }

    /// <summary>SD of the normal prior, &gt; 0. Default 1.</summary>
    public double PriorStandardDeviation { get; init; } = 1.0;

    /// <summary>
    /// Whether the prior is centred at the bank's cut θ instead of <see cref="PriorMean"/>, so the prior itself leans
    /// neither way (with a cut at ±0.5 a N(0, 1) prior moves the pass rate at the cut to 45–55%). Default false.
    /// </summary>
    public bool PriorAtCut { get; init; }

    /// <summary>The classification stopping rule used when <see cref="ConfidenceStop"/> is on. Default the confidence interval.</summary>
    public ClassificationMethod Classification { get; init; } = ClassificationMethod.ConfidenceInterval;

    /// <summary>δ, half the width of the SPRT/GLR indifference region around the cut, in logits, &gt; 0. Default 0.2.</summary>
    public double IndifferenceHalfWidth { get; init; } = 0.2;

    /// <summary>What a session that ends before the minimum reports. Default undecided.</summary>
    public IncompleteOutcome IncompleteOutcome { get; init; } = IncompleteOutcome.Undecided;

    /// <summary>
    /// Item ids held back from selection (scored and pilot), least recently seen first: typically the items a learner
    /// met in recent runs (see <c>EmrCat.Learning.LearnerProfile</c>). The kernel selects as if they were absent; only
    /// when nothing else is left to select does it release them, one at a time, in this order. Empty (the default)
    /// holds nothing back. Every id must be in the bank.
    /// </summary>
    /// <remarks>A read-only copy of the list given, as for <see cref="ExposureParameters"/>.</remarks>
    public IReadOnlyList<string> HeldBackItems { get; init => field = ReadOnly.Copy(value); } = [];

    /// <summary>
    /// Rapid-guess flags and effort-moderated scoring, or null for <see cref="ResponseTimeOptions.Default"/> (flag
    /// answers faster than 10% of the item's typical time; scoring unchanged). Null is not written to a snapshot, so
    /// snapshots taken before this option existed keep their checksum.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ResponseTimeOptions? ResponseTimes { get; init; }

    /// <summary>Every problem with these options, all at once.</summary>
    /// <returns>Problems; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MinScoredItems < 1) problems.Add($"MinScoredItems must be at least 1, but was {MinScoredItems}.");
        if (MaxScoredItems < MinScoredItems) problems.Add($"MaxScoredItems ({MaxScoredItems}) must be at least MinScoredItems ({MinScoredItems}).");
        if (MaxScoredItems > MaxItemsLimit) problems.Add($"MaxScoredItems must be at most {MaxItemsLimit}, but was {MaxScoredItems}.");
        if (PilotItems < 0) problems.Add($"PilotItems must be 0 or more, but was {PilotItems}.");
        if (PilotItems > MaxItemsLimit) problems.Add($"PilotItems must be at most {MaxItemsLimit}, but was {PilotItems}.");
        if (!(Confidence > 0 && Confidence < 1)) problems.Add($"Confidence must be in (0, 1), but was {Confidence}.");
        if (StandardErrorTarget is { } se && !(se > 0 && double.IsFinite(se))) problems.Add($"StandardErrorTarget must be finite and > 0, but was {se}.");
        if (FixedLength is { } fixedLength && (fixedLength != MinScoredItems || fixedLength != MaxScoredItems))
        {
            problems.Add($"FixedLength ({fixedLength}) must equal MinScoredItems ({MinScoredItems}) and MaxScoredItems ({MaxScoredItems}).");
        }

        if (TimeLimit is { } limit && limit <= TimeSpan.Zero) problems.Add($"TimeLimit must be positive, but was {limit}.");
        if (!double.IsFinite(StartTheta)) problems.Add($"StartTheta must be finite, but was {StartTheta}.");
        if (!Enum.IsDefined(Selection)) problems.Add($"Unknown Selection {Selection}.");
        if (!Enum.IsDefined(Estimator)) problems.Add($"Unknown Estimator {Estimator}.");
        if (DecisionEstimator is { } decisionEstimator && !Enum.IsDefined(decisionEstimator)) problems.Add($"Unknown DecisionEstimator {decisionEstimator}.");
        if (!Enum.IsDefined(Classification)) problems.Add($"Unknown Classification {Classification}.");
        if (!double.IsFinite(PriorMean)) problems.Add($"PriorMean must be finite, but was {PriorMean}.");
        if (!(PriorStandardDeviation > 0 && double.IsFinite(PriorStandardDeviation))) problems.Add($"PriorStandardDeviation must be finite and > 0, but was {PriorStandardDeviation}.");
        if (!(IndifferenceHalfWidth > 0 && IndifferenceHalfWidth <= 2)) problems.Add($"IndifferenceHalfWidth must be in (0, 2], but was {IndifferenceHalfWidth}.");
        if (Classification != ClassificationMethod.ConfidenceInterval && !(Confidence > 0.5 && Confidence < 1)) problems.Add($"Confidence must be in (0.5, 1) for a likelihood-ratio test (its error rates are 1 − Confidence), but was {Confidence}.");
        if (!Enum.IsDefined(IncompleteOutcome)) problems.Add($"Unknown IncompleteOutcome {IncompleteOutcome}.");
        if (RandomesqueK is < 1 or > EmrCat.Selection.RandomesqueSelector.MaxK) problems.Add($"RandomesqueK must be in 1..{EmrCat.Selection.RandomesqueSelector.MaxK}, but was {RandomesqueK}.");
        if (QuadraturePoints is < 2 or > 100_000) problems.Add($"QuadraturePoints must be in 2..100000, but was {QuadraturePoints}.");
        if (EstimatorRange.Lower >= EstimatorRange.Upper) problems.Add("EstimatorRange must have Lower < Upper.");
        if (double.IsFinite(StartTheta) && (StartTheta < EstimatorRange.Lower || StartTheta > EstimatorRange.Upper))
        {
            problems.Add($"StartTheta ({StartTheta}) must lie inside EstimatorRange {EstimatorRange}.");
        }

        if (ExposureParameters is null) problems.Add("ExposureParameters must not be null (use an empty dictionary).");
        if (HeldBackItems is null) problems.Add("HeldBackItems must not be null (use an empty list).");
        else if (HeldBackItems.Count > MaxHeldBackItems) problems.Add($"HeldBackItems may name at most {MaxHeldBackItems} items, but named {HeldBackItems.Count}.");
        foreach (var (id, k) in ExposureParameters ?? new Dictionary<string, double>())
        {
            if (!(k > 0 && k <= 1)) problems.Add($"ExposureParameters['{id}'] must be in (0, 1], but was {k}.");
        }

        if (ResponseTimes is { } responseTimes) problems.AddRange(responseTimes.Validate());
        if (ConditionalExposure is { } conditional)
        {
            problems.AddRange(conditional.Validate());
            if (ExposureParameters is { Count: > 0 }) problems.Add("Give ExposureParameters or ConditionalExposure, not both.");
        }

        return problems;
    }

    /// <summary>The prior mean in force on a bank whose cut is <paramref name="cutTheta"/>.</summary>
    /// <param name="cutTheta">The bank's cut θ.</param>
    /// <returns>The cut when <see cref="PriorAtCut"/>, else <see cref="PriorMean"/>.</returns>
    public double PriorMeanFor(double cutTheta) => PriorAtCut ? cutTheta : PriorMean;

    /// <summary>
    /// Every problem with these options on <paramref name="bank"/>, all at once: the options' own problems (see
    /// <see cref="Validate()"/>), then what the bank cannot serve: fewer pilot items than <see cref="PilotItems"/>, fewer
    /// scored items than <see cref="MaxScoredItems"/>, exposure parameters for items it does not have. Starting a
    /// session, registering the engine (<c>AddEmrCat</c>) and running a simulation all check this, with these messages.
    /// </summary>
    /// <param name="bank">The bank the sessions will run on.</param>
    /// <returns>Problems; empty when the pair is valid.</returns>
    public IReadOnlyList<string> Validate(ItemBank bank)
    {
        ArgumentNullException.ThrowIfNull(bank);
        var problems = new List<string>(Validate());
        string id = bank.Metadata.Id;
        int pilots = bank.Columns.PilotCount, scored = bank.Count - pilots;
        if (pilots < PilotItems) problems.Add($"The options ask for {PilotItems} pilot items but bank '{id}' has {pilots}.");
        if (scored < MaxScoredItems) problems.Add($"The options may give {MaxScoredItems} scored items but bank '{id}' has {scored}.");
        foreach (var item in ExposureParameters?.Keys ?? [])
        {
            if (!bank.TryGetIndex(item, out _)) problems.Add($"ExposureParameters names item '{item}', which is not in bank '{id}'.");
        }

        foreach (var item in (ConditionalExposure?.Bands ?? []).Where(b => b is not null).SelectMany(b => b.Keys).Distinct())
        {
            if (!bank.TryGetIndex(item, out _)) problems.Add($"ConditionalExposure names item '{item}', which is not in bank '{id}'.");
        }

        foreach (var item in HeldBackItems ?? [])
        {
            if (item is null || !bank.TryGetIndex(item, out _)) problems.Add($"HeldBackItems names item '{item}', which is not in bank '{id}'.");
        }

        return problems;
    }

    /// <summary>Throws when <see cref="Validate()"/> finds anything.</summary>
    /// <exception cref="ArgumentException">Lists every problem.</exception>
    public void ThrowIfInvalid()
    {
        if (ValidAlone.TryGetValue(this, out _)) return;
        Throw(Validate());
        ValidAlone.TryAdd(this, Valid);
    }

    /// <summary>Throws when <see cref="Validate(ItemBank)"/> finds anything.</summary>
    /// <param name="bank">The bank the sessions will run on.</param>
    /// <exception cref="ArgumentException">Lists every problem.</exception>
    public void ThrowIfInvalid(ItemBank bank)
    {
        ArgumentNullException.ThrowIfNull(bank);
        if (ValidOn.TryGetValue(this, out var banks) && banks.TryGetValue(bank, out _)) return;
        Throw(Validate(bank));
        ValidOn.GetValue(this, static _ => new ConditionalWeakTable<ItemBank, object>()).TryAdd(bank, Valid);
        ValidAlone.TryAdd(this, Valid);
    }

    // Options and banks are immutable (every collection given is copied), so a pair found valid stays valid: each
    // session started with the same options on the same bank skips re-reading them (the EMR preset's ~800 exposure
    // parameters among them). Only valid pairs are remembered; a problem is reported afresh every time.
    private static readonly ConditionalWeakTable<CatOptions, object> ValidAlone = new();
    private static readonly ConditionalWeakTable<CatOptions, ConditionalWeakTable<ItemBank, object>> ValidOn = new();
    private static readonly object Valid = new();

    private static void Throw(IReadOnlyList<string> problems)
    {
        if (problems.Count > 0) throw new ArgumentException("Invalid CatOptions: " + string.Join(" ", problems), "options");
    }
}
