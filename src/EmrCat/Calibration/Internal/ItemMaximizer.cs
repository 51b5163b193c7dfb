using System.Runtime.CompilerServices;

namespace EmrCat.Calibration.Internal;

/// <summary>
/// The M-step for one item: maximises Σ_q Σ_k r_kq log P_k(θ_q) + log prior over the item's free parameters by
/// Newton steps with the analytic Hessian, damped (Levenberg) when the Hessian is not negative definite and halved
/// until the objective does not fall. A handful of parameters, so everything is on the stack.
/// </summary>
internal static class ItemMaximizer
{
    private const int MaxIterations = 50;
    private const double StepTolerance = 1e-9;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Maximize(ItemKernel kernel, ReadOnlySpan<double> counts, ReadOnlySpan<double> nodes, int q)
    {
        int n = kernel.X.Length, m = kernel.FreeCount, kc = kernel.Categories;
        Span<double> x = stackalloc double[n];
        Span<double> trial = stackalloc double[n];
        Span<double> p = stackalloc double[kc];
        Span<double> dp = stackalloc double[kc * n];
        Span<double> d2p = stackalloc double[kc * n * n];
        Span<double> g = stackalloc double[n];
        Span<double> h = stackalloc double[n * n];
        Span<double> a = stackalloc double[m * m];
        Span<double> rhs = stackalloc double[m];
        kernel.X.CopyTo(x);
        double f = Objective(kernel, x, counts, nodes, q, p);
        if (!double.IsFinite(f)) return;

        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            g.Clear();
            h.Clear();
            for (int node = 0; node < q; node++)
            {
                kernel.Derivatives(x, nodes[node], p, dp, d2p);
                for (int k = 0; k < kc; k++)
                {
                    double r = counts[k * q + node];
                    if (r == 0) continue;
                    double pk = Math.Max(p[k], double.Epsilon);
                    double rp = r / pk;
                    for (int i = 0; i < n; i++)
                    {
                        double di = dp[k * n + i];
                        g[i] += rp * di;
                        for (int j = 0; j < n; j++) h[i * n + j] += rp * (d2p[(k * n + i) * n + j] - di * dp[k * n + j] / pk);
                    }
                }
            }

            kernel.AddPriorDerivatives(x, g, h);

            // Solve (−H + λI) Δ = g on the free parameters, raising λ until the matrix is positive definite.
            double lambda = 0, scale = 0;
            for (int i = 0; i < m; i++) scale = Math.Max(scale, Math.Abs(h[kernel.FreeIndex[i] * n + kernel.FreeIndex[i]]));
            bool solved = false;
            for (int attempt = 0; attempt < 30 && !solved; attempt++)
            {
                for (int i = 0; i < m; i++)
                {
                    rhs[i] = g[kernel.FreeIndex[i]];
                    for (int j = 0; j < m; j++) a[i * m + j] = -h[kernel.FreeIndex[i] * n + kernel.FreeIndex[j]] + (i == j ? lambda : 0);
                }

                solved = DenseSolver.CholeskySolve(a, rhs, m);
                if (!solved) lambda = lambda == 0 ? 1e-8 * Math.Max(scale, 1) : lambda * 10;
            }

            if (!solved) break;
            double t = 1, moved = 0;
            bool improved = false;
            for (int halving = 0; halving < 40; halving++)
            {
                x.CopyTo(trial);
                for (int i = 0; i < m; i++) trial[kernel.FreeIndex[i]] += t * rhs[i];
                kernel.Clamp(trial);
                if (kernel.IsValid(trial))
                {
                    double ft = Objective(kernel, trial, counts, nodes, q, p);
                    if (ft >= f - 1e-12 * Math.Abs(f))
                    {
                        moved = 0;
                        for (int i = 0; i < m; i++) moved = Math.Max(moved, Math.Abs(trial[kernel.FreeIndex[i]] - x[kernel.FreeIndex[i]]));
                        trial.CopyTo(x);
                        f = ft;
                        improved = true;
                        break;
                    }
                }

                t /= 2;
            }

            if (!improved || moved < StepTolerance) break;
        }

        x.CopyTo(kernel.X);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Objective(ItemKernel kernel, ReadOnlySpan<double> x, ReadOnlySpan<double> counts, ReadOnlySpan<double> nodes, int q, Span<double> p)
    {
        int kc = kernel.Categories;
        double sum = kernel.LogPrior(x);
        for (int node = 0; node < q; node++)
        {
            kernel.Probabilities(x, nodes[node], p);
            for (int k = 0; k < kc; k++)
            {
                double r = counts[k * q + node];
                if (r == 0) continue;
                if (!(p[k] > 0)) return double.NegativeInfinity;
                sum += r * Math.Log(p[k]);
            }
        }

        return sum;
    }
}

/// <summary>Small dense linear algebra for the per-item M-step (a few parameters).</summary>
internal static class DenseSolver
{
    /// <summary>Solves A x = b in place (b becomes x) for symmetric positive definite A (destroyed); false if A is not.</summary>
    public static bool CholeskySolve(Span<double> a, Span<double> b, int n)
    {
        for (int j = 0; j < n; j++)
        {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
            if (!(d > 0)) return false;
            d = Math.Sqrt(d);
            a[j * n + j] = d;
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
                a[i * n + j] = s / d;
            }
        }

        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= a[i * n + k] * b[k];
            b[i] = s / a[i * n + i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int k = i + 1; k < n; k++) s -= a[k * n + i] * b[k];
            b[i] = s / a[i * n + i];
        }

        return true;
    }
}
