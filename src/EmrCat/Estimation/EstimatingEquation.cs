using EmrCat.Internal;
using EmrCat.Irt;

namespace EmrCat.Estimation;

/// <summary>Which penalty is added to the likelihood score.</summary>
internal enum ScorePenalty
{
    None,
    NormalPrior,
    Warm,
}

/// <summary>
/// The estimating equation of ML, MAP and WLE: Σ dlogL/dθ plus a penalty (0, the normal prior's (μ − θ)/σ², or
/// Warm's J/(2I)). A ref struct over the caller's spans: evaluating it allocates nothing.
/// </summary>
internal ref struct EstimatingEquation : IScalarFunction
{
    private readonly ReadOnlySpan<ItemParameters> _items;
    private readonly ReadOnlySpan<bool> _correct;
    private readonly double _scaling;
    private readonly ScorePenalty _penalty;
    private readonly double _priorMean;
    private readonly double _priorPrecision;

    public EstimatingEquation(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<bool> correct, double scaling, ScorePenalty penalty, double priorMean = 0, double priorPrecision = 0)
    {
        _items = items;
        _correct = correct;
        _scaling = scaling;
        _penalty = penalty;
        _priorMean = priorMean;
        _priorPrecision = priorPrecision;
    }

    public double Evaluate(double theta)
    {
        double score = 0, information = 0, warmJ = 0;
        for (int i = 0; i < _items.Length; i++)
        {
            var t = ResponseTerms.At(_items[i], theta, _scaling);
            score += t.Score(_correct[i]);
            if (_penalty == ScorePenalty.Warm)
            {
                information += t.Information;
                warmJ += t.WarmJ;
            }
        }

        return _penalty switch
        {
            ScorePenalty.NormalPrior => score + (_priorMean - theta) * _priorPrecision,
            ScorePenalty.Warm => information > 0 ? score + warmJ / (2.0 * information) : score,
            _ => score,
        };
    }

    /// <summary>
    /// Solves the equation in the range the way catR does: the lower bound when it is negative at both ends, the upper
    /// bound when positive at both ends, else Brent's root in between.
    /// </summary>
    public (double Theta, EstimateStatus Status) Solve(ThetaRange range, double tolerance)
    {
        double fLower = Evaluate(range.Lower);
        double fUpper = Evaluate(range.Upper);
        if (fLower < 0 && fUpper < 0) return (range.Lower, EstimateStatus.AtLowerBound);
        if (fLower > 0 && fUpper > 0) return (range.Upper, EstimateStatus.AtUpperBound);
        double root = BrentRootFinder.FindRoot(ref this, range.Lower, range.Upper, fLower, fUpper, tolerance);
        return (range.Clamp(root), EstimateStatus.Converged);
    }
}

/// <summary>Test information of a set of items at θ.</summary>
internal static class TestInformation
{
    public static double At(ReadOnlySpan<ItemParameters> items, double theta, double scaling)
    {
        double information = 0;
        foreach (ref readonly var item in items)
        {
            information += ResponseTerms.At(item, theta, scaling).Information;
        }

        return information;
    }

    /// <summary>1/√I, or +∞ when there is no information.</summary>
    public static double StandardError(double information) =>
        information > 0 && double.IsFinite(information) ? 1.0 / Math.Sqrt(information) : double.PositiveInfinity;

    public static void ThrowIfMisaligned(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<bool> correct)
    {
        if (items.Length != correct.Length)
        {
            throw new ArgumentException($"Got {items.Length} items but {correct.Length} responses; they must align one to one.", nameof(correct));
        }
    }
}
