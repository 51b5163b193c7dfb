using EmrCat.Estimation;
using EmrCat.Irt;

namespace EmrCat.Stopping;

/// <summary>
/// The bounds of a likelihood-ratio classification test around the cut: an indifference region [cut − δ, cut + δ]
/// and nominal error rates α = P(pass | θ = cut − δ) and β = P(fail | θ = cut + δ). Wald's bounds are
/// log((1 − β)/α) (pass) and log(β/(1 − α)) (fail).
/// </summary>
public readonly record struct LikelihoodRatioBounds
{
    /// <summary>Creates the bounds.</summary>
    /// <param name="indifferenceHalfWidth">δ &gt; 0, in logits.</param>
    /// <param name="falsePassRate">Nominal α in (0, 0.5).</param>
    /// <param name="falseFailRate">Nominal β in (0, 0.5).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public LikelihoodRatioBounds(double indifferenceHalfWidth, double falsePassRate, double falseFailRate)
    {
        if (!(indifferenceHalfWidth > 0 && double.IsFinite(indifferenceHalfWidth))) throw new ArgumentOutOfRangeException(nameof(indifferenceHalfWidth), indifferenceHalfWidth, "The indifference half-width must be finite and > 0.");
        if (!(falsePassRate > 0 && falsePassRate < 0.5)) throw new ArgumentOutOfRangeException(nameof(falsePassRate), falsePassRate, "The nominal false-pass rate must be in (0, 0.5).");
        if (!(falseFailRate > 0 && falseFailRate < 0.5)) throw new ArgumentOutOfRangeException(nameof(falseFailRate), falseFailRate, "The nominal false-fail rate must be in (0, 0.5).");
        IndifferenceHalfWidth = indifferenceHalfWidth;
        FalsePassRate = falsePassRate;
        FalseFailRate = falseFailRate;
        PassBound = Math.Log((1 - falseFailRate) / falsePassRate);
        FailBound = Math.Log(falseFailRate / (1 - falsePassRate));
    }

    /// <summary>δ: half the width of the indifference region around the cut.</summary>
    public double IndifferenceHalfWidth { get; }

    /// <summary>Nominal α: the chance of passing a candidate at cut − δ.</summary>
    public double FalsePassRate { get; }

    /// <summary>Nominal β: the chance of failing a candidate at cut + δ.</summary>
    public double FalseFailRate { get; }

    /// <summary>log((1 − β)/α): at or above it the test passes.</summary>
    public double PassBound { get; }

    /// <summary>log(β/(1 − α)): at or below it the test fails.</summary>
    public double FailBound { get; }

    /// <summary>The check for a log likelihood ratio (pass hypothesis over fail hypothesis).</summary>
    internal StopCheck Check(double logRatio, StopReason reason) =>
        logRatio >= PassBound ? StopCheck.Classify(reason, true)
        : logRatio <= FailBound ? StopCheck.Classify(reason, false)
        : StopCheck.Continue;
}

/// <summary>
/// The sequential probability ratio test for classification (Wald 1947; Reckase 1983; Eggen 1999): after each scored
/// answer compare log L(cut + δ) − log L(cut − δ) with Wald's bounds; pass above the upper one, fail below the lower.
/// Reads the scored answers from <see cref="StoppingContext.Items"/>; O(items) per check.
/// </summary>
/// <param name="Bounds">Indifference region and nominal error rates.</param>
public sealed record SequentialProbabilityRatioRule(LikelihoodRatioBounds Bounds) : IStoppingRule
{
    /// <summary>The log likelihood ratio of θ = cut + δ against θ = cut − δ for right/wrong answers.</summary>
    /// <param name="items">Scored items.</param>
    /// <param name="correct">Their answers (right/wrong items only).</param>
    /// <param name="cut">Cut θ.</param>
    /// <param name="delta">δ.</param>
    /// <param name="metric">Scaling constant.</param>
    /// <returns>The log ratio (0 with no answers).</returns>
    public static double LogRatio(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<bool> correct, double cut, double delta, IrtMetric metric)
    {
        Span<int> categories = items.Length <= Responses.StackLimit ? stackalloc int[items.Length] : new int[items.Length];
        Responses.ToCategories(items, correct, categories);
        return LogRatio(items, categories, cut, delta, metric);
    }

    /// <summary>
    /// The log likelihood ratio of θ = cut + δ against θ = cut − δ for response categories, from each item's model
    /// (the per-item log-likelihood the estimators use), so banks mixing 1–4PL and polytomous items are tested right.
    /// </summary>
    /// <param name="items">Scored items.</param>
    /// <param name="categories">Their response categories (1/0 for a right/wrong item, 0..K−1 for a polytomous one).</param>
    /// <param name="cut">Cut θ.</param>
    /// <param name="delta">δ.</param>
    /// <param name="metric">Scaling constant.</param>
    /// <returns>The log ratio (0 with no answers).</returns>
    /// <exception cref="ArgumentException">The spans differ in length or a category is outside its item's range.</exception>
    public static double LogRatio(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<int> categories, double cut, double delta, IrtMetric metric)
    {
        Responses.ThrowIfInvalid(items, categories);
        return LikelihoodRatio.LogLikelihood(items, categories, cut + delta, metric.ScalingConstant) - LikelihoodRatio.LogLikelihood(items, categories, cut - delta, metric.ScalingConstant);
    }

