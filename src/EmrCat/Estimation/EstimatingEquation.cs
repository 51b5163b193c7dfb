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

    /// <summary>Log-likelihood plus the log prior (up to a constant): the objective whose stationary points the equation marks.</summary>
    public double LogObjective(double theta)
    {
        double total = 0;
        for (int i = 0; i < _items.Length; i++)
        {
            var t = ResponseTerms.At(_items[i], theta, _scaling);
            total += Math.Log(_correct[i] ? t.P : t.Q);
        }

        return _penalty == ScorePenalty.NormalPrior ? total - 0.5 * _priorPrecision * (theta - _priorMean) * (theta - _priorMean) : total;
    }

    /// <summary>
    /// Finds the highest mode of the objective. A grid scan counts the places where the equation falls through zero
    /// (local maxima); with at most one, this is exactly <see cref="Solve"/> (catR's path). With several — possible with
    /// 3PL/4PL items — each is refined and the one with the largest objective wins, so the estimate is the global mode.
    /// </summary>
    public (double Theta, EstimateStatus Status) SolveGlobalMode(ThetaRange range, double tolerance, int gridPoints = 121)
    {
        double step = (range.Upper - range.Lower) / (gridPoints - 1);
        int maxima = 0;
        double previous = Evaluate(range.Lower);
        for (int k = 1; k < gridPoints; k++)
        {
            double current = Evaluate(k == gridPoints - 1 ? range.Upper : range.Lower + k * step);
            if (previous > 0 && current <= 0) maxima++;
            previous = current;
        }

        if (maxima <= 1) return Solve(range, tolerance);

        double bestTheta = double.NaN, bestValue = double.NegativeInfinity;
        var bestStatus = EstimateStatus.Converged;
        void Consider(double theta, EstimateStatus status, ref EstimatingEquation self)
        {
            double value = self.LogObjective(theta);
            if (value > bestValue)
            {
                bestValue = value;
                bestTheta = theta;
                bestStatus = status;
            }
        }

        double fLower = Evaluate(range.Lower);
        if (fLower < 0) Consider(range.Lower, EstimateStatus.AtLowerBound, ref this);
        double left = range.Lower, fLeft = fLower;
        for (int k = 1; k < gridPoints; k++)
        {
            double right = k == gridPoints - 1 ? range.Upper : range.Lower + k * step;
            double fRight = Evaluate(right);
            if (fLeft > 0 && fRight <= 0)
            {
                Consider(range.Clamp(BrentRootFinder.FindRoot(ref this, left, right, fLeft, fRight, tolerance)), EstimateStatus.Converged, ref this);
            }

            left = right;
            fLeft = fRight;
        }

        if (fLeft > 0) Consider(range.Upper, EstimateStatus.AtUpperBound, ref this);
        return (bestTheta, bestStatus);
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
