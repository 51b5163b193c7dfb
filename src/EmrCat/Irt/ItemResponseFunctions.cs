using System.Runtime.CompilerServices;

namespace EmrCat.Irt;

/// <summary>
/// Pure kernels of the item response models (the counterparts of catR's <c>Pi</c>, <c>Ii</c>, <c>Ji</c> and
/// <c>KL</c>): category probabilities, log-likelihood and its derivatives, Fisher information and Kullback–Leibler
/// divergence for one item at one θ, for 1–4PL and for GRM, GPCM and PCM items.
/// </summary>
/// <remarks>
/// P and Q = 1 − P are both computed from the logistic and its complement, never as 1 − P, so neither loses
/// precision in the tails; |D·a·(θ − b)| is clamped at 500, beyond which every quantity is at its limit anyway.
/// With that, every result is finite for valid parameters and finite θ.
/// </remarks>
public static class ItemResponseFunctions
{
    /// <summary>
    /// Probability of a correct response, P(θ); for a polytomous item the probability of its top category (full
    /// credit). <see cref="CategoryProbabilities"/> gives every category.
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="theta">Ability.</param>
    /// <param name="metric">Scaling constant; default D = 1.</param>
    /// <returns>P(θ) in [c, d] (dichotomous) or P(X = K − 1) (polytomous).</returns>
    public static double Probability(in ItemParameters item, double theta, IrtMetric metric = default)
    {
        if (!item.IsPolytomous) return ResponseTerms.At(item, theta, metric.ScalingConstant).P;
        Span<double> p = stackalloc double[ItemParameters.MaxCategories];
        CategoryProbabilities(item, theta, p, metric);
        return p[item.Categories - 1];
    }

    /// <summary>
    /// The probability of each response category at θ: P(X = 0) … P(X = K − 1) (for a dichotomous item Q then P);
    /// the counterpart of catR's <c>Pi</c> for polytomous models. They sum to 1.
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="theta">Ability.</param>
    /// <param name="destination">At least <see cref="ItemParameters.Categories"/> slots.</param>
    /// <param name="metric">Scaling constant; default D = 1.</param>
    /// <returns>The number of categories written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static int CategoryProbabilities(in ItemParameters item, double theta, Span<double> destination, IrtMetric metric = default)
    {
        int k = item.Categories;
        if (destination.Length < k) throw new ArgumentException($"The item has {k} categories but the destination holds {destination.Length}.", nameof(destination));
        if (!item.IsPolytomous)
        {
            var t = ResponseTerms.At(item, theta, metric.ScalingConstant);
            destination[0] = t.Q;
            destination[1] = t.P;
            return 2;
        }

        Span<double> u = stackalloc double[ItemParameters.MaxCategories];
        Span<double> du = stackalloc double[ItemParameters.MaxCategories];
        return CategoryTerms.Fill(item, theta, metric.ScalingConstant, destination, u, du);
    }

    /// <summary>
    /// Fisher information of the item at θ: P′² / (P·Q) for a dichotomous item, Σ_k P_k′² / P_k for a polytomous one
    /// (catR's <c>Ii</c>).
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="theta">Ability.</param>
    /// <param name="metric">Scaling constant; default D = 1.</param>
    /// <returns>Information, ≥ 0.</returns>
    public static double Information(in ItemParameters item, double theta, IrtMetric metric = default) =>
        item.IsPolytomous
            ? CategoryTerms.Information(item, theta, metric.ScalingConstant)
            : ResponseTerms.At(item, theta, metric.ScalingConstant).Information;

    /// <summary>Log-likelihood of one response: log P if correct, log Q if not.</summary>
    /// <param name="item">A dichotomous item.</param>
    /// <param name="theta">Ability.</param>
    /// <param name="correct">Whether the response was correct.</param>
    /// <param name="metric">Scaling constant; default D = 1.</param>
    /// <returns>The log-likelihood, ≤ 0.</returns>
    /// <exception cref="ArgumentException">The item is polytomous (use the category overload).</exception>
    public static double LogLikelihood(in ItemParameters item, double theta, bool correct, IrtMetric metric = default) =>
        LogLikelihood(item, theta, Dichotomous(item, correct), metric);

    /// <summary>Log-likelihood of a response in category <paramref name="category"/>: log P_x (dichotomous: 1 right, 0 wrong).</summary>
    /// <param name="item">The item.</param>
    /// <param name="theta">Ability.</param>
    /// <param name="category">The category, 0..K−1.</param>
    /// <param name="metric">Scaling constant; default D = 1.</param>
    /// <returns>The log-likelihood, ≤ 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The category is outside 0..K−1.</exception>
    public static double LogLikelihood(in ItemParameters item, double theta, int category, IrtMetric metric = default) =>
        ResponseContribution.Of(item, theta, metric.ScalingConstant, CheckCategory(item, category)).LogLikelihood;

