using EmrCat.Banks;
using EmrCat.Internal;
using EmrCat.Selection;
using EmrCat.Sessions;

namespace EmrCat.Simulation;

/// <summary>Options of the Sympson–Hetter calibration.</summary>
public sealed record ExposureCalibrationOptions
{
    /// <summary>The highest exposure rate allowed for a scored item, in (0, 1]. Default 0.25.</summary>
    public double TargetRate { get; init; } = 0.25;

    /// <summary>
    /// How far above the target a round's highest observed rate may be and still count as within it, in [0, 0.2], or
    /// null for three binomial standard errors at the target, 3·√(r(1 − r)/n): with many items held at r, the largest
    /// of their observed rates lies about that far above r by sampling noise alone (0.029 at r = 0.25 and 2000
    /// examinees). To make the limit hold on other samples too, calibrate to a target below it. Default null.
    /// </summary>
    public double? Tolerance { get; init; }

    /// <summary>The tolerance in force: <see cref="Tolerance"/>, or three binomial standard errors at the target.</summary>
    public double EffectiveTolerance => Tolerance ?? 3 * Math.Sqrt(TargetRate * (1 - TargetRate) / Math.Max(1, Examinees));

    /// <summary>Simulated examinees per round, ≥ 100. Default 2000.</summary>
    public int Examinees { get; init; } = 2000;

    /// <summary>Most rounds, ≥ 1. Default 25.</summary>
    public int MaxRounds { get; init; } = 25;

    /// <summary>
    /// Rounds in a row whose highest scored-item rate must be at or below the target before stopping, ≥ 1. Each round
    /// draws new examinees, so this guards against one lucky sample. Default 3.
    /// </summary>
    public int StableRounds { get; init; } = 3;

    /// <summary>Study seed; round r uses a seed derived from (seed, r). Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Worker threads, ≥ 1. Default: all cores (results do not depend on it).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Mean of the normal true-θ distribution of the simulated population. Default 0.</summary>
    public double TrueThetaMean { get; init; }

    /// <summary>SD of the normal true-θ distribution, ≥ 0. Default 1.</summary>
    public double TrueThetaStandardDeviation { get; init; } = 1.0;

    /// <summary>
    /// θ band edges (strictly ascending) for conditional parameters, one set per band, or null for one set over the
    /// population. Each band is calibrated on its own examinees, spread evenly over it (the outer bands reach one logit
    /// beyond the outer edges), <see cref="Examinees"/> per band per round. Default null.
    /// </summary>
    public IReadOnlyList<double>? BandEdges { get; init; }

    /// <summary>Every problem, all at once.</summary>
    /// <returns>Problems; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (BandEdges is { } edges)
        {
            if (edges.Count is < 1 or > 20) problems.Add($"BandEdges must have 1 to 20 values, but had {edges.Count}.");
            if (edges.Where((e, i) => !double.IsFinite(e) || (i > 0 && e <= edges[i - 1])).Any()) problems.Add("BandEdges must be finite and strictly ascending.");
        }

        if (!(TargetRate > 0 && TargetRate <= 1)) problems.Add($"TargetRate must be in (0, 1], but was {TargetRate}.");
        if (Tolerance is { } tolerance && !(tolerance >= 0 && tolerance <= 0.2)) problems.Add($"Tolerance must be in [0, 0.2], but was {tolerance}.");
        if (Examinees < 100) problems.Add($"Examinees must be at least 100, but was {Examinees}.");
        if (MaxRounds < 1) problems.Add($"MaxRounds must be at least 1, but was {MaxRounds}.");
        if (StableRounds < 1 || StableRounds > MaxRounds) problems.Add($"StableRounds must be in 1..MaxRounds ({MaxRounds}), but was {StableRounds}.");
        if (Threads < 1) problems.Add($"Threads must be at least 1, but was {Threads}.");
        if (!double.IsFinite(TrueThetaMean)) problems.Add("TrueThetaMean must be finite.");
        if (!(TrueThetaStandardDeviation >= 0 && double.IsFinite(TrueThetaStandardDeviation))) problems.Add("TrueThetaStandardDeviation must be finite and ≥ 0.");
        return problems;
    }
}

/// <summary>One round of the calibration.</summary>
/// <param name="Round">1-based round.</param>
/// <param name="MaxScoredRate">Highest scored-item exposure rate observed with this round's parameters.</param>
/// <param name="ItemsAboveTarget">Scored items whose rate exceeded the target plus the tolerance.</param>
/// <param name="MaxSelectionRate">Highest rate at which a scored item was selected (before the exposure draw).</param>
/// <param name="ControlledItems">Items whose parameter was below 1 in this round.</param>
/// <param name="MeanLength">Mean scored items per test.</param>
/// <param name="ClassificationAccuracy">Share of decided sessions classified as the true θ says.</param>
public sealed record ExposureCalibrationRound(int Round, double MaxScoredRate, int ItemsAboveTarget, double MaxSelectionRate, int ControlledItems, double MeanLength, double ClassificationAccuracy);

/// <summary>The outcome of a calibration.</summary>
/// <param name="Parameters">K_i by item id for the items that need one (the others have K = 1).</param>
/// <param name="Rounds">Every round, in order.</param>
/// <param name="Converged">Whether the last <see cref="ExposureCalibrationOptions.StableRounds"/> rounds all kept every scored item within the target plus the tolerance.</param>
/// <param name="TargetRate">The target.</param>
public sealed record ExposureCalibration(IReadOnlyDictionary<string, double> Parameters, IReadOnlyList<ExposureCalibrationRound> Rounds, bool Converged, double TargetRate)
{
    /// <summary>The conditional parameters when <see cref="ExposureCalibrationOptions.BandEdges"/> were given (then <see cref="Parameters"/> is empty), else null.</summary>
    public ConditionalExposureParameters? Conditional { get; init; }
}

