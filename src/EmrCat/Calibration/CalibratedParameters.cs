using System.Collections.Immutable;
using EmrCat.Irt;

namespace EmrCat.Calibration;

/// <summary>
/// One item's parameters in IRT form (never slope–intercept): a; the locations — b for 1PL/2PL/3PL, the steps
/// t_1..t_K for GPCM, the category thresholds b_1..b_K for GRM; c and d for dichotomous items (c = 0, d = 1 otherwise).
/// </summary>
public sealed record CalibratedParameters
{
    /// <summary>Creates parameters; the locations are copied.</summary>
    /// <param name="model">The model.</param>
    /// <param name="a">Discrimination, finite and &gt; 0.</param>
    /// <param name="locations">b (one value) for dichotomous models, K ≥ 1 steps or thresholds for GPCM/GRM (GRM increasing).</param>
    /// <param name="c">Lower asymptote in [0, 1) (dichotomous only).</param>
    /// <param name="d">Upper asymptote in (c, 1] (dichotomous only; fixed items only may have d &lt; 1).</param>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public CalibratedParameters(CalibrationModel model, double a, IEnumerable<double> locations, double c = 0, double d = 1)
    {
        ArgumentNullException.ThrowIfNull(locations);
        var list = locations.ToImmutableArray();
        if (Problem(model, a, list, c, d) is { } problem) throw new ArgumentException(problem);
        Model = model;
        A = a;
        Locations = list;
        C = c;
        D = d;
    }

    /// <summary>The model.</summary>
    public CalibrationModel Model { get; }

    /// <summary>Discrimination a.</summary>
    public double A { get; }

    /// <summary>b (dichotomous), steps t_1..t_K (GPCM) or thresholds b_1..b_K (GRM).</summary>
    public ImmutableArray<double> Locations { get; }

    /// <summary>Lower asymptote c (0 unless 3PL).</summary>
    public double C { get; }

    /// <summary>Upper asymptote d (1 unless a fixed 4PL item).</summary>
    public double D { get; }

    /// <summary>Number of response categories: 2 for dichotomous items, K + 1 for polytomous ones.</summary>
    public int Categories => IsDichotomous ? 2 : Locations.Length + 1;

    /// <summary>Whether the model is 1PL, 2PL or 3PL.</summary>
    public bool IsDichotomous => Model is CalibrationModel.OnePL or CalibrationModel.TwoPL or CalibrationModel.ThreePL;

    /// <summary>Dichotomous parameters as the engine's <see cref="ItemParameters"/>.</summary>
    /// <returns>The parameters.</returns>
    /// <exception cref="InvalidOperationException">The item is polytomous.</exception>
    public ItemParameters ToItemParameters() =>
        IsDichotomous ? new ItemParameters(A, Locations[0], C, D) : throw new InvalidOperationException($"A {Model} item has no dichotomous parameters.");

    /// <summary>Dichotomous parameters from the engine's <see cref="ItemParameters"/> (model 1PL/2PL/3PL by their values).</summary>
    /// <param name="parameters">The parameters.</param>
    /// <returns>The calibration form.</returns>
    public static CalibratedParameters From(ItemParameters parameters)
    {
        var model = parameters.C > 0 || parameters.D < 1 ? CalibrationModel.ThreePL : parameters.A == 1 ? CalibrationModel.OnePL : CalibrationModel.TwoPL;
        return new CalibratedParameters(model, parameters.A, [parameters.B], parameters.C, parameters.D);
    }

    /// <summary>Checks values without throwing: null when valid, else a message naming the field.</summary>
    /// <param name="model">The model.</param>
    /// <param name="a">Discrimination.</param>
    /// <param name="locations">Locations.</param>
    /// <param name="c">Lower asymptote.</param>
    /// <param name="d">Upper asymptote.</param>
    /// <returns>The problem, or null.</returns>
    public static string? Problem(CalibrationModel model, double a, IReadOnlyList<double> locations, double c, double d)
    {
        if (!Enum.IsDefined(model)) return $"Model {model} is not a calibration model.";
        if (model is CalibrationModel.Gpcm or CalibrationModel.Grm)
        {
            if (!double.IsFinite(a) || a <= 0) return $"Discrimination a must be a finite number > 0, but was {a}.";
            if (locations.Count < 1) return "A polytomous item needs at least one step or threshold.";
            for (int k = 0; k < locations.Count; k++)
            {
                if (!double.IsFinite(locations[k])) return $"Location {k + 1} must be a finite number, but was {locations[k]}.";
                if (model == CalibrationModel.Grm && k > 0 && locations[k] <= locations[k - 1]) return $"GRM thresholds must increase, but b{k + 1} = {locations[k]} ≤ b{k} = {locations[k - 1]}.";
            }

            return c == 0 && d == 1 ? null : "c and d apply to dichotomous items only.";
        }

        if (locations.Count != 1) return $"A dichotomous item has one location b, but {locations.Count} were given.";
        return ItemParameters.Validate(a, locations[0], c, d)?.Message;
    }
}

