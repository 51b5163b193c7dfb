using System.Buffers;
using EmrCat.Estimation;
using EmrCat.Irt;
using MathNet.Numerics.Distributions;

namespace EmrCat.Scoring;

/// <summary>
/// The chance of passing: the posterior probability P(θ ≥ cut | answers) under a normal prior, integrated by the
/// trapezoidal rule on the same even grid EAP uses (the posterior is taken as piecewise linear between grid points, so
/// a cut between two points is handled exactly for that shape). It answers "how sure is this decision?" in a way a
/// candidate can read, whatever estimator produced θ̂.
/// </summary>
public static class PassProbability
{
    private const int StackLimit = 2048;

    /// <summary>P(θ ≥ <paramref name="cut"/> | right/wrong answers) on <paramref name="points"/> points over <paramref name="range"/> with a N(μ, σ) prior.</summary>
    /// <param name="items">Scored items answered (1–4PL only; pass categories for polytomous items).</param>
    /// <param name="correct">Whether each was right (aligned with <paramref name="items"/>).</param>
    /// <param name="cut">The cut θ.</param>
    /// <param name="range">Integration range.</param>
    /// <param name="points">Grid points, ≥ 2.</param>
    /// <param name="priorMean">Prior mean μ.</param>
    /// <param name="priorStandardDeviation">Prior SD σ, &gt; 0.</param>
    /// <param name="metric">Scaling constant D.</param>
    /// <returns>The probability in [0, 1]; 1 when the cut is below the range, 0 when above it.</returns>
    /// <exception cref="ArgumentException">Misaligned spans, a polytomous item, fewer than 2 points, a non-finite cut or prior.</exception>
    public static double Compute(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<bool> correct, double cut, ThetaRange range, int points, double priorMean, double priorStandardDeviation, IrtMetric metric = default)
    {
        Span<int> categories = items.Length <= Responses.StackLimit ? stackalloc int[items.Length] : new int[items.Length];
        Responses.ToCategories(items, correct, categories);
        return Compute(items, categories, cut, range, points, priorMean, priorStandardDeviation, metric);
    }

