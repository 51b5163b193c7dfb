using System.Globalization;

namespace EmrCat.Scoring;

/// <summary>
/// The reporting scale: θ maps linearly to a scaled score, the cut θ to exactly the passing score (950), clamped to
/// [minimum, maximum] (100–1500). The scaled score is not a percentage. Pass ⇔ scaled ≥ passing score ⇔ θ̂ ≥ cut.
/// </summary>
public sealed record ReportingScale
{
    /// <summary>The EMR defaults: cut θ 0, passing score 950, range 100–1500, 100 points per logit.</summary>
    public static ReportingScale Emr { get; } = new();

    /// <summary>θ at the passing standard. Default 0.</summary>
    public double CutTheta { get; init; }

    /// <summary>Scaled score at the cut. Default 950.</summary>
    public double PassingScore { get; init; } = 950;

    /// <summary>Lowest reportable score. Default 100.</summary>
    public double Minimum { get; init; } = 100;

    /// <summary>Highest reportable score. Default 1500.</summary>
    public double Maximum { get; init; } = 1500;

    /// <summary>Scaled points per logit of θ, &gt; 0. Default 100.</summary>
    public double PointsPerLogit { get; init; } = 100;

    /// <summary>Maps θ to the scaled score: passing + slope·(θ − cut), clamped to [minimum, maximum]. Monotone non-decreasing.</summary>
    /// <param name="theta">Ability; ±∞ map to the ends, NaN is refused.</param>
    /// <returns>The scaled score.</returns>
    /// <exception cref="ArgumentException">θ is NaN.</exception>
    public double ToScaled(double theta)
    {
        if (double.IsNaN(theta)) throw new ArgumentException("θ is NaN; there is no scaled score for it.", nameof(theta));
        if (theta == CutTheta) return PassingScore; // exactly, whatever the rounding of the slope term
        double scaled = Math.Clamp(PassingScore + PointsPerLogit * (theta - CutTheta), Minimum, Maximum);

        // A θ a few ulps below the cut can round to exactly the passing score; keep it on the failing side.
        return theta < CutTheta && scaled >= PassingScore ? Math.BitDecrement(PassingScore) : scaled;
    }

    /// <summary>The scaled score rounded to a whole number as reported, never rounding a fail up to the passing score.</summary>
    /// <param name="theta">Ability.</param>
    /// <returns>The reported score.</returns>
    public int ToReported(double theta)
    {
        double scaled = ToScaled(theta);
        double rounded = Math.Round(scaled, MidpointRounding.AwayFromZero);
        if (scaled < PassingScore && rounded >= PassingScore) rounded = Math.Ceiling(PassingScore) - 1;
        return (int)rounded;
    }

    /// <summary>The inverse: the θ whose scaled score is <paramref name="scaled"/> (inside (minimum, maximum)); the ends map to the θ where clamping starts.</summary>
    /// <param name="scaled">A score in [minimum, maximum].</param>
    /// <returns>θ.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The score is outside the scale.</exception>
    public double ToTheta(double scaled)
    {
        if (!(scaled >= Minimum && scaled <= Maximum)) throw new ArgumentOutOfRangeException(nameof(scaled), scaled, $"A scaled score must be in [{Minimum}, {Maximum}].");
        return CutTheta + (scaled - PassingScore) / PointsPerLogit;
    }

    /// <summary>
    /// The θ span the scale reports without clamping: [θ at <see cref="Minimum"/>, θ at <see cref="Maximum"/>] (for the
    /// EMR scale [-8.5, 5.5]). An estimator whose range lies inside it never has its estimate clamped by the scale.
    /// </summary>
    public EmrCat.Estimation.ThetaRange ThetaSpan => new(CutTheta + (Minimum - PassingScore) / PointsPerLogit, CutTheta + (Maximum - PassingScore) / PointsPerLogit);

    /// <summary>A standard error of θ in scaled points (the conditional standard error of measurement): SE · points per logit.</summary>
    /// <param name="standardError">SE of θ̂, ≥ 0 (∞ stays ∞).</param>
    /// <returns>The SE in scaled points.</returns>
    /// <exception cref="ArgumentException">The SE is NaN or negative.</exception>
    public double ToScaledStandardError(double standardError)
    {
        if (!(standardError >= 0)) throw new ArgumentException($"A standard error must be ≥ 0, but was {standardError}.", nameof(standardError));
        return standardError * PointsPerLogit;
    }

    /// <summary>
    /// The band of scaled scores θ̂ ± z·SE (z = Φ⁻¹((1 + confidence)/2), 1.96 for 95%), each end mapped by
    /// <see cref="ToScaled"/> and so clamped to [minimum, maximum].
    /// </summary>
    /// <param name="theta">θ̂.</param>
    /// <param name="standardError">Its SE (∞ gives the whole scale).</param>
    /// <param name="confidence">Two-sided confidence in (0, 1), e.g. 0.95.</param>
    /// <returns>The band.</returns>
    /// <exception cref="ArgumentException">θ is NaN, the SE is NaN or negative, or the confidence is outside (0, 1).</exception>
    public ScoreBand Band(double theta, double standardError, double confidence)
    {
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentException($"Confidence must be in (0, 1), but was {confidence}.", nameof(confidence));
        double half = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, (1 + confidence) / 2) * ToScaledStandardError(standardError);
        double center = ToScaled(theta);
        double low = double.IsFinite(half) ? Math.Clamp(center - half, Minimum, Maximum) : Minimum;
        double high = double.IsFinite(half) ? Math.Clamp(center + half, Minimum, Maximum) : Maximum;
        return new ScoreBand(low, high, confidence);
    }

    /// <summary>Whether θ̂ meets the standard (θ̂ ≥ cut, equivalently scaled ≥ passing score).</summary>
    /// <param name="theta">Ability estimate.</param>
    /// <returns>True when passing.</returns>
    public bool Passes(double theta) => theta >= CutTheta;

    /// <summary>Every problem with the values, all at once.</summary>
    /// <returns>Problems; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        if (!double.IsFinite(CutTheta)) problems.Add($"CutTheta must be finite, but was {F(CutTheta)}.");
        if (!double.IsFinite(PointsPerLogit) || PointsPerLogit <= 0) problems.Add($"PointsPerLogit must be finite and > 0, but was {F(PointsPerLogit)}.");
        if (!double.IsFinite(Minimum) || !double.IsFinite(Maximum) || Minimum >= Maximum) problems.Add($"Minimum must be below Maximum, but they were {F(Minimum)} and {F(Maximum)}.");
        else if (!(PassingScore > Minimum && PassingScore < Maximum)) problems.Add($"PassingScore must lie strictly inside [{F(Minimum)}, {F(Maximum)}], but was {F(PassingScore)}.");
        return problems;
    }
}

/// <summary>A confidence band of scaled scores.</summary>
/// <param name="Low">Lower end (scaled points).</param>
/// <param name="High">Upper end (scaled points).</param>
/// <param name="Confidence">Two-sided confidence, e.g. 0.95.</param>
public readonly record struct ScoreBand(double Low, double High, double Confidence);
