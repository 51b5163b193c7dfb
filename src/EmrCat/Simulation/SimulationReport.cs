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
/// <param name="Correct">Whether the simulated answer was right (full credit).</param>
public sealed record SimulatedItem(string ItemId, string Domain, bool Pilot, bool Correct)
{
    private readonly int? _category;

    /// <summary>
    /// The response category the answer earned: 0..K for a partial-credit (select-all or ordering) item, 1 or 0 for a
    /// right/wrong one. Default: 1 when <see cref="Correct"/>, else 0.
    /// </summary>
    public int Category
    {
        get => _category ?? (Correct ? 1 : 0);
        init => _category = value;
    }
}

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

    /// <summary>Per bank item (in bank order): the share of sessions it was given in.</summary>
    public required IReadOnlyList<double> ExposureRates { get; init; }

    /// <summary>Exposure of the scored items (what exposure control governs).</summary>
    public required ExposureSummary ScoredExposure { get; init; }

    /// <summary>Exposure of the pilot items (chosen at random; their rates follow from pilots per test and the pilot pool).</summary>
    public required ExposureSummary PilotExposure { get; init; }

    /// <summary>Per distinct true θ, when examinees were given few distinct values (a grid or a fixed θ); else empty.</summary>
    public required IReadOnlyList<TrueThetaSummary> ByTrueTheta { get; init; }

    /// <summary>Highest scored-item exposure rate (<see cref="ScoredExposure"/>).</summary>
    public double MaxExposure => ScoredExposure.MaxRate;

    /// <summary>Share of scored items with exposure above 20%.</summary>
    public double ShareOver20Percent => ScoredExposure.ShareOver20Percent;

    /// <summary>Mean test overlap of the scored parts of two sessions.</summary>
    public double MeanOverlap => ScoredExposure.MeanOverlap;

    /// <summary>Share of scored items never used.</summary>
    public double ShareUnused => ScoredExposure.ShareUnused;

    /// <summary>Every session, in examinee order.</summary>
    public required IReadOnlyList<SimulatedSession> Sessions { get; init; }
}

/// <summary>Exposure figures for one kind of item (scored or pilot).</summary>
/// <param name="Items">Items of this kind in the bank.</param>
/// <param name="MaxRate">Highest exposure rate (share of sessions an item appeared in).</param>
/// <param name="ShareOver20Percent">Share of these items with exposure above 20%.</param>
/// <param name="ShareUnused">Share of these items never used.</param>
/// <param name="MeanOverlap">
/// Mean test overlap: the expected share of its items of this kind a session has in common with another random session,
/// n·Σr²/(L·(n − 1)) − 1/(n − 1) for mean length L (Chen, Ankenmann &amp; Spray, 2003).
/// </param>
public sealed record ExposureSummary(int Items, double MaxRate, double ShareOver20Percent, double ShareUnused, double MeanOverlap)
{
    internal static ExposureSummary Of(double[] rates, IReadOnlyList<bool> isPilot, bool pilot, int sessions, double meanLength)
    {
        var mine = rates.Where((_, i) => isPilot[i] == pilot).ToArray();
        if (mine.Length == 0) return new ExposureSummary(0, 0, 0, 0, 0);
        double sumSquares = mine.Sum(r => r * r);
        double overlap = sessions > 1 && meanLength > 0 ? (sessions * sumSquares / meanLength - 1) / (sessions - 1) : 0;
        return new ExposureSummary(mine.Length, mine.Max(), Simulator.Rate(mine.Count(r => r > 0.2), mine.Length), Simulator.Rate(mine.Count(r => r == 0), mine.Length), Math.Max(0, overlap));
    }
}

/// <summary>Classification at one true θ.</summary>
/// <param name="TrueTheta">The true ability.</param>
/// <param name="Examinees">Examinees simulated at it.</param>
/// <param name="PassRate">Share who passed.</param>
/// <param name="Accuracy">Share whose decision matches θ against the cut (undecided counts as wrong).</param>
/// <param name="UndecidedRate">Share left undecided.</param>
/// <param name="MeanLength">Mean scored items.</param>
/// <param name="Rmse">Root mean squared error of θ̂.</param>
public sealed record TrueThetaSummary(double TrueTheta, int Examinees, double PassRate, double Accuracy, double UndecidedRate, double MeanLength, double Rmse)
{
    internal static TrueThetaSummary Of(double theta, SimulatedSession[] sessions, double cut)
    {
        int n = sessions.Length;
        int passed = sessions.Count(s => s.Decision == PassFailDecision.Pass);
        int right = sessions.Count(s => s.Decision != PassFailDecision.Undecided && (s.Decision == PassFailDecision.Pass) == (theta >= cut));
        return new TrueThetaSummary(theta, n, Simulator.Rate(passed, n), Simulator.Rate(right, n), Simulator.Rate(sessions.Count(s => s.Decision == PassFailDecision.Undecided), n),
            sessions.Average(s => (double)s.ScoredCount), Math.Sqrt(sessions.Average(s => (s.Theta - theta) * (s.Theta - theta))));
    }
}
