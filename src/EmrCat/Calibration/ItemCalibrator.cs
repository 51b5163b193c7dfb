using System.Collections.Immutable;
using EmrCat.Calibration.Internal;
using MathNet.Numerics.LinearAlgebra;

namespace EmrCat.Calibration;

/// <summary>
/// Estimates item parameters from responses by marginal maximum likelihood (Bock–Aitkin EM), as mirt does with its
/// EM defaults: 1PL, 2PL, 3PL (optionally with a Beta prior on c), GPCM and GRM; sparse data; fixed-parameter
/// (online) calibration of pilot items next to operational items held at known parameters.
/// </summary>
/// <remarks>
/// The EM is accelerated (SQUAREM) and then finished with Newton steps on the marginal likelihood itself, so the
/// estimates are the maximum to well under the tolerance, not an EM stopping point near it. Standard errors come from
/// the exact observed information (Louis' formula), the quantity mirt's Oakes SEs approximate by finite differences,
/// mapped to IRT form by the delta method.
/// </remarks>
public static class ItemCalibrator
{
    /// <summary>Calibrates every item of <paramref name="data"/> that is not in <paramref name="fixedItems"/>.</summary>
    /// <param name="data">The responses.</param>
    /// <param name="options">Settings (validated here).</param>
    /// <param name="fixedItems">Items held at these parameters (their responses still inform θ); ids not in the data are ignored.</param>
    /// <param name="progress">Told after every EM cycle.</param>
    /// <param name="cancel">Stops the run between cycles.</param>
    /// <returns>The estimates, log-likelihood, cycles, SEs and item fit.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="CalibrationInputException">An item cannot be calibrated from these data; the message names it.</exception>
    public static CalibrationResult Calibrate(
        CalibrationData data,
        CalibrationOptions options,
        IReadOnlyDictionary<string, CalibratedParameters>? fixedItems = null,
        IProgress<CalibrationProgress>? progress = null,
        CancellationToken cancel = default) =>
        Calibrate(data, options, fixedItems, progress, EmEngine.DefaultJointCellBudget, cancel);

