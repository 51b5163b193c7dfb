using System.Globalization;
using System.Text.Json.Serialization;

namespace EmrCat.Estimation;

/// <summary>A closed search or integration range for θ.</summary>
public readonly record struct ThetaRange
{
    /// <summary>Creates a range; both ends finite and <paramref name="lower"/> &lt; <paramref name="upper"/>.</summary>
    /// <param name="lower">Lower end.</param>
    /// <param name="upper">Upper end.</param>
    /// <exception cref="ArgumentException">An end is not finite or the ends are not increasing.</exception>
    [JsonConstructor]
    public ThetaRange(double lower, double upper)
    {
        if (!double.IsFinite(lower) || !double.IsFinite(upper) || lower >= upper)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A θ range needs finite ends with lower < upper, but was [{lower}, {upper}]."),
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
