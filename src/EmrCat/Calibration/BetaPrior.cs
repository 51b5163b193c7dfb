using System.Globalization;

namespace EmrCat.Calibration;

/// <summary>
/// A Beta(α, β) prior density on the lower asymptote c of 3PL items. Calibration maximises
/// log L + Σ_j [(α − 1) log c_j + (β − 1) log(1 − c_j)], the posterior mode in c itself (no Jacobian term): the same
/// target as mirt's <c>PRIOR = (…, g, expbeta, α, β)</c> is meant to have.
/// </summary>
/// <param name="Alpha">α &gt; 0.</param>
/// <param name="Beta">β &gt; 0.</param>
public sealed record BetaPrior(double Alpha, double Beta)
{
    /// <summary>The prior's mode (α − 1)/(α + β − 2) when α, β &gt; 1; otherwise its mean α/(α + β).</summary>
    public double Mode => Alpha > 1 && Beta > 1 ? (Alpha - 1) / (Alpha + Beta - 2) : Alpha / (Alpha + Beta);

    /// <summary>log of the Beta(α, β) density at <paramref name="c"/>, with its normalising constant.</summary>
    /// <param name="c">A value in (0, 1).</param>
    /// <returns>The log density.</returns>
    public double LogDensity(double c) =>
        (Alpha - 1) * Math.Log(c) + (Beta - 1) * Math.Log(1 - c) - MathNet.Numerics.SpecialFunctions.BetaLn(Alpha, Beta);

    /// <summary>Parses <c>beta:ALPHA,BETA</c> (as the <c>calibrate --c-prior</c> option takes it).</summary>
    /// <param name="text">The text.</param>
    /// <param name="prior">The prior, when the text is valid.</param>
    /// <returns>Whether the text was valid: both numbers finite and &gt; 0.</returns>
    public static bool TryParse(string text, out BetaPrior? prior)
    {
        prior = null;
        if (!text.StartsWith("beta:", StringComparison.OrdinalIgnoreCase)) return false;
        var parts = text[5..].Split(',');
        if (parts.Length != 2) return false;
        if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double alpha)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double beta)
            || !double.IsFinite(alpha) || !double.IsFinite(beta) || alpha <= 0 || beta <= 0)
        {
            return false;
        }

        prior = new BetaPrior(alpha, beta);
        return true;
    }
}