    /// <summary>First derivative of the response's log-likelihood with respect to θ (its score).</summary>
    /// <param name="item">A dichotomous item.</param>
    /// <param name="theta">Ability.</param>
    /// <param name="correct">Whether the response was correct.</param>
    /// <param name="metric">Scaling constant; default D = 1.</param>
    /// <returns>d log L / dθ.</returns>
    /// <exception cref="ArgumentException">The item is polytomous (use the category overload).</exception>
    public static double LogLikelihoodFirstDerivative(in ItemParameters item, double theta, bool correct, IrtMetric metric = default) =>
        LogLikelihoodFirstDerivative(item, theta, Dichotomous(item, correct), metric);

    /// <summary>First derivative of log P_x with respect to θ.</summary>
    /// <param name="item">The item.</param>
    /// <param name="theta">Ability.</param>
    /// <param name="category">The category, 0..K−1.</param>
    /// <param name="metric">Scaling constant; default D = 1.</param>
    /// <returns>d log P_x / dθ.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The category is outside 0..K−1.</exception>
    public static double LogLikelihoodFirstDerivative(in ItemParameters item, double theta, int category, IrtMetric metric = default) =>
        ResponseContribution.Of(item, theta, metric.ScalingConstant, CheckCategory(item, category)).Score;

    /// <summary>Second derivative of the response's log-likelihood with respect to θ.</summary>
    /// <param name="item">A dichotomous item.</param>
    /// <param name="theta">Ability.</param>
    /// <param name="correct">Whether the response was correct.</param>
    /// <param name="metric">Scaling constant; default D = 1.</param>
    /// <returns>d² log L / dθ².</returns>
    /// <exception cref="ArgumentException">The item is polytomous (use the category overload).</exception>
    public static double LogLikelihoodSecondDerivative(in ItemParameters item, double theta, bool correct, IrtMetric metric = default) =>
        LogLikelihoodSecondDerivative(item, theta, Dichotomous(item, correct), metric);

    /// <summary>Second derivative of log P_x with respect to θ.</summary>
    /// <param name="item">The item.</param>
    /// <param name="theta">Ability.</param>
    /// <param name="category">The category, 0..K−1.</param>
    /// <param name="metric">Scaling constant; default D = 1.</param>
    /// <returns>d² log P_x / dθ².</returns>
    /// <exception cref="ArgumentOutOfRangeException">The category is outside 0..K−1.</exception>
    public static double LogLikelihoodSecondDerivative(in ItemParameters item, double theta, int category, IrtMetric metric = default) =>
        ResponseContribution.Of(item, theta, metric.ScalingConstant, CheckCategory(item, category)).ScoreDerivative;

    /// <summary>
    /// Kullback–Leibler divergence of the item's response distribution at <paramref name="other"/> from the one at
    /// <paramref name="theta"/>: Σ_k P_k(θ)·log(P_k(θ)/P_k(θ′)) (catR's <c>KL</c> integrand; for a dichotomous item
    /// P·log(P/P′) + Q·log(Q/Q′)).
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="theta">The reference ability θ.</param>
    /// <param name="other">The compared ability θ′.</param>
    /// <param name="metric">Scaling constant; default D = 1.</param>
    /// <returns>The divergence, ≥ 0 (up to rounding for a dichotomous item).</returns>
    public static double KullbackLeibler(in ItemParameters item, double theta, double other, IrtMetric metric = default)
    {
        if (!item.IsPolytomous)
        {
            var t = ResponseTerms.At(item, theta, metric.ScalingConstant);
            var o = ResponseTerms.At(item, other, metric.ScalingConstant);
            return t.P * Math.Log(t.P / o.P) + t.Q * Math.Log(t.Q / o.Q);
        }

        Span<double> at = stackalloc double[ItemParameters.MaxCategories];
        Span<double> away = stackalloc double[ItemParameters.MaxCategories];
        int k = CategoryProbabilities(item, theta, at, metric);
        CategoryProbabilities(item, other, away, metric);
        double sum = 0;
        for (int c = 0; c < k; c++)
        {
            if (at[c] > 0) sum += at[c] * Math.Log(at[c] / Math.Max(away[c], 1e-300));
        }

        return Math.Max(sum, 0.0);
    }

    private static int Dichotomous(in ItemParameters item, bool correct)
    {
        if (item.IsPolytomous) throw new ArgumentException($"The item is {item.Model} with {item.Categories} categories; pass the response category, not right/wrong.", nameof(item));
        return correct ? 1 : 0;
    }

    private static int CheckCategory(in ItemParameters item, int category)
    {
        if ((uint)category >= (uint)item.Categories)
        {
            throw new ArgumentOutOfRangeException(nameof(category), category, $"The item has categories 0..{item.Categories - 1}.");
        }

        return category;
    }
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
