using EmrCat.Scoring;
using EmrCat.Sessions;
using EmrCat.Stopping;

namespace EmrCat.Reporting;

/// <summary>
/// A candidate's score report: the decision and why, the scaled score on the reporting scale (100–1500, 950 to pass
/// by default), θ̂ and SE, how many items were scored and piloted, and one line per blueprint domain.
/// The scaled score is not a percentage.
/// </summary>
public sealed record ScoreReport
{
    /// <summary>The session's classification.</summary>
    public required PassFailDecision Decision { get; init; }

    /// <summary>The rule that ended the session.</summary>
    public required StopReason Reason { get; init; }

    /// <summary>Whether the candidate passed (<see cref="Decision"/> is <see cref="PassFailDecision.Pass"/>).</summary>
    public bool Passed => Decision == PassFailDecision.Pass;

    /// <summary>The final θ̂ over the scored items.</summary>
    public required double Theta { get; init; }

    /// <summary>Its standard error.</summary>
    public required double StandardError { get; init; }

    /// <summary>θ̂ on the reporting scale, unrounded.</summary>
    public required double ScaledScore { get; init; }

    /// <summary>The whole-number score as reported; a fail is never rounded up to the passing score.</summary>
    public required int ReportedScore { get; init; }

    /// <summary>The passing score of the scale (950 by default).</summary>
    public required double PassingScore { get; init; }

    /// <summary>Lowest reportable score (100 by default).</summary>
    public required double MinimumScore { get; init; }

    /// <summary>Highest reportable score (1500 by default).</summary>
    public required double MaximumScore { get; init; }

    /// <summary>Scored (operational) items answered.</summary>
    public required int ScoredCount { get; init; }

    /// <summary>Scored items answered right (full credit).</summary>
    public required int ScoredCorrect { get; init; }

    /// <summary>Points earned on the scored items: each item's response category (1 for a right answer, 0..K for partial credit).</summary>
    public int ScoredPoints { get; init; }

    /// <summary>Points possible on the scored items: each item's top category; equals <see cref="ScoredCount"/> when every item is right/wrong.</summary>
    public int PossiblePoints { get; init; }

    /// <summary>Unscored pilot items answered; they affect nothing else in the report.</summary>
    public required int PilotCount { get; init; }

    /// <summary>The two-sided confidence of the domain intervals (0.95 by default).</summary>
    public required double Confidence { get; init; }

    /// <summary>The z of the domain intervals, Φ⁻¹(1 − (1 − confidence)/2).</summary>
    public required double CriticalValue { get; init; }

    /// <summary>One line per domain: the blueprint's domains in its order, or, for an empty blueprint, the domains of the scored items in order of first appearance.</summary>
    public required IReadOnlyList<DomainPerformance> Domains { get; init; }

    /// <summary>Items whose answer came faster than anyone could read the question (rapid guesses), in session order.</summary>
    public IReadOnlyList<string> RapidGuessItemIds { get; init; } = [];

    /// <summary>How many answers were flagged as rapid guesses.</summary>
    public int RapidGuessCount => RapidGuessItemIds.Count;

    /// <summary>Scored answers left out of θ̂ and the decision under effort-moderated scoring (0 when it is off).</summary>
    public int LeftOutOfEstimate { get; init; }
}