    /// <inheritdoc />
    public StopCheck Check(in StoppingContext context)
    {
        if (context.Items.IsEmpty) return StopCheck.Continue;
        double ratio = context.Categories.Length == context.Items.Length
            ? LogRatio(context.Items.Span, context.Categories.Span, context.CutTheta, Bounds.IndifferenceHalfWidth, context.Metric)
            : LogRatio(context.Items.Span, context.Correct.Span, context.CutTheta, Bounds.IndifferenceHalfWidth, context.Metric);
        return Bounds.Check(ratio, StopReason.SequentialProbabilityRatio);
    }
}

/// <summary>
/// The generalized likelihood ratio for classification (Bartroff, Finkelman &amp; Lai 2008; Thompson 2009): the SPRT
/// with each point hypothesis replaced by the highest likelihood on its side, sup over θ ≥ cut + δ against sup over
/// θ ≤ cut − δ (within <see cref="Range"/>), with the same bounds. It stops no later than the SPRT on the same answers.
/// The suprema are taken on a grid of step ≤ 0.05 logits plus the points cut ± δ; O(items × grid) per check, which
/// only runs once the minimum number of items is reached.
/// </summary>
/// <param name="Bounds">Indifference region and nominal error rates.</param>
/// <param name="Range">The θ range searched (the estimator's).</param>
public sealed record GeneralizedLikelihoodRatioRule(LikelihoodRatioBounds Bounds, ThetaRange Range) : IStoppingRule
{
    private const double GridStep = 0.05;

    /// <summary>sup log L over θ ≥ cut + δ minus sup log L over θ ≤ cut − δ, on the grid, for right/wrong answers.</summary>
    /// <param name="items">Scored items.</param>
    /// <param name="correct">Their answers (right/wrong items only).</param>
    /// <param name="cut">Cut θ.</param>
    /// <param name="delta">δ.</param>
    /// <param name="range">θ range searched.</param>
    /// <param name="metric">Scaling constant.</param>
    /// <returns>The generalized log ratio.</returns>
    public static double LogRatio(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<bool> correct, double cut, double delta, ThetaRange range, IrtMetric metric)
    {
        Span<int> categories = items.Length <= Responses.StackLimit ? stackalloc int[items.Length] : new int[items.Length];
        Responses.ToCategories(items, correct, categories);
        return LogRatio(items, categories, cut, delta, range, metric);
    }

    /// <summary>sup log L over θ ≥ cut + δ minus sup log L over θ ≤ cut − δ, on the grid, for response categories (each item's own model).</summary>
    /// <param name="items">Scored items.</param>
    /// <param name="categories">Their response categories (1/0 for a right/wrong item, 0..K−1 for a polytomous one).</param>
    /// <param name="cut">Cut θ.</param>
    /// <param name="delta">δ.</param>
    /// <param name="range">θ range searched.</param>
    /// <param name="metric">Scaling constant.</param>
    /// <returns>The generalized log ratio.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or a category is outside its item's range.</exception>
    public static double LogRatio(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<int> categories, double cut, double delta, ThetaRange range, IrtMetric metric)
    {
        Responses.ThrowIfInvalid(items, categories);
        double upper = Math.Min(cut + delta, range.Upper), lower = Math.Max(cut - delta, range.Lower);
        return Supremum(items, categories, upper, range.Upper, metric) - Supremum(items, categories, range.Lower, lower, metric);
    }

    /// <inheritdoc />
    public StopCheck Check(in StoppingContext context)
    {
        if (context.Items.IsEmpty) return StopCheck.Continue;
        double ratio = context.Categories.Length == context.Items.Length
            ? LogRatio(context.Items.Span, context.Categories.Span, context.CutTheta, Bounds.IndifferenceHalfWidth, Range, context.Metric)
            : LogRatio(context.Items.Span, context.Correct.Span, context.CutTheta, Bounds.IndifferenceHalfWidth, Range, context.Metric);
        return Bounds.Check(ratio, StopReason.GeneralizedLikelihoodRatio);
    }

    private static double Supremum(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<int> categories, double from, double to, IrtMetric metric)
    {
        int steps = Math.Max(1, (int)Math.Ceiling((to - from) / GridStep));
        double best = double.NegativeInfinity, scaling = metric.ScalingConstant;
        for (int k = 0; k <= steps; k++)
        {
            double theta = k == steps ? to : from + k * (to - from) / steps;
            best = Math.Max(best, LikelihoodRatio.LogLikelihood(items, categories, theta, scaling));
        }

        return best;
    }
}

/// <summary>What both likelihood-ratio rules share: the answers' log-likelihood at θ, per item from its own model.</summary>
internal static class LikelihoodRatio
{
    /// <summary>Σ log P(category | θ), each term the estimators' (<see cref="ResponseContribution"/>).</summary>
    public static double LogLikelihood(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<int> categories, double theta, double scaling)
    {
        double sum = 0;
        for (int i = 0; i < items.Length; i++) sum += ResponseContribution.Of(items[i], theta, scaling, categories[i]).LogLikelihood;
        return sum;
    }
}