/// <summary>
/// Derives Sympson–Hetter exposure parameters by the iterative simulation procedure (Sympson &amp; Hetter, 1985): start
/// with K_i = 1; each round simulate the population with the current K, take each scored item's selection rate P(S_i)
/// (administered + turned down by the draw, per examinee), and set K_i = r / P(S_i) where P(S_i) &gt; r, else 1, so that
/// P(A_i) = K_i·P(S_i) ≤ r. Repeat until the observed administration rates stay at or below r. The parameters of the
/// last round (the ones that produced the figures reported for it) are returned.
/// </summary>
public static class ExposureCalibrator
{
    /// <summary>Calibrates exposure parameters for <paramref name="bank"/> under <paramref name="options"/>.</summary>
    /// <param name="bank">The bank.</param>
    /// <param name="options">Session options (their own exposure parameters are ignored and replaced each round).</param>
    /// <param name="calibration">Calibration options.</param>
    /// <param name="progress">Receives each round as it finishes; may be null.</param>
    /// <returns>The parameters and the rounds.</returns>
    /// <exception cref="ArgumentException">Invalid options, or a bank that cannot serve them.</exception>
    public static ExposureCalibration Calibrate(ItemBank bank, CatOptions options, ExposureCalibrationOptions calibration, IProgress<ExposureCalibrationRound>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(calibration);
        OptionsGuard.ThrowIfInvalid(nameof(ExposureCalibrationOptions), calibration.Validate());
        int n = bank.Count;
        var isPilot = bank.Columns.IsPilot;
        var edges = calibration.BandEdges;
        IReadOnlyList<double>?[] strata = edges is null ? [null] : Strata(edges);
        var k = strata.Select(_ => Enumerable.Repeat(1.0, n).ToArray()).ToArray();
        var rejections = new int[n];
        var rounds = new List<ExposureCalibrationRound>();
        int stable = 0;
        var used = new Dictionary<string, double>[strata.Length];
        for (int round = 1; round <= calibration.MaxRounds; round++)
        {
            for (int b = 0; b < strata.Length; b++) used[b] = Parameters(bank, k[b]);
            var inForce = edges is null
                ? options with { ExposureParameters = used[0], ConditionalExposure = null }
                : options with { ExposureParameters = new Dictionary<string, double>(), ConditionalExposure = new ConditionalExposureParameters(edges, used) };
            double maxRate = 0, maxSelection = 0, length = 0, accuracy = 0;
            int above = 0;
            for (int b = 0; b < strata.Length; b++)
            {
                var simulation = new SimulationOptions
                {
                    Examinees = calibration.Examinees,
                    Seed = SessionRandom.Mix(calibration.Seed ^ SessionRandom.Mix((ulong)round) ^ SessionRandom.Mix(0x5157 + (ulong)b)),
                    Threads = calibration.Threads,
                    TrueThetaMean = calibration.TrueThetaMean,
                    TrueThetaStandardDeviation = calibration.TrueThetaStandardDeviation,
                    TrueThetaGrid = strata[b],
                };
                if (edges is null) simulation = simulation with { Seed = SessionRandom.Mix(calibration.Seed ^ SessionRandom.Mix((ulong)round)) };
                var report = Simulator.Run(bank, inForce, simulation, throughSessions: false, rejections);
                for (int i = 0; i < n; i++)
                {
                    if (isPilot[i]) continue;
                    double administered = report.ExposureRates[i];
                    double selected = administered + (double)rejections[i] / calibration.Examinees;
                    maxRate = Math.Max(maxRate, administered);
                    maxSelection = Math.Max(maxSelection, selected);
                    if (administered > calibration.TargetRate + calibration.EffectiveTolerance) above++;
                    k[b][i] = selected > calibration.TargetRate ? calibration.TargetRate / selected : 1.0;
                }

                length += report.MeanLength / strata.Length;
                accuracy += report.ClassificationAccuracy / strata.Length;
            }

            var summary = new ExposureCalibrationRound(round, maxRate, above, maxSelection, used.Sum(u => u.Count), length, accuracy);
            rounds.Add(summary);
            progress?.Report(summary);
            stable = above == 0 ? stable + 1 : 0;
            if (stable >= calibration.StableRounds) break;
        }

        bool converged = stable >= calibration.StableRounds;
        return edges is null
            ? new ExposureCalibration(used[0], rounds, converged, calibration.TargetRate)
            : new ExposureCalibration(new Dictionary<string, double>(), rounds, converged, calibration.TargetRate) { Conditional = new ConditionalExposureParameters(edges, used) };
    }

    /// <summary>Per band, the true θ values its examinees cycle through: 8 evenly spaced inside it (outer bands reach one logit past the outer edges).</summary>
    private static IReadOnlyList<double>?[] Strata(IReadOnlyList<double> edges)
    {
        const int points = 8;
        var strata = new IReadOnlyList<double>?[edges.Count + 1];
        for (int b = 0; b <= edges.Count; b++)
        {
            double lower = b == 0 ? edges[0] - 1 : edges[b - 1], upper = b == edges.Count ? edges[^1] + 1 : edges[b];
            strata[b] = Enumerable.Range(0, points).Select(p => lower + (upper - lower) * (p + 0.5) / points).ToArray();
        }

        return strata;
    }

    private static Dictionary<string, double> Parameters(ItemBank bank, double[] k)
    {
        var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < k.Length; i++)
        {
            if (k[i] < 1.0) parameters[bank.Items[i].Id] = Math.Round(k[i], 6, MidpointRounding.AwayFromZero) is var r && r > 0 ? r : 1e-6;
        }

        return parameters;
    }
}
