using System.Runtime.CompilerServices;

namespace EmrCat.Irt;

/// <summary>
/// Pure kernels of the logistic item response model (the counterparts of catR's <c>Pi</c>, <c>Ii</c> and <c>Ji</c>):
/// probability, log-likelihood and its derivatives, and Fisher information for one item at one θ.
/// </summary>
/// <remarks>
/// P and Q = 1 − P are both computed from the logistic and its complement, never as 1 − P, so neither loses
/// precision in the tails; |D·a·(θ − b)| is clamped at 500, beyond which every quantity is at its limit anyway.
/// With that, every result is finite for valid parameters and finite θ.
/// </remarks>
public static class ItemResponseFunctions
{
    /// <summary>Probability of a correct response, P(θ).</summary>
    /// <param name="item">The item.</param>
    /// <param name="theta">Ability.</param>
    /// <param name="metric">Scaling constant; default D = 1.</param>
    /// <returns>P(θ) in [c, d].</returns>
    public static double Probability(in ItemParameters item, double theta, IrtMetric metric = default) =>
        ResponseTerms.At(item, theta, metric.ScalingConstant).P;

    /// <summary>Fisher information of the item at θ: P′² / (P·Q).</summary>
    /// <param name="item">The item.</param>
    /// <param name="theta">Ability.</param>
    /// <param name="metric">Scaling constant; default D = 1.</param>
    /// <returns>Information, ≥ 0.</returns>
    public static double Information(in ItemParameters item, double theta, IrtMetric metric = default) =>
        ResponseTerms.At(item, theta, metric.ScalingConstant).Information;

    /// <summary>Log-likelihood of one response: log P if correct, log Q if not.</summary>
    /// <param name="item">The item.</param>
    /// <param name="theta">Ability.</param>
    /// <param name="correct">Whether the response was correct.</param>
    /// <param name="metric">Scaling constant; default D = 1.</param>
    /// <returns>The log-likelihood, ≤ 0.</returns>
    public static double LogLikelihood(in ItemParameters item, double theta, bool correct, IrtMetric metric = default)
    {
        var t = ResponseTerms.At(item, theta, metric.ScalingConstant);
        return correct ? Math.Log(t.P) : Math.Log(t.Q);
    }

    /// <summary>First derivative of the response's log-likelihood with respect to θ (its score).</summary>
    /// <param name="item">The item.</param>
    /// <param name="theta">Ability.</param>
    /// <param name="correct">Whether the response was correct.</param>
    /// <param name="metric">Scaling constant; default D = 1.</param>
    /// <returns>d log L / dθ.</returns>
    public static double LogLikelihoodFirstDerivative(in ItemParameters item, double theta, bool correct, IrtMetric metric = default) =>
        ResponseTerms.At(item, theta, metric.ScalingConstant).Score(correct);

    /// <summary>Second derivative of the response's log-likelihood with respect to θ.</summary>
    /// <param name="item">The item.</param>
    /// <param name="theta">Ability.</param>
    /// <param name="correct">Whether the response was correct.</param>
    /// <param name="metric">Scaling constant; default D = 1.</param>
    /// <returns>d² log L / dθ².</returns>
    public static double LogLikelihoodSecondDerivative(in ItemParameters item, double theta, bool correct, IrtMetric metric = default) =>
        ResponseTerms.At(item, theta, metric.ScalingConstant).ScoreDerivative(correct);
}

/// <summary>P, Q and the θ-derivatives of P for one item at one θ: the shared arithmetic of every kernel.</summary>
internal readonly struct ResponseTerms
{
    /// <summary>Beyond this |D·a·(θ − b)| every term is at its limit; clamping keeps the complements representable.</summary>
    internal const double MaxExponent = 500.0;

    public readonly double P;
    public readonly double Q;
    public readonly double DP;
    public readonly double D2P;
    public readonly double D3P;

    private ResponseTerms(double p, double q, double dp, double d2p, double d3p)
    {
        P = p;
        Q = q;
        DP = dp;
        D2P = d2p;
        D3P = d3p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ResponseTerms At(in ItemParameters item, double theta, double scaling) =>
        At(item.A, item.B, item.C, item.D, theta, scaling);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ResponseTerms At(double a, double b, double c, double d, double theta, double scaling)
    {
        double slope = scaling * a;
        double z = Math.Clamp(slope * (theta - b), -MaxExponent, MaxExponent);

        // One exp of a non-positive argument gives both the logistic s and its complement sm = 1 − s exactly.
        double e = Math.Exp(-Math.Abs(z));
        double inv = 1.0 / (1.0 + e);
        double s = z >= 0 ? inv : e * inv;
        double sm = z >= 0 ? e * inv : inv;
        double range = d - c;
        double ssm = s * sm;
        // Each of P and Q is computed from whichever asymptote it is nearer, so both stay accurate in the tails and
        // P never leaves [c, d] by rounding.
        double p = z >= 0 ? d - range * sm : c + range * s;
        double q = z >= 0 ? (1.0 - d) + range * sm : (1.0 - c) - range * s;
        double dp = slope * range * ssm;
        double d2p = slope * slope * range * ssm * (sm - s);
        double d3p = slope * slope * slope * range * ssm * (1.0 - 6.0 * ssm);
        return new ResponseTerms(p, q, dp, d2p, d3p);
    }

    /// <summary>Fisher information P′² / (P·Q).</summary>
    public double Information => DP * (DP / (P * Q));

    /// <summary>catR's J: P′·P″ / (P·Q), the numerator of Warm's correction.</summary>
    public double WarmJ => DP * (D2P / (P * Q));

    /// <summary>d log L / dθ for one response.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Score(bool correct) => correct ? DP / P : -DP / Q;

    /// <summary>d² log L / dθ² for one response.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ScoreDerivative(bool correct)
    {
        if (correct)
        {
            double r = DP / P;
            return D2P / P - r * r;
        }

        double w = DP / Q;
        return -D2P / Q - w * w;
    }
}
