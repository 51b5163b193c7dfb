using EmrCat.Sessions;

namespace EmrCat.Simulation;

/// <summary>One simulated examinee's session.</summary>
/// <param name="Examinee">0-based examinee index.</param>
/// <param name="TrueTheta">The true ability the answers were drawn from.</param>
/// <param name="Theta">Final estimate.</param>
/// <param name="StandardError">Its SE.</param>
/// <param name="Decision">Pass, fail or undecided.</param>
/// <param name="Reason">The rule that ended the session.</param>
/// <param name="ScaledScore">The scaled score.</param>
/// <param name="ScoredCount">Scored items.</param>
/// <param name="PilotCount">Pilot items.</param>
/// <param name="Items">The items in order, or empty unless sessions were kept.</param>
public sealed record SimulatedSession(int Examinee, double TrueTheta, double Theta, double StandardError, PassFailDecision Decision, StopReason Reason, double ScaledScore, int ScoredCount, int PilotCount, IReadOnlyList<SimulatedItem> Items);

/// <summary>One item of a simulated session.</summary>
/// <param name="ItemId">Item id.</param>
/// <param name="Domain">Domain id.</param>
/// <param name="Pilot">Whether it was a pilot item.</param>
/// <param name="Correct">Whether the simulated answer was right.</param>
public sealed record SimulatedItem(string ItemId, string Domain, bool Pilot, bool Correct);

/// <summary>The figures a psychometric reviewer asks of a simulation study.</summary>
public sealed record SimulationReport
{
    /// <summary>Examinees simulated.</summary>
    public required int Examinees { get; init; }

    /// <summary>Items in the bank.</summary>
    public required int BankSize { get; init; }

    /// <summary>Wall-clock seconds for the sessions.</summary>
    public required double Seconds { get; init; }

    /// <summary>Mean of θ̂ − θ.</summary>
    public required double Bias { get; init; }

    /// <summary>Root mean squared error of θ̂.</summary>
    public required double Rmse { get; init; }

    /// <summary>Mean, smallest and largest number of scored items.</summary>
    public required double MeanLength { get; init; }

    /// <summary>Smallest scored length.</summary>
    public required int MinLength { get; init; }

    /// <summary>Largest scored length.</summary>
    public required int MaxLength { get; init; }

    /// <summary>Share of decided sessions whose decision matches the true θ against the cut.</summary>
    public required double ClassificationAccuracy { get; init; }

    /// <summary>Share of examinees truly below the cut who passed.</summary>
    public required double FalsePassRate { get; init; }

    /// <summary>Share of examinees truly at or above the cut who failed.</summary>
    public required double FalseFailRate { get; init; }

    /// <summary>Share of sessions left undecided.</summary>
    public required double UndecidedRate { get; init; }

    /// <summary>Highest item exposure rate (share of sessions an item appeared in).</summary>
    public required double MaxExposure { get; init; }

    /// <summary>Share of bank items with exposure above 20%.</summary>
    public required double ShareOver20Percent { get; init; }

    /// <summary>Mean test overlap: expected share of items two random sessions have in common (Chen, Ankenmann &amp; Spray, 2003).</summary>
    public required double MeanOverlap { get; init; }

    /// <summary>Share of bank items never used.</summary>
    public required double ShareUnused { get; init; }

    /// <summary>Every session, in examinee order.</summary>
    public required IReadOnlyList<SimulatedSession> Sessions { get; init; }
}
