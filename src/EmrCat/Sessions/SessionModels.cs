using EmrCat.Banks;
using EmrCat.Internal;
using EmrCat.Irt;
using EmrCat.Scoring;
using EmrCat.Stopping;

namespace EmrCat.Sessions;

/// <summary>
/// An item as a candidate sees it: no key, no rationale, no parameters, no pilot flag. A separate type from
/// <see cref="BankItem"/>, so the key cannot reach a client by accident.
/// </summary>
/// <param name="Position">1-based position in the session.</param>
/// <param name="ItemId">Item id (to submit the answer against).</param>
/// <param name="DomainName">Blueprint domain's display name (empty without a blueprint).</param>
/// <param name="Type">How it is answered.</param>
/// <param name="Stem">The question.</param>
/// <param name="Options">The options, in display order.</param>
public sealed record PresentedItem(int Position, string ItemId, string DomainName, ItemType Type, string Stem, IReadOnlyList<ItemOption> Options);

/// <summary>One answered item, as a snapshot stores it (enough to replay the session exactly).</summary>
/// <param name="ItemId">The item answered.</param>
/// <param name="Answer">Chosen option ids, in order (one for single-answer items); empty when the item timed out.</param>
/// <param name="ResponseTimeMs">Milliseconds from presentation to answer.</param>
/// <param name="ElapsedMs">Session time used when the answer was submitted, in milliseconds.</param>
public sealed record AnswerRecord(string ItemId, IReadOnlyList<string> Answer, long ResponseTimeMs, long ElapsedMs);

/// <summary>One administered item in a result, with what it did to the estimate.</summary>
/// <param name="Position">1-based position.</param>
/// <param name="ItemId">Item id.</param>
/// <param name="Domain">Domain id.</param>
/// <param name="IsPilot">Whether it was an unscored pilot item.</param>
/// <param name="Correct">Whether the answer was right.</param>
/// <param name="Answer">The chosen option ids.</param>
/// <param name="ResponseTime">Time taken.</param>
/// <param name="ThetaAfter">θ̂ after this answer (unchanged by pilot items).</param>
/// <param name="StandardErrorAfter">SE after this answer.</param>
public sealed record AdministeredItem(int Position, string ItemId, string Domain, bool IsPilot, bool Correct, IReadOnlyList<string> Answer, TimeSpan ResponseTime, double ThetaAfter, double StandardErrorAfter)
{
    /// <summary>The response category the answer earned: 0..<see cref="MaxCategory"/> (0 or 1 for a right/wrong item).</summary>
    public int Category { get; init; }

    /// <summary>The item's highest category (1 for a right/wrong item; more for partial-credit items).</summary>
    public int MaxCategory { get; init; } = 1;

    /// <summary>How the item was answered (single, select-all, ordering): the error log files an ordering miss under sequence.</summary>
    public ItemType Type { get; init; } = ItemType.Single;

    /// <summary>The item's IRT parameters, on the result's <see cref="SessionResult.Metric"/>.</summary>
    public ItemParameters Parameters { get; init; }

    /// <summary>The key: the option ids that are right, in order (the result is read after the session, so it may show them).</summary>
    public IReadOnlyList<string> Key { get; init => field = ReadOnly.Copy(value); } = [];

    /// <summary>The item's tags (for example "scope", "sequence"), which the error log reads.</summary>
    public IReadOnlyList<string> Tags { get; init => field = ReadOnly.Copy(value); } = [];

    /// <summary>The item's stem, as the candidate read it.</summary>
    public string Stem { get; init; } = "";
}

/// <summary>Scored items given and answered right in one blueprint domain.</summary>
/// <param name="DomainId">Domain id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Given">Scored items given.</param>
/// <param name="Correct">Scored items answered right.</param>
/// <param name="MinShare">Blueprint minimum share.</param>
/// <param name="MaxShare">Blueprint maximum share.</param>
public sealed record DomainTally(string DomainId, string Name, int Given, int Correct, double MinShare, double MaxShare);

/// <summary>The outcome of a finished session.</summary>
public sealed record SessionResult
{
    /// <summary>Pass, fail or undecided.</summary>
    public required PassFailDecision Decision { get; init; }

