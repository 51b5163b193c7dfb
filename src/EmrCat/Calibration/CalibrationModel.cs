namespace EmrCat.Calibration;

/// <summary>The item response model whose parameters a calibration estimates (logistic metric, D = 1).</summary>
public enum CalibrationModel
{
    /// <summary>One-parameter logistic: P = 1 / (1 + exp(−(θ − b))), discrimination fixed at 1 (the engine's 1PL).</summary>
    OnePL,

    /// <summary>Two-parameter logistic: P = 1 / (1 + exp(−a(θ − b))).</summary>
    TwoPL,

    /// <summary>Three-parameter logistic: P = c + (1 − c) / (1 + exp(−a(θ − b))); usually with a Beta prior on c.</summary>
    ThreePL,

    /// <summary>
    /// Generalized partial credit model with categories 0..K: P(X = k) ∝ exp Σ_{v ≤ k} a(θ − t_v) (empty sum for k = 0);
    /// the t_v are step parameters (mirt's <c>gpcm</c>: a1 = a, d_k = −a(t_1 + … + t_k)).
    /// </summary>
    Gpcm,

    /// <summary>
    /// Graded response model with categories 0..K: P(X ≥ k) = 1 / (1 + exp(−a(θ − b_k))) for k = 1..K with
    /// b_1 &lt; … &lt; b_K (mirt's <c>graded</c>: a1 = a, d_k = −a·b_k).
    /// </summary>
    Grm,
}
