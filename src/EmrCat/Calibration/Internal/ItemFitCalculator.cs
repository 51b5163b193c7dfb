using MathNet.Numerics;

namespace EmrCat.Calibration.Internal;

/// <summary>
/// S-X² (Orlando &amp; Thissen, 2000; Kang &amp; Chen, 2008 for polytomous items): observed versus model-expected
/// category proportions within each summed-score group, the expectations from the Lord–Wingersky recursion over the
/// quadrature. Groups are pooled until every expected count is at least 1 (mirt's <c>mincell = 1</c>). The summed
/// score needs every examinee to have answered every item, so sparse data get no S-X².
/// </summary>
internal static class ItemFitCalculator
{
    private const double MinimumExpected = 1;

    public static ItemFit?[]? Compute(CalibrationData data, ItemKernel[] kernels, EmEngine engine)
    {
        int rows = data.Examinees.Count, items = kernels.Length;
        if (data.ResponseTotal != (long)rows * items || items < 2) return null;
        var nodes = engine.Nodes.ToArray();
        int q = nodes.Length;
        var weights = new double[q];
        for (int i = 0; i < q; i++) weights[i] = Math.Exp(-0.5 * Math.Pow(nodes[i] - engine.LatentMean, 2) / engine.LatentVariance);
        double wsum = weights.Sum();
        for (int i = 0; i < q; i++) weights[i] /= wsum;

        // P[j][k·Q + q]
        var prob = new double[items][];
        for (int j = 0; j < items; j++)
        {
            var kernel = kernels[j];
            prob[j] = new double[kernel.Categories * q];
            var p = new double[kernel.Categories];
            for (int node = 0; node < q; node++)
            {
                kernel.Probabilities(kernel.X, nodes[node], p);
                for (int k = 0; k < p.Length; k++) prob[j][k * q + node] = p[k];
            }
        }

        int maxScore = kernels.Sum(k => k.Categories - 1);
        var scores = new int[rows];
        var starts = data.RowStarts;
        var cats = data.Categories;
        var itemOf = data.Items;
        var dense = new byte[rows * items];
        for (int r = 0; r < rows; r++)
        {
            for (int n = starts[r]; n < starts[r + 1]; n++)
            {
                scores[r] += cats[n];
                dense[r * items + itemOf[n]] = cats[n];
            }
        }

        var result = new ItemFit?[items];
        Parallel.For(0, items, j =>
        {
            if (kernels[j].FreeCount == 0) return;
            int kc = kernels[j].Categories;

            // Lord–Wingersky over every item but j: rest[s·Q + q] = P(score s on the others | θ_q).
            int restMax = maxScore - (kc - 1);
            var rest = new double[(restMax + 1) * q];
            var next = new double[(restMax + 1) * q];
            for (int node = 0; node < q; node++) rest[node] = 1;
            int reach = 0;
            for (int l = 0; l < items; l++)
            {
                if (l == j) continue;
                int lc = kernels[l].Categories;
                Array.Clear(next, 0, (reach + lc) * q);
                for (int s = 0; s <= reach; s++)
                {
                    for (int k = 0; k < lc; k++)
                    {
                        for (int node = 0; node < q; node++) next[(s + k) * q + node] += rest[s * q + node] * prob[l][k * q + node];
                    }
                }

                reach += lc - 1;
                (rest, next) = (next, rest);
            }

            // Expected counts E[s, k] = N_s ∫ P_jk f_rest(s − k) φ / ∫ f(s) φ; observed counts O[s, k].
            var observed = new double[(maxScore + 1) * kc];
            var groupSize = new double[maxScore + 1];
            for (int r = 0; r < rows; r++)
            {
                int k = dense[r * items + j];
                observed[scores[r] * kc + k]++;
                groupSize[scores[r]]++;
            }

            var expected = new double[(maxScore + 1) * kc];
            for (int s = 0; s <= maxScore; s++)
            {
                double total = 0;
                var joint = new double[kc];
                for (int k = 0; k < kc; k++)
                {
                    int restScore = s - k;
                    if (restScore < 0 || restScore > restMax) continue;
                    double sum = 0;
                    for (int node = 0; node < q; node++) sum += prob[j][k * q + node] * rest[restScore * q + node] * weights[node];
                    joint[k] = sum;
                    total += sum;
                }

                for (int k = 0; k < kc; k++) expected[s * kc + k] = total > 0 ? groupSize[s] * joint[k] / total : 0;
            }

            // Extreme scores carry no information about the item (only one category is possible): skip them.
            var groups = new List<(double[] O, double[] E)>();
            double[]? o = null, e = null;
            for (int s = kc - 1; s <= maxScore - (kc - 1); s++)
            {
                o ??= new double[kc];
                e ??= new double[kc];
                for (int k = 0; k < kc; k++)
                {
                    o[k] += observed[s * kc + k];
                    e[k] += expected[s * kc + k];
                }

                if (e.Min() >= MinimumExpected)
                {
                    groups.Add((o, e));
                    o = e = null;
                }
            }

            if (o is not null && e is not null && groups.Count > 0)
            {
                var last = groups[^1];
                for (int k = 0; k < kc; k++)
                {
                    last.O[k] += o[k];
                    last.E[k] += e[k];
                }
            }

            double chi = 0;
            foreach (var (go, ge) in groups)
            {
                for (int k = 0; k < kc; k++) chi += (go[k] - ge[k]) * (go[k] - ge[k]) / ge[k];
            }

            int df = groups.Count * (kc - 1) - kernels[j].FreeCount;
            if (df < 1 || !double.IsFinite(chi)) return; // too few score groups to judge this item
            result[j] = new ItemFit(chi, df, SpecialFunctions.GammaUpperRegularized(df / 2.0, chi / 2));
        });

        return result;
    }
}