    /// <summary>The rule that ended the session.</summary>
    public required StopReason Reason { get; init; }

    /// <summary>Why, in plain words.</summary>
    public required string Explanation { get; init; }

    /// <summary>Final θ̂ from scored answers only (by <see cref="CatOptions.DecisionEstimator"/> when set).</summary>
    public required double Theta { get; init; }

    /// <summary>Its standard error.</summary>
    public required double StandardError { get; init; }

    /// <summary>The cut θ the decision was made against.</summary>
    public required double CutTheta { get; init; }

    /// <summary>Scaled score, 100–1500 (950 at the cut).</summary>
    public required double ScaledScore { get; init; }

    /// <summary>The scaled score as reported (whole number; a fail never rounds up to the passing score).</summary>
    public required int ReportedScore { get; init; }

    /// <summary>
    /// The chance of passing: P(θ ≥ cut | scored answers) from the posterior under the configured prior, on the EAP
    /// grid over the estimation range (whatever estimator gave θ̂). 0.5 means the answers cannot tell.
    /// </summary>
    public required double PassProbability { get; init; }

    /// <summary>The conditional standard error of measurement in scaled points (SE × points per logit; ∞ before any scored answer).</summary>
    public required double ScaledStandardError { get; init; }

    /// <summary>The 95% band of scaled scores, θ̂ ± 1.96·SE mapped to the scale (clamped to its ends).</summary>
    public required ScoreBand ScoreBand { get; init; }

    /// <summary>Scored items answered.</summary>
    public required int ScoredCount { get; init; }

    /// <summary>Pilot items answered.</summary>
    public required int PilotCount { get; init; }

    /// <summary>Time used.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Per blueprint domain: scored items given and right.</summary>
    public required IReadOnlyList<DomainTally> Domains { get; init; }

    /// <summary>Every administered item in order, with what the score report and error log need (parameters, key, tags, stem).</summary>
    public required IReadOnlyList<AdministeredItem> Items { get; init; }

    // Not required: a result stored before they existed (a host's history) still reads, with the EMR defaults (the
    // JSON reader sets a missing init property to null, so the getters fall back).

    /// <summary>The bank's metric (scaling constant D) the items' parameters are on. Default logistic (D = 1).</summary>
    public IrtMetric Metric { get; init; } = IrtMetric.Logistic;

    /// <summary>The bank's reporting scale (cut, passing score, range, points per logit). Default <see cref="ReportingScale.Emr"/>.</summary>
    public ReportingScale Scale { get => field ?? ReportingScale.Emr; init; }

    /// <summary>The bank's blueprint (its domains, in order). Default <see cref="Blueprint.Emr2025"/>.</summary>
    public Blueprint Blueprint { get => field ?? Blueprint.Emr2025; init; }

    /// <summary>
    /// Items (scored and pilot, in session order) whose answer came faster than the rapid-guess threshold of
    /// <see cref="CatOptions.ResponseTimes"/>: too fast to have read the question. Empty when no response time was known.
    /// </summary>
    public IReadOnlyList<string> RapidGuessItemIds { get => field ?? []; init; }

    /// <summary>How many answers were flagged as rapid guesses (<see cref="RapidGuessItemIds"/>).</summary>
    public int RapidGuessCount => RapidGuessItemIds.Count;

    /// <summary>
    /// Scored answers left out of θ̂, the decision and the chance of passing because they were rapid guesses under
    /// effort-moderated scoring (<see cref="ResponseTimeOptions.EffortModerated"/>); 0 otherwise. They are still in <see cref="Items"/>.
    /// </summary>
    public int LeftOutOfEstimate { get; init; }

    /// <summary>
    /// The response-time rule the session ran under (<see cref="CatOptions.ResponseTimes"/>): whether rapid guesses
    /// were left out of θ̂ (<see cref="ResponseTimeOptions.EffortModerated"/>) and whether response times were checked
    /// at all (<see cref="ResponseTimeOptions.TimesNotMeasured"/>). The score report's domain estimates follow it.
    /// Default <see cref="ResponseTimeOptions.Default"/> (a result stored before it existed).
    /// </summary>
    public ResponseTimeOptions ResponseTimes { get => field ?? ResponseTimeOptions.Default; init; }
}