    /// <summary>As the public overload, with the memory budget for item-pair counts in the information (tests shrink it).</summary>
    internal static CalibrationResult Calibrate(
        CalibrationData data,
        CalibrationOptions options,
        IReadOnlyDictionary<string, CalibratedParameters>? fixedItems,
        IProgress<CalibrationProgress>? progress,
        long jointCellBudget,
        CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        fixedItems ??= new Dictionary<string, CalibratedParameters>();
        var kernels = BuildKernels(data, options, fixedItems);
        if (kernels.All(k => k.FreeCount == 0)) throw new CalibrationInputException(null, "Every item is fixed: there is nothing to estimate.");
        if (options.EstimateLatentDistribution && fixedItems.Count == 0)
        {
            throw new CalibrationInputException(null, "The latent mean and variance can only be estimated when fixed items set the scale.");
        }

        var engine = new EmEngine(data, kernels, options) { JointCellBudget = jointCellBudget };
        bool converged = engine.Run(options.Tolerance, options.MaxCycles, progress, cancel);

        // Finish with Newton steps on the marginal likelihood: EM's last steps can be tiny while the maximum is
        // still some way off (slowly converging items); Newton with the exact information closes that gap.
        (double LogPosterior, double[] Gradient, double[,] Hessian)? derivatives = null;
        bool positiveDefinite = false;
        Matrix<double>? covariance = null;
        if (converged && !options.EstimateLatentDistribution || options.StandardErrors)
        {
            for (int step = 0; step < 8; step++)
            {
                cancel.ThrowIfCancellationRequested();
                derivatives = engine.Derivatives();
                var information = -Matrix<double>.Build.DenseOfArray(derivatives.Value.Hessian);
                var chol = TryCholesky(information);
                positiveDefinite = chol is not null;
                if (chol is null) break;
                covariance = chol.Solve(Matrix<double>.Build.DenseIdentity(information.RowCount));
                if (options.EstimateLatentDistribution || !converged) break;
                var delta = chol.Solve(Vector<double>.Build.DenseOfArray(derivatives.Value.Gradient));
                if (delta.AbsoluteMaximum() < options.Tolerance) break;
                var before = engine.Pack();
                var after = before.Zip(delta.ToArray(), (x, d) => x + d).ToArray();
                if (!engine.TryUnpack(after)) break;
                var counts = engine.NewCounts();
                double objective = engine.EStep(counts, engine.NewMass()) + engine.LogPrior();
                if (!(objective >= derivatives.Value.LogPosterior - 1e-9 * Math.Abs(derivatives.Value.LogPosterior)))
                {
                    engine.TryUnpack(before);
                    break;
                }
            }
        }

        var finalCounts = engine.NewCounts();
        double logLikelihood = engine.EStep(finalCounts, engine.NewMass());
        double logPrior = engine.LogPrior();
        if (covariance is not null && derivatives is not null)
        {
            // The SEs belong to the last information computed; if a Newton step moved after it, recompute.
            var was = derivatives.Value;
            if (Math.Abs(logLikelihood + logPrior - was.LogPosterior) > 1e-9 * Math.Abs(was.LogPosterior))
            {
                derivatives = engine.Derivatives();
                var information = -Matrix<double>.Build.DenseOfArray(derivatives.Value.Hessian);
                var chol = TryCholesky(information);
                positiveDefinite = chol is not null;
                covariance = chol is not null ? chol.Solve(Matrix<double>.Build.DenseIdentity(information.RowCount)) : null;
            }
        }

        if (!options.StandardErrors) covariance = null;
        var fit = options.ItemFit ? ItemFitCalculator.Compute(data, kernels, engine) : null;
        var items = new List<ItemEstimate>(kernels.Length);
        for (int j = 0; j < kernels.Length; j++)
        {
            var kernel = kernels[j];
            bool isFixed = kernel.FreeCount == 0;
            var irt = kernel.ToIrt(kernel.X);
            if (isFixed) irt = fixedItems[data.ItemIds[j]];
            ParameterErrors? errors = isFixed || covariance is null ? null : Errors(kernel, engine.Slot(j), covariance);
            items.Add(new ItemEstimate(data.ItemIds[j], irt, errors, isFixed, data.ResponseCounts[j], isFixed ? null : fit?[j]));
        }

        return new CalibrationResult
        {
            Items = items,
            LogLikelihood = logLikelihood,
            LogPrior = logPrior,
            Cycles = engine.Cycles,
            Converged = converged,
            InformationPositiveDefinite = options.StandardErrors ? positiveDefinite : null,
            LatentMean = engine.LatentMean,
            LatentVariance = engine.LatentVariance,
            FreeParameters = engine.ParameterCount + (options.EstimateLatentDistribution ? 2 : 0),
            Examinees = data.Examinees.Count,
        };
    }

    private static MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double>? TryCholesky(Matrix<double> information)
    {
        if (information.Enumerate().Any(v => !double.IsFinite(v))) return null;
        try
        {
            var chol = information.Cholesky();
            return chol.Factor.Diagonal().All(v => v > 0 && double.IsFinite(v)) ? chol : null;
        }
        catch (ArgumentException)
        {
            return null; // not positive definite: no proper maximum, no SEs
        }
    }

    private static ParameterErrors Errors(ItemKernel kernel, (int Start, int Count) slot, Matrix<double> covariance)
    {
        // Delta method: Cov(IRT form) = J Cov(X) Jᵀ, J the Jacobian of the IRT form in the free entries of X.
        var jac = kernel.IrtJacobian(kernel.X);
        int outputs = jac.GetLength(0);
        var se = new double?[outputs];
        for (int r = 0; r < outputs; r++)
        {
            bool depends = false;
            double variance = 0;
            for (int i = 0; i < slot.Count; i++)
            {
                double ji = jac[r, kernel.FreeIndex[i]];
                if (ji != 0) depends = true;
                for (int k = 0; k < slot.Count; k++) variance += ji * covariance[slot.Start + i, slot.Start + k] * jac[r, kernel.FreeIndex[k]];
            }

            se[r] = depends && variance >= 0 ? Math.Sqrt(variance) : null;
        }

        return kernel is DichotomousKernel
            ? new ParameterErrors(se[0], [se[1]], se[2])
            : new ParameterErrors(se[0], se[1..].ToImmutableArray(), null);
    }

