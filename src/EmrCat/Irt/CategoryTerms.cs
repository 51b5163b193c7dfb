using System.Runtime.CompilerServices;

namespace EmrCat.Irt;

/// <summary>
/// The arithmetic of the polytomous models at one θ: per category k the probability P_k, the score
/// u_k = d log P_k/dθ and its derivative u′_k. Everything the estimators and selectors need follows from these:
/// Fisher information I = Σ P_k·u_k² (catR's Σ P′²/P), Warm's J = Σ P′·P″/P = Σ P_k·u_k·(u_k² + u′_k), and the
/// log-likelihood log P_x.
/// </summary>
/// <remarks>
/// The forms avoid cancellation. GRM: with s_k = P(X ≥ k) (s_0 = 1, s_K = 0) and s̄_k = 1 − s_k, both from one exp,
/// P_k = s_k·s̄_{k+1}·(1 − e^{−D·a·(β_{k+1} − β_k)}) for inner categories (P_0 = s̄_1, P_{K−1} = s_{K−1}), u_k = D·a·(s̄_k − s_{k+1}) and u′_k = −(D·a)²·(s_k·s̄_k + s_{k+1}·s̄_{k+1}).
/// GPCM/PCM: the cumulative logits η_k are shifted by their maximum before exponentiating, log P_k = η_k − log Σ e^η
/// exactly, u_k = D·a·(k − E[X]) and u′_k = −(D·a)²·Var[X]. Logits are clamped at ±500 (as for dichotomous items),
/// so every probability stays a positive double.
/// </remarks>
internal static class CategoryTerms
{
    /// <summary>Floor under probabilities before a log: keeps an underflowed category finite (catR clamps at 1e-10).</summary>
    private const double ProbabilityFloor = 1e-300;

