using EmrCat.Simulation;

namespace EmrCat.Diagnostics;

/// <summary>
/// Information of one blueprint domain (or of the whole test) along the θ grid: the sum of the information of its
/// <see cref="Quota"/> most informative scored items at each θ, the most a test of the maximum length with the
/// blueprint's share of this domain can collect there; the adaptive test collects less (randomesque choice and
/// exposure control trade information for item security).
/// </summary>
/// <param name="Id">Domain id ("total" for the whole test).</param>
/// <param name="Name">Domain name.</param>
/// <param name="ScoredItems">Scored items of the domain in the bank.</param>
/// <param name="Quota">Items of the domain in a test of the maximum length (its blueprint share).</param>
/// <param name="Information">Information at each grid θ.</param>
/// <param name="StandardError">1/√information at each grid θ (infinite where the information is 0): the SE of θ̂ from these items alone.</param>
public sealed record DomainInformation(string Id, string Name, int ScoredItems, int Quota, IReadOnlyList<double> Information, IReadOnlyList<double> StandardError);

/// <summary>Simulated results at one true θ of the grid.</summary>
/// <param name="TrueTheta">The true ability.</param>
/// <param name="Examinees">Examinees simulated at it.</param>
/// <param name="PassRate">Share who passed.</param>
/// <param name="WrongDecisionRate">Share decided against their true θ (a pass below the cut, a fail at or above it).</param>
/// <param name="MeanLength">Mean scored items.</param>
/// <param name="MeanStandardError">Mean final SE of θ̂.</param>
/// <param name="Rmse">Root mean squared error of θ̂.</param>
public sealed record GridPoint(double TrueTheta, int Examinees, double PassRate, double WrongDecisionRate, double MeanLength, double MeanStandardError, double Rmse);

/// <summary>A band of θ around the cut, both ends on the grid.</summary>
/// <param name="Lower">Lowest θ of the band.</param>
/// <param name="Upper">Highest θ of the band.</param>
public sealed record ThetaBand(double Lower, double Upper)
{
    /// <summary>Upper − Lower.</summary>
    public double Width => Upper - Lower;
}

/// <summary>What <see cref="BankDiagnostician.Diagnose"/> finds for a bank under session options.</summary>
public sealed record BankDiagnostics
{
    /// <summary>The bank's cut θ.</summary>
    public required double CutTheta { get; init; }

    /// <summary>The θ grid (ascending, the cut included).</summary>
    public required IReadOnlyList<double> Theta { get; init; }

    /// <summary>Information per blueprint domain (one "all" domain for a bank without a blueprint).</summary>
    public required IReadOnlyList<DomainInformation> Domains { get; init; }

    /// <summary>The whole test: the domains' quotas summed.</summary>
    public required DomainInformation Total { get; init; }

    /// <summary>
    /// Where θ̂ ± z·SE (z for the options' confidence, SE from <see cref="Total"/>) still contains the cut at the
    /// maximum length: no confident decision is possible there even with the best items. Null when no grid θ is in it.
    /// </summary>
    public required ThetaBand? NoDecisionBand { get; init; }

    /// <summary>Simulated results at each grid θ.</summary>
    public required IReadOnlyList<GridPoint> Simulated { get; init; }

    /// <summary>
    /// The grid θ values around the cut whose simulated wrong-decision rate exceeds the limit, from the lowest to the
    /// highest such value (the cut itself always is: half the candidates there are failed). Null when none does.
    /// </summary>
    public required ThetaBand? WrongDecisionBand { get; init; }

    /// <summary>The limit <see cref="WrongDecisionBand"/> was drawn with.</summary>
    public required double WrongDecisionLimit { get; init; }

    /// <summary>Scored-item exposure over the whole simulation.</summary>
    public required ExposureSummary ScoredExposure { get; init; }

    /// <summary>Pilot-item exposure over the whole simulation.</summary>
    public required ExposureSummary PilotExposure { get; init; }

    /// <summary>Examinees simulated in all.</summary>
    public required int Examinees { get; init; }

    /// <summary>Wall-clock seconds of the simulation.</summary>
    public required double Seconds { get; init; }
}
