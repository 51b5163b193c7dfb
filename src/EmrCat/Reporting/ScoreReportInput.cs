using EmrCat.Banks;
using EmrCat.Scoring;
using EmrCat.Sessions;
using EmrCat.Stopping;

namespace EmrCat.Reporting;

/// <summary>
/// What a finished session hands to <see cref="ScoreReporter"/>: the decision and the rule that made it, the final
/// θ̂ and SE, every answered item (scored and pilot), the blueprint and the reporting scale. The counts of scored and
/// pilot items are derived from <see cref="Responses"/>, so they cannot disagree with it.
/// </summary>
public sealed record ScoreReportInput
{
    /// <summary>The session's classification.</summary>
    public required PassFailDecision Decision { get; init; }

    /// <summary>The rule that ended the session.</summary>
    public required StopReason Reason { get; init; }

    /// <summary>The final ability estimate θ̂ over the scored items; finite.</summary>
    public required double Theta { get; init; }

    /// <summary>Its standard error; &gt; 0, possibly +∞, never NaN.</summary>
    public required double StandardError { get; init; }

    /// <summary>Every answered item, scored and pilot, in the order given.</summary>
    public required IReadOnlyList<AnsweredItem> Responses { get; init; }

    /// <summary>The blueprint whose domains the report lists, in its order. Default <see cref="Blueprint.Emr2025"/>.</summary>
    public Blueprint Blueprint { get; init; } = Blueprint.Emr2025;

    /// <summary>The reporting scale (cut θ, passing score, range). Default <see cref="ReportingScale.Emr"/> (100–1500, 950 to pass).</summary>
    public ReportingScale Scale { get; init; } = ReportingScale.Emr;

    /// <summary>Items flagged as rapid guesses (<see cref="SessionResult.RapidGuessItemIds"/>); passed through to the report. Default none.</summary>
    public IReadOnlyList<string> RapidGuessItemIds { get; init => field = EmrCat.Internal.ReadOnly.Copy(value); } = [];

    /// <summary>Scored answers left out of θ̂ under effort-moderated scoring (<see cref="SessionResult.LeftOutOfEstimate"/>); passed through. Default 0.</summary>
    public int LeftOutOfEstimate { get; init; }

    /// <summary>
    /// The session's response-time rule (<see cref="SessionResult.ResponseTimes"/>): under effort-moderated scoring the
    /// flagged rapid guesses are left out of each domain's estimate, as they were left out of θ̂. Default (null):
    /// <see cref="ResponseTimeOptions.Default"/>, every scored answer counts.
    /// </summary>
    public ResponseTimeOptions? ResponseTimes { get; init; }

    /// <summary>Every problem with the input, all at once.</summary>
    internal List<string> Problems()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Decision)) problems.Add($"Decision {(int)Decision} is not a defined PassFailDecision.");
        if (!Enum.IsDefined(Reason)) problems.Add($"Reason {(int)Reason} is not a defined StopReason.");
        if (!double.IsFinite(Theta)) problems.Add($"Theta must be finite, but was {Theta}.");
        if (double.IsNaN(StandardError) || StandardError <= 0) problems.Add($"StandardError must be > 0 (or +∞), but was {StandardError}.");
        if (Scale is null) problems.Add("Scale must not be null.");
        else problems.AddRange(Scale.Validate().Select(p => "Scale: " + p));
        if (Blueprint is null) problems.Add("Blueprint must not be null.");
        if (RapidGuessItemIds is null) problems.Add("RapidGuessItemIds must not be null (use an empty list).");
        if (LeftOutOfEstimate < 0) problems.Add($"LeftOutOfEstimate must be 0 or more, but was {LeftOutOfEstimate}.");
        var responseProblems = AnsweredItem.Problems(Responses, nameof(Responses));
        problems.AddRange(responseProblems);

        if (Scale is not null && Scale.Validate().Count == 0 && double.IsFinite(Theta) && Enum.IsDefined(Reason))
        {
            bool passes = Scale.Passes(Theta);
            if (Decision == PassFailDecision.Pass && !passes)
            {
                problems.Add($"Decision is Pass but θ̂ = {Theta} is below the cut {Scale.CutTheta}; a pass is never reported with a failing score.");
            }
            else if (Decision == PassFailDecision.Fail && passes && Reason is not (StopReason.TimeLimit or StopReason.Abandoned))
            {
                problems.Add($"Decision is Fail with reason {Reason} but θ̂ = {Theta} is at or above the cut {Scale.CutTheta}; only a time-limit or abandoned session can fail at or above the cut.");
            }
        }

        if (Blueprint is { IsEmpty: false } && responseProblems.Count == 0)
        {
            foreach (var r in Responses.Where(r => r.IsScored && Blueprint.Find(r.Domain) is null))
            {
                problems.Add($"Scored item '{r.ItemId}' is in domain '{r.Domain}', which the blueprint does not have.");
            }
        }

        return problems;
    }
}