    /// <summary>Fills P_k, u_k and u′_k for k = 0..K−1 of a polytomous item.</summary>
    /// <param name="item">A GRM, GPCM or PCM item.</param>
    /// <param name="theta">Ability.</param>
    /// <param name="scaling">D.</param>
    /// <param name="p">At least K slots: P_k.</param>
    /// <param name="u">At least K slots: d log P_k/dθ.</param>
    /// <param name="du">At least K slots: d² log P_k/dθ²; empty when only P_k and u_k are wanted (the same values, less work).</param>
    /// <returns>K.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Fill(in ItemParameters item, double theta, double scaling, Span<double> p, Span<double> u, Span<double> du)
    {
        int k = item.Categories;
        double slope = scaling * item.A;
        if (item.Model == IrtModel.GradedResponse)
        {
            FillGraded(item, theta, slope, k, p, u, du);
        }
        else
        {
            FillPartialCredit(item, theta, slope, k, p, u, du);
        }

        return k;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FillGraded(in ItemParameters item, double theta, double slope, int k, Span<double> p, Span<double> u, Span<double> du)
    {
        // s[j] = P(X ≥ j) and sm[j] = 1 − s[j] for j = 1..K−1, each pair from one exp; s[0] = 1 and s[K] = 0.
        Span<double> s = stackalloc double[ItemParameters.MaxCategories + 1];
        Span<double> sm = stackalloc double[ItemParameters.MaxCategories + 1];
        s[0] = 1;
        sm[0] = 0;
        s[k] = 0;
        sm[k] = 1;
        for (int j = 1; j < k; j++) Logistic(slope * (theta - item.Threshold(j)), out s[j], out sm[j]);

        double slope2 = slope * slope;
        for (int c = 0; c < k; c++)
        {
            // P_c = s_c − s_{c+1} = s_c·s̄_{c+1}·(1 − e^{−Δ}), Δ = D·a·(β_{c+1} − β_c): a product, no cancellation.
            p[c] = c == 0 ? sm[1] : c == k - 1 ? s[k - 1] : s[c] * sm[c + 1] * GapFactor(slope * (item.Threshold(c + 1) - item.Threshold(c)));
            u[c] = slope * (sm[c] - s[c + 1]);
            if (!du.IsEmpty) du[c] = -slope2 * (s[c] * sm[c] + s[c + 1] * sm[c + 1]);
        }
    }

    /// <summary>The logistic s = 1/(1 + e^{−z}) and its complement from one exp of a non-positive argument (z clamped at ±500).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Logistic(double z, out double s, out double sm)
    {
        z = Math.Clamp(z, -ResponseTerms.MaxExponent, ResponseTerms.MaxExponent);
        double e = Math.Exp(-Math.Abs(z));
        double inv = 1.0 / (1.0 + e);
        s = z >= 0 ? inv : e * inv;
        sm = z >= 0 ? e * inv : inv;
    }

    /// <summary>1 − e^{−Δ} for Δ ≥ 0 without cancellation: 2·sinh(Δ/2)·e^{−Δ/2} for small Δ (tied boundaries give 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double GapFactor(double delta) => delta > 0.5 ? 1.0 - Math.Exp(-delta) : 2.0 * Math.Sinh(delta / 2) * Math.Exp(-delta / 2);

    /// <summary>
    /// d log P_x/dθ alone: for GRM D·a·(s̄_x − s_{x+1}) from the two boundaries around x (two exps), for GPCM/PCM
    /// D·a·(x − E[X]). The estimating equations call this many times per estimate.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Score(in ItemParameters item, double theta, double scaling, int category)
    {
        double slope = scaling * item.A;
        int k = item.Categories;
        if (item.Model == IrtModel.GradedResponse)
        {
            double smLower = 0, sUpper = 0;
            if (category > 0) Logistic(slope * (theta - item.Threshold(category)), out _, out smLower);
            if (category < k - 1) Logistic(slope * (theta - item.Threshold(category + 1)), out sUpper, out _);
            return slope * (smLower - sUpper);
        }

        Span<double> p = stackalloc double[ItemParameters.MaxCategories];
        Span<double> u = stackalloc double[ItemParameters.MaxCategories];
        Span<double> du = stackalloc double[ItemParameters.MaxCategories];
        FillPartialCredit(item, theta, slope, k, p, u, du);
        return u[category];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FillPartialCredit(in ItemParameters item, double theta, double slope, int k, Span<double> p, Span<double> u, Span<double> du)
    {
        // η_0 = 0, η_c = η_{c−1} + D·a·(θ − δ_c); P_c = e^{η_c} / Σ e^η.
        double eta = 0, max = 0;
        p[0] = 0;
        for (int c = 1; c < k; c++)
        {
            eta += Math.Clamp(slope * (theta - item.Threshold(c)), -ResponseTerms.MaxExponent, ResponseTerms.MaxExponent);
            p[c] = eta;
            max = Math.Max(max, eta);
        }

        double total = 0;
        for (int c = 0; c < k; c++)
        {
            p[c] = Math.Exp(p[c] - max);
            total += p[c];
        }

        double mean = 0;
        for (int c = 0; c < k; c++)
        {
            p[c] /= total;
            mean += c * p[c];
        }

        for (int c = 0; c < k; c++) u[c] = slope * (c - mean);
        if (du.IsEmpty) return;
        double variance = 0;
        for (int c = 0; c < k; c++) variance += p[c] * (c - mean) * (c - mean);
        double curvature = -slope * slope * variance;
        for (int c = 0; c < k; c++) du[c] = curvature;
    }

    /// <summary>The terms one response contributes, and the item's information and Warm J at θ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ResponseContribution At(in ItemParameters item, double theta, double scaling, int category)
    {
        Span<double> p = stackalloc double[ItemParameters.MaxCategories];
        Span<double> u = stackalloc double[ItemParameters.MaxCategories];
        Span<double> du = stackalloc double[ItemParameters.MaxCategories];
        int k = Fill(item, theta, scaling, p, u, du);
        double information = 0, warmJ = 0;
        for (int c = 0; c < k; c++)
        {
            double pu = p[c] * u[c];
            information += pu * u[c];
            warmJ += pu * (u[c] * u[c] + du[c]);
        }

        return new ResponseContribution(Math.Log(Math.Max(p[category], ProbabilityFloor)), u[category], du[category], information, warmJ);
    }

    /// <summary>Fisher information Σ P_k·u_k² of a polytomous item at θ (the selectors' hot path: P_k and u_k only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Information(in ItemParameters item, double theta, double scaling)
    {
        Span<double> p = stackalloc double[ItemParameters.MaxCategories];
        Span<double> u = stackalloc double[ItemParameters.MaxCategories];
        int k = Fill(item, theta, scaling, p, u, default);
        double information = 0;
        for (int c = 0; c < k; c++) information += p[c] * u[c] * u[c];
        return information;
    }

    /// <summary>Information and its θ-derivative Σ P_k·u_k·(u_k² + 2u′_k) (for locating its maxima).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double Information, double Slope) InformationAndSlope(in ItemParameters item, double theta, double scaling)
    {
        Span<double> p = stackalloc double[ItemParameters.MaxCategories];
        Span<double> u = stackalloc double[ItemParameters.MaxCategories];
        Span<double> du = stackalloc double[ItemParameters.MaxCategories];
        int k = Fill(item, theta, scaling, p, u, du);
        double information = 0, slope = 0;
        for (int c = 0; c < k; c++)
        {
            double pu = p[c] * u[c];
            information += pu * u[c];
            slope += pu * (u[c] * u[c] + 2.0 * du[c]);
        }

        return (information, slope);
    }

    /// <summary>log P_x of one response (floored so that an underflowed category stays finite).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double LogProbability(in ItemParameters item, double theta, double scaling, int category)
    {
        Span<double> p = stackalloc double[ItemParameters.MaxCategories];
        Span<double> u = stackalloc double[ItemParameters.MaxCategories];
        Fill(item, theta, scaling, p, u, default);
        return Math.Log(Math.Max(p[category], ProbabilityFloor));
    }
}

/// <summary>What one response adds at θ: log-likelihood, score and its derivative, and the item's information and Warm J.</summary>
internal readonly record struct ResponseContribution(double LogLikelihood, double Score, double ScoreDerivative, double Information, double WarmJ)
{
    /// <summary>The same terms for any item: the logistic kernel for 1–4PL items (category 1 = right), else <see cref="CategoryTerms"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ResponseContribution Of(in ItemParameters item, double theta, double scaling, int category)
    {
        if (item.IsPolytomous) return CategoryTerms.At(item, theta, scaling, category);
        var t = ResponseTerms.At(item, theta, scaling);
        bool correct = category == 1;
        return new ResponseContribution(Math.Log(correct ? t.P : t.Q), t.Score(correct), t.ScoreDerivative(correct), t.Information, t.WarmJ);
    }
}
