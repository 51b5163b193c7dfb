using EmrCat.Internal;

namespace EmrCat.Calibration;

/// <summary>
/// Settings of a marginal maximum-likelihood calibration by EM (Bock–Aitkin). The defaults are mirt's EM defaults as
/// the oracle ran them: 61 equally spaced quadrature points on [−6, 6], latent N(0, 1) weights normalised to sum 1,
/// convergence when no parameter moves more than 1e-6 between cycles (mirt's TOL, on mirt's slope–intercept scale),
/// at most 10,000 cycles, standard errors from the observed information.
/// </summary>
public sealed record CalibrationOptions
{
    /// <summary>The model of the items being estimated. Default 2PL.</summary>
    public CalibrationModel Model { get; init; } = CalibrationModel.TwoPL;

    /// <summary>Prior on c for 3PL items; <see langword="null"/> (the default) for plain maximum likelihood.</summary>
    public BetaPrior? GuessingPrior { get; init; }

    /// <summary>Number of quadrature nodes, equally spaced from <see cref="ThetaMin"/> to <see cref="ThetaMax"/>. Default 61.</summary>
    public int QuadraturePoints { get; init; } = 61;

    /// <summary>Lowest quadrature node. Default −6.</summary>
    public double ThetaMin { get; init; } = -6.0;

    /// <summary>Highest quadrature node. Default 6.</summary>
    public double ThetaMax { get; init; } = 6.0;

    /// <summary>Convergence: largest absolute change of any slope–intercept parameter between EM cycles. Default 1e-6.</summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Most EM cycles before giving up (the result then says it did not converge). Default 10,000.</summary>
    public int MaxCycles { get; init; } = 10_000;

    /// <summary>Compute standard errors from the observed information matrix. Default true.</summary>
    public bool StandardErrors { get; init; } = true;

    /// <summary>Compute the S-X² item-fit statistic per estimated item (complete data only). Default true.</summary>
    public bool ItemFit { get; init; } = true;

    /// <summary>
    /// Estimate the latent mean and variance too (only with fixed items, which then set the scale). Default false:
    /// the latent distribution stays N(0, 1), mirt's default.
    /// </summary>
    public bool EstimateLatentDistribution { get; init; }

    /// <summary>Threads for the E-step and M-step; 0 (the default) uses every processor.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>The options mirt's defaults for <paramref name="model"/> give, as the oracle ran them.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The options.</returns>
    public static CalibrationOptions For(CalibrationModel model) => new() { Model = model };

    /// <summary>Throws when a setting is out of range, naming every problem at once.</summary>
    /// <exception cref="ArgumentException">Some setting is invalid.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Model)) problems.Add($"Model {Model} is not a calibration model.");
        if (QuadraturePoints < 5 || QuadraturePoints > 1001) problems.Add($"QuadraturePoints must be in [5, 1001], but was {QuadraturePoints}.");
        if (!double.IsFinite(ThetaMin) || !double.IsFinite(ThetaMax) || ThetaMin >= ThetaMax)
        {
            problems.Add($"ThetaMin ({ThetaMin}) must be finite and below ThetaMax ({ThetaMax}).");
        }

        if (!double.IsFinite(Tolerance) || Tolerance <= 0) problems.Add($"Tolerance must be a finite number > 0, but was {Tolerance}.");
        if (MaxCycles < 1) problems.Add($"MaxCycles must be at least 1, but was {MaxCycles}.");
        if (MaxDegreeOfParallelism < 0) problems.Add($"MaxDegreeOfParallelism must be 0 (all processors) or more, but was {MaxDegreeOfParallelism}.");
        if (GuessingPrior is { } prior)
        {
            if (Model != CalibrationModel.ThreePL) problems.Add($"GuessingPrior applies to 3PL only, but Model is {Model}.");
            if (!double.IsFinite(prior.Alpha) || !double.IsFinite(prior.Beta) || prior.Alpha <= 0 || prior.Beta <= 0)
            {
                problems.Add($"GuessingPrior needs finite α, β > 0, but was Beta({prior.Alpha}, {prior.Beta}).");
            }
        }

        OptionsGuard.ThrowIfInvalid(nameof(CalibrationOptions), problems);
    }
}
