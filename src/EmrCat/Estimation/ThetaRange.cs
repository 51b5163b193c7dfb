using System.Globalization;
using System.Text.Json.Serialization;

namespace EmrCat.Estimation;

/// <summary>A closed search or integration range for θ.</summary>
public readonly record struct ThetaRange
{
    /// <summary>
    /// The largest |end| a range may have: ±100 logits, far beyond any ability scale. Estimators scan a range on a grid
    /// of step ≤ 0.05, so the cap bounds their memory and time (at most 4,001 points) whatever a caller or a resumed
    /// snapshot asks for.
    /// </summary>
    public const double MaxMagnitude = 100.0;

    /// <summary>Creates a range; both ends finite, within ±<see cref="MaxMagnitude"/>, and <paramref name="lower"/> &lt; <paramref name="upper"/>.</summary>
    /// <param name="lower">Lower end.</param>
    /// <param name="upper">Upper end.</param>
    /// <exception cref="ArgumentException">An end is not finite or beyond ±<see cref="MaxMagnitude"/>, or the ends are not increasing.</exception>
    [JsonConstructor]
    public ThetaRange(double lower, double upper)
    {
        if (!double.IsFinite(lower) || !double.IsFinite(upper) || lower >= upper || Math.Abs(lower) > MaxMagnitude || Math.Abs(upper) > MaxMagnitude)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A θ range needs finite ends within ±{MaxMagnitude} with lower < upper, but was [{lower}, {upper}]."),
                nameof(lower));
        }

        Lower = lower;
        Upper = upper;
    }

    /// <summary>The default range of the oracle settings, [-6, 6].</summary>
    public static ThetaRange Default { get; } = new(-6.0, 6.0);

    /// <summary>Lower end.</summary>
    public double Lower { get; }

    /// <summary>Upper end.</summary>
    public double Upper { get; }

    /// <summary>Clamps a value into the range.</summary>
    /// <param name="theta">The value.</param>
    /// <returns>The nearest value inside the range.</returns>
    public double Clamp(double theta) => Math.Clamp(theta, Lower, Upper);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{Lower}, {Upper}]");
}