    /// <summary>
    /// P(θ ≥ <paramref name="cut"/> | answers) for response categories: each answer enters the posterior by its item's
    /// own model (the log-likelihood term EAP sums), so partial credit on a polytomous item counts as what it is.
    /// </summary>
    /// <param name="items">Scored items answered.</param>
    /// <param name="categories">Each answer's category (1/0 for a right/wrong item, 0..K−1 for a polytomous one).</param>
    /// <param name="cut">The cut θ.</param>
    /// <param name="range">Integration range.</param>
    /// <param name="points">Grid points, ≥ 2.</param>
    /// <param name="priorMean">Prior mean μ.</param>
    /// <param name="priorStandardDeviation">Prior SD σ, &gt; 0.</param>
    /// <param name="metric">Scaling constant D.</param>
    /// <returns>The probability in [0, 1]; 1 when the cut is below the range, 0 when above it.</returns>
    /// <exception cref="ArgumentException">Misaligned spans, a category outside its item's range, fewer than 2 points, a non-finite cut or prior.</exception>
    public static double Compute(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<int> categories, double cut, ThetaRange range, int points, double priorMean, double priorStandardDeviation, IrtMetric metric = default)
    {
        Responses.ThrowIfInvalid(items, categories);
        if (points < 2) throw new ArgumentException($"At least 2 grid points are needed, but was {points}.", nameof(points));
        if (!double.IsFinite(cut)) throw new ArgumentException($"The cut must be finite, but was {cut}.", nameof(cut));
        if (!double.IsFinite(priorMean) || !(priorStandardDeviation > 0 && double.IsFinite(priorStandardDeviation)))
        {
            throw new ArgumentException($"The prior needs a finite mean and a finite SD > 0, but was N({priorMean}, {priorStandardDeviation}).", nameof(priorStandardDeviation));
        }

        double[]? rented = null;
        Span<double> logPosterior = points <= StackLimit ? stackalloc double[points] : (rented = ArrayPool<double>.Shared.Rent(points)).AsSpan(0, points);
        try
        {
            double step = (range.Upper - range.Lower) / (points - 1), scaling = metric.ScalingConstant;
            for (int k = 0; k < points; k++)
            {
                double theta = Grid(range, points, step, k);
                double sum = Normal.PDFLn(priorMean, priorStandardDeviation, theta);
                for (int i = 0; i < items.Length; i++) sum += LogLikelihood(items[i], theta, scaling, categories[i]);
                logPosterior[k] = sum;
            }

            return AboveCut(logPosterior, range, cut);
        }
        finally
        {
            if (rented is not null) ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// <see cref="Compute(ReadOnlySpan{ItemParameters}, ReadOnlySpan{int}, double, ThetaRange, int, double, double, IrtMetric)"/>
    /// for answers to items of a bank (<paramref name="bankItems"/>: its parameters by bank index): each answer's
    /// log-likelihood row comes from the bank's tabulated rows on this grid (the values the loop computes), added at
    /// every point in the same order after the prior, so the result is bit-for-bit the same; an answer without a row
    /// (a bank too large to tabulate) is computed as there. The caller passes validated options.
    /// </summary>
    internal static double Compute(ItemParameters[] bankItems, ReadOnlySpan<int> bankIndices, ReadOnlySpan<int> categories, double cut, ThetaRange range, int points, double priorMean, double priorStandardDeviation, IrtMetric metric)
    {
        double[]? rented = null;
        Span<double> buffer = 2 * points <= StackLimit ? stackalloc double[2 * points] : (rented = ArrayPool<double>.Shared.Rent(2 * points)).AsSpan(0, 2 * points);
        try
        {
            Span<double> grid = buffer[..points], logPosterior = buffer[points..];
            double step = (range.Upper - range.Lower) / (points - 1), scaling = metric.ScalingConstant;
            for (int k = 0; k < points; k++)
            {
                grid[k] = Grid(range, points, step, k);
                logPosterior[k] = Normal.PDFLn(priorMean, priorStandardDeviation, grid[k]);
            }

            var table = ItemGridTable.For(bankItems, new GridTableKey(GridTableKind.LogLikelihood, range.Lower, range.Upper, points, scaling), grid);
            for (int i = 0; i < bankIndices.Length; i++)
            {
                int index = bankIndices[i];
                if (table is not null && table.TryGetRow(index, categories[i], out var row))
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(logPosterior, row, logPosterior);
                    continue;
                }

                for (int k = 0; k < points; k++) logPosterior[k] += LogLikelihood(bankItems[index], grid[k], scaling, categories[i]);
            }

            return AboveCut(logPosterior, range, cut);
        }
        finally
        {
            if (rented is not null) ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>log P(category | θ) by the item's model: the same term EAP accumulates for each answer.</summary>
    private static double LogLikelihood(in ItemParameters item, double theta, double scaling, int category)
    {
        if (item.IsPolytomous) return CategoryTerms.LogProbability(item, theta, scaling, category);
        var t = ResponseTerms.At(item, theta, scaling);
        return Math.Log(category == 1 ? t.P : t.Q);
    }

    /// <summary>
    /// The share of the (unnormalised, log-scale) posterior density on an even grid over <paramref name="range"/> that
    /// lies at or above <paramref name="cut"/>, by the trapezoidal rule. Overwrites <paramref name="logDensity"/>.
    /// </summary>
    internal static double AboveCut(Span<double> logDensity, ThetaRange range, double cut)
    {
        int n = logDensity.Length;
        if (cut <= range.Lower) return 1.0;
        if (cut >= range.Upper) return 0.0;
        double max = double.NegativeInfinity;
        foreach (double v in logDensity) max = Math.Max(max, v);
        for (int k = 0; k < n; k++) logDensity[k] = Math.Exp(logDensity[k] - max);

        double step = (range.Upper - range.Lower) / (n - 1);
        double total = 0, above = 0;
        for (int k = 0; k < n - 1; k++)
        {
            double left = Grid(range, n, step, k), right = Grid(range, n, step, k + 1);
            double segment = (logDensity[k] + logDensity[k + 1]) * 0.5 * (right - left);
            total += segment;
            if (left >= cut)
            {
                above += segment;
            }
            else if (right > cut)
            {
                double atCut = logDensity[k] + (logDensity[k + 1] - logDensity[k]) * (cut - left) / (right - left);
                above += (atCut + logDensity[k + 1]) * 0.5 * (right - cut);
            }
        }

        return total > 0 ? Math.Clamp(above / total, 0.0, 1.0) : 0.5;
    }

    private static double Grid(ThetaRange range, int points, double step, int k) => k == points - 1 ? range.Upper : range.Lower + k * step;
}