    private static ItemKernel[] BuildKernels(CalibrationData data, CalibrationOptions options, IReadOnlyDictionary<string, CalibratedParameters> fixedItems)
    {
        var kernels = new ItemKernel[data.ItemIds.Count];
        bool dichotomous = options.Model is CalibrationModel.OnePL or CalibrationModel.TwoPL or CalibrationModel.ThreePL;
        var counts = CategoryCounts(data);
        for (int j = 0; j < kernels.Length; j++)
        {
            string id = data.ItemIds[j];
            int top = data.HighestCategories[j];
            if (fixedItems.TryGetValue(id, out var held))
            {
                if (held.IsDichotomous != dichotomous || (!dichotomous && held.Model != options.Model))
                {
                    throw new CalibrationInputException(id, $"The fixed item is {held.Model} but the model is {options.Model}; fixed and estimated items must both be dichotomous or of the same polytomous model.");
                }

                if (top >= held.Categories) throw new CalibrationInputException(id, $"Responses reach category {top}, but the fixed {held.Model} item has categories 0..{held.Categories - 1}.");
                kernels[j] = ItemKernel.FromFixed(held);
                continue;
            }

            var n = counts[j];
            if (data.ResponseCounts[j] == 0) throw new CalibrationInputException(id, "No examinee answered it, so it cannot be calibrated.");
            if (dichotomous && top > 1) throw new CalibrationInputException(id, $"Responses reach category {top}, but {options.Model} items are scored 0/1.");
            if (top == 0) throw new CalibrationInputException(id, $"All {data.ResponseCounts[j]} responses are in category 0, so it cannot be calibrated.");
            for (int k = 0; k <= top; k++)
            {
                if (n[k] == 0) throw new CalibrationInputException(id, $"No response is in category {k} (of 0..{top}); it cannot be estimated. Merge or drop the category.");
            }

            kernels[j] = StartingValues(options, n, top);
        }

        return kernels;
    }

    private static int[][] CategoryCounts(CalibrationData data)
    {
        var counts = new int[data.ItemIds.Count][];
        for (int j = 0; j < counts.Length; j++) counts[j] = new int[data.HighestCategories[j] + 1];
        var items = data.Items;
        var cats = data.Categories;
        for (int n = 0; n < items.Length; n++) counts[items[n]][cats[n]]++;
        return counts;
    }

    private static ItemKernel StartingValues(CalibrationOptions options, int[] n, int top)
    {
        double total = n.Sum();
        switch (options.Model)
        {
            case CalibrationModel.Gpcm:
            {
                // Adjacent-category logits at θ = 0 with a = 1: t_k ≈ log(n_{k−1} / n_k).
                var steps = new double[top];
                for (int k = 1; k <= top; k++) steps[k - 1] = Math.Log((n[k - 1] + 0.5) / (n[k] + 0.5));
                return GpcmKernel.Create(1, steps, estimate: true);
            }

            case CalibrationModel.Grm:
            {
                // Cumulative logits with a = 1: b_k ≈ −logit P(X ≥ k), increasing by construction.
                var b = new double[top];
                double above = total;
                for (int k = 1; k <= top; k++)
                {
                    above -= n[k - 1];
                    double share = Math.Clamp(above / total, 0.001, 0.999);
                    b[k - 1] = -Math.Log(share / (1 - share));
                    if (k > 1 && b[k - 1] <= b[k - 2]) b[k - 1] = b[k - 2] + 0.01;
                }

                return GrmKernel.Create(1, b, estimate: true);
            }

            default:
            {
                double c = options.Model == CalibrationModel.ThreePL ? options.GuessingPrior?.Mode ?? 0.2 : 0;
                double pc = Math.Clamp(((n[1] / total) - c) / (1 - c), 0.02, 0.98);
                double b = -Math.Log(pc / (1 - pc));
                return DichotomousKernel.Create(options.Model, 1, b, c, 1, options.GuessingPrior, estimate: true);
            }
        }
    }
}
