namespace EmrCat.Irt;

/// <summary>
/// The scaling constant D of the logistic model: 1.0 for the logistic metric (catR's and mirt's default),
/// 1.702 to approximate the normal-ogive metric.
/// </summary>
public readonly record struct IrtMetric
{
    /// <summary>The logistic metric, D = 1.0 (the default).</summary>
    public static IrtMetric Logistic { get; } = new(1.0);

    /// <summary>The normal-ogive approximation, D = 1.702.</summary>
    public static IrtMetric NormalOgive { get; } = new(1.702);

    /// <summary>Creates a metric with the given scaling constant.</summary>
    /// <param name="scalingConstant">D, finite and &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">D is not finite or not positive.</exception>
    public IrtMetric(double scalingConstant)
    {
        if (!double.IsFinite(scalingConstant) || scalingConstant <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scalingConstant), scalingConstant, "The scaling constant D must be finite and > 0.");
        }

        ScalingConstant = scalingConstant;
    }

    /// <summary>The scaling constant D. A default-constructed metric reads as 1.0.</summary>
    public double ScalingConstant { get => field == 0 ? 1.0 : field; }
}
