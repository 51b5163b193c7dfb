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
