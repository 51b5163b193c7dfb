namespace EmrCat.Irt;

/// <summary>
/// The item response models: the logistic models for dichotomous items (right/wrong) and the polytomous models for
/// items scored in 2–6 ordered categories (partial credit). All of them can sit side by side in one bank.
/// </summary>
public enum IrtModel
{
    /// <summary>One-parameter (Rasch-type): a = 1, c = 0, d = 1.</summary>
    OnePL = 1,

    /// <summary>Two-parameter: c = 0, d = 1.</summary>
    TwoPL = 2,

    /// <summary>Three-parameter: d = 1.</summary>
    ThreePL = 3,

    /// <summary>Four-parameter: all of a, b, c, d free.</summary>
    FourPL = 4,

    /// <summary>
    /// Samejima's graded response model: increasing category boundaries β_1 &lt; … &lt; β_{K−1} with
    /// P(X ≥ k) = 1/(1 + exp(−D·a·(θ − β_k))) and P(X = k) = P(X ≥ k) − P(X ≥ k + 1) (catR's "GRM").
    /// </summary>
    GradedResponse = 5,

    /// <summary>
    /// Muraki's generalized partial credit model: step parameters δ_1 … δ_{K−1} (any order) with
    /// P(X = k) ∝ exp Σ_{v ≤ k} D·a·(θ − δ_v) (catR's "GPCM").
    /// </summary>
    GeneralizedPartialCredit = 6,

    /// <summary>Masters' partial credit model: the generalized partial credit model with a = 1 (catR's "PCM").</summary>
    PartialCredit = 7,
}

/// <summary>Helpers on <see cref="IrtModel"/>.</summary>
public static class IrtModelExtensions
{
    /// <summary>Whether the model scores items in more than two ordered categories (GRM, GPCM, PCM).</summary>
    /// <param name="model">The model.</param>
    /// <returns>True for the polytomous models.</returns>
    public static bool IsPolytomous(this IrtModel model) => model >= IrtModel.GradedResponse;
}