/// <summary>Standard errors of one item's estimates in IRT form (null for parameters that were not estimated).</summary>
/// <param name="A">SE of a.</param>
/// <param name="Locations">SEs of the locations, in the order of <see cref="CalibratedParameters.Locations"/>.</param>
/// <param name="C">SE of c.</param>
public sealed record ParameterErrors(double? A, ImmutableArray<double?> Locations, double? C);

/// <summary>The S-X² item-fit statistic (Orlando &amp; Thissen, 2000) of one item.</summary>
/// <param name="ChiSquare">S-X² after pooling summed-score groups whose expected counts fall below 1 (mirt's default).</param>
/// <param name="DegreesOfFreedom">Groups × (categories − 1) minus the item's estimated parameters.</param>
/// <param name="PValue">Upper-tail chi-square probability; small values flag misfit.</param>
public sealed record ItemFit(double ChiSquare, int DegreesOfFreedom, double PValue);

/// <summary>One item's calibration outcome.</summary>
/// <param name="Id">The item id.</param>
/// <param name="Parameters">The estimates (or, for a fixed item, the values it was held at).</param>
/// <param name="StandardErrors">The SEs in IRT form (null for a fixed item or when SEs were not asked for or not available).</param>
/// <param name="Fixed">Whether the item was held at given parameters.</param>
/// <param name="Responses">How many examinees answered it.</param>
/// <param name="Fit">S-X² item fit (null when not computed: fixed items, sparse data or not asked for).</param>
public sealed record ItemEstimate(string Id, CalibratedParameters Parameters, ParameterErrors? StandardErrors, bool Fixed, int Responses, ItemFit? Fit);

/// <summary>The outcome of a calibration.</summary>
public sealed record CalibrationResult
{
    /// <summary>Every item of the data, estimated or fixed, in column order.</summary>
    public required IReadOnlyList<ItemEstimate> Items { get; init; }

    /// <summary>The marginal log-likelihood at the estimates (without the prior).</summary>
    public required double LogLikelihood { get; init; }

    /// <summary>Σ log prior density at the estimates (0 without a prior): mirt's <c>logPrior</c>.</summary>
    public required double LogPrior { get; init; }

    /// <summary>EM cycles used (each is one E-step and one M-step; accelerated steps count as cycles too).</summary>
    public required int Cycles { get; init; }

    /// <summary>Whether the tolerance was reached within the cycle limit.</summary>
    public required bool Converged { get; init; }

    /// <summary>
    /// Whether the observed information matrix was positive definite (the estimates are a proper maximum and the
    /// SEs exist); null when SEs were not computed.
    /// </summary>
    public bool? InformationPositiveDefinite { get; init; }

    /// <summary>Mean of the latent distribution (0 unless estimated).</summary>
    public double LatentMean { get; init; }

    /// <summary>Variance of the latent distribution (1 unless estimated).</summary>
    public double LatentVariance { get; init; } = 1;

    /// <summary>Number of estimated parameters.</summary>
    public required int FreeParameters { get; init; }

    /// <summary>Number of examinees.</summary>
    public required int Examinees { get; init; }
}

/// <summary>Progress of a running calibration, reported once per EM cycle.</summary>
/// <param name="Cycle">Cycles done.</param>
/// <param name="LogPosterior">log-likelihood + log prior at the start of the cycle.</param>
/// <param name="MaxChange">Largest parameter change in the cycle.</param>
public readonly record struct CalibrationProgress(int Cycle, double LogPosterior, double MaxChange);

/// <summary>The data cannot be calibrated as asked (an item without variation, a fixed item's wrong model…); the message names the item.</summary>
public sealed class CalibrationInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="itemId">The item concerned, or null for the whole data set.</param>
    /// <param name="message">What is wrong.</param>
    public CalibrationInputException(string? itemId, string message)
        : base(itemId is null ? message : $"Item '{itemId}': {message}")
    {
        ItemId = itemId;
    }

    /// <summary>The item concerned, or null.</summary>
    public string? ItemId { get; }
}
