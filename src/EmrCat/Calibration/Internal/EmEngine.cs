using System.Runtime.CompilerServices;
using System.Numerics.Tensors;

namespace EmrCat.Calibration.Internal;

/// <summary>
/// Bock–Aitkin EM on a fixed quadrature grid. E-step: each examinee's posterior over the nodes, from the log
/// probabilities of the categories they answered (missing cells are skipped), summed into expected counts r_jkq.
/// M-step: each free item's expected complete-data log-likelihood Σ r log P (+ log prior) maximised by damped Newton
/// steps — items are independent here, so they run in parallel. EM is accelerated by SQUAREM (Varadhan &amp; Roland,
/// 2008) and finished by full Newton steps on the marginal likelihood with its exact observed information, which is
/// also what the standard errors come from.
/// </summary>
internal sealed class EmEngine
{
    // Examinees are summed in this many fixed blocks (then added in block order), so results do not depend on threads.
    private const int Blocks = 16;

    private readonly CalibrationData _data;
    private readonly ItemKernel[] _kernels;
    private readonly int[] _freeOf;
    private readonly int[] _freeItems;
    private readonly int[] _offset;
    private readonly int _q;
    private readonly int _kmax;
    private readonly double[] _nodes;
    private readonly double[] _logWeights;
    private readonly bool _estimateLatent;
    private readonly ParallelOptions _parallel;
    private readonly double[] _logP;

    public EmEngine(CalibrationData data, ItemKernel[] kernels, CalibrationOptions options)
    {
        _data = data;
        _kernels = kernels;
        _q = options.QuadraturePoints;
        _kmax = kernels.Max(k => k.Categories);
        _nodes = new double[_q];
        for (int q = 0; q < _q; q++) _nodes[q] = options.ThetaMin + (options.ThetaMax - options.ThetaMin) * q / (_q - 1);
        _logWeights = new double[_q];
        _estimateLatent = options.EstimateLatentDistribution;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : -1 };
        _freeOf = new int[kernels.Length];
        var free = new List<int>();
        var offsets = new List<int>();
        int total = 0;
        for (int j = 0; j < kernels.Length; j++)
        {
            _freeOf[j] = kernels[j].FreeCount > 0 ? free.Count : -1;
            if (kernels[j].FreeCount == 0) continue;
            free.Add(j);
            offsets.Add(total);
            total += kernels[j].FreeCount;
        }

        offsets.Add(total);
        _freeItems = free.ToArray();
        _offset = offsets.ToArray();
        ParameterCount = total;
        _logP = new double[kernels.Length * _kmax * _q];
        SetLatent(0, 1);
    }

    public double LatentMean { get; private set; }

    public double LatentVariance { get; private set; } = 1;

    /// <summary>Number of free item parameters (the latent mean and variance, when estimated, are not counted).</summary>
    public int ParameterCount { get; }

    public int VectorLength => ParameterCount + (_estimateLatent ? 2 : 0);

    public int Cycles { get; private set; }

    public ReadOnlySpan<double> Nodes => _nodes;

    /// <summary>The current free parameters as one vector (then the latent mean and log SD when estimated).</summary>
    public double[] Pack()
    {
        var v = new double[VectorLength];
        for (int f = 0; f < _freeItems.Length; f++)
        {
            var k = _kernels[_freeItems[f]];
            for (int i = 0; i < k.FreeCount; i++) v[_offset[f] + i] = k.X[k.FreeIndex[i]];
        }

        if (_estimateLatent)
        {
            v[ParameterCount] = LatentMean;
            v[ParameterCount + 1] = 0.5 * Math.Log(LatentVariance);
        }

        return v;
    }

    /// <summary>Writes a vector back; false (and nothing changed) when it is not a proper parameter set.</summary>
    public bool TryUnpack(ReadOnlySpan<double> v)
    {
        for (int i = 0; i < v.Length; i++)
        {
            if (!double.IsFinite(v[i])) return false;
        }

        Span<double> x = stackalloc double[32];
        for (int f = 0; f < _freeItems.Length; f++)
        {
            var k = _kernels[_freeItems[f]];
            var xi = x[..k.X.Length];
            k.X.CopyTo(xi);
            for (int i = 0; i < k.FreeCount; i++) xi[k.FreeIndex[i]] = v[_offset[f] + i];
            if (!k.IsValid(xi)) return false;
        }

        for (int f = 0; f < _freeItems.Length; f++)
        {
            var k = _kernels[_freeItems[f]];
            for (int i = 0; i < k.FreeCount; i++) k.X[k.FreeIndex[i]] = v[_offset[f] + i];
            k.Clamp(k.X);
        }

        if (_estimateLatent) SetLatent(v[ParameterCount], Math.Exp(2 * v[ParameterCount + 1]));
        return true;
    }

    private void SetLatent(double mean, double variance)
    {
        LatentMean = mean;
        LatentVariance = variance;
        double max = double.NegativeInfinity;
        for (int q = 0; q < _q; q++)
        {
            double z = _nodes[q] - mean;
            _logWeights[q] = -0.5 * z * z / variance;
            max = Math.Max(max, _logWeights[q]);
        }

        double sum = 0;
        for (int q = 0; q < _q; q++) sum += Math.Exp(_logWeights[q] - max);
        double log = max + Math.Log(sum);
        for (int q = 0; q < _q; q++) _logWeights[q] -= log; // weights normalised to sum 1, as mirt does
    }

    public double LogPrior()
    {
        double sum = 0;
        foreach (int j in _freeItems) sum += _kernels[j].LogPrior(_kernels[j].X);
        return sum;
    }

    private void FillLogProbabilities()
    {
        Parallel.For(0, _kernels.Length, _parallel, j =>
        {
            var kernel = _kernels[j];
            Span<double> p = stackalloc double[kernel.Categories];
            int baseIndex = j * _kmax * _q;
            for (int q = 0; q < _q; q++)
            {
                kernel.Probabilities(kernel.X, _nodes[q], p);
                for (int k = 0; k < p.Length; k++) _logP[baseIndex + k * _q + q] = Math.Log(Math.Max(p[k], double.Epsilon));
            }
        });
    }

    /// <summary>Posterior of examinee <paramref name="row"/> over the nodes into <paramref name="post"/>; returns log Σ_q w_q L(q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Posterior(int row, Span<double> post)
    {
        var starts = _data.RowStarts;
        var items = _data.Items;
        var cats = _data.Categories;
        _logWeights.CopyTo(post);
        for (int n = starts[row]; n < starts[row + 1]; n++)
        {
            TensorPrimitives.Add(post, _logP.AsSpan((items[n] * _kmax + cats[n]) * _q, _q), post);
        }

        double max = TensorPrimitives.Max(post);
        TensorPrimitives.Subtract(post, max, post);
        TensorPrimitives.Exp(post, post);
        double sum = TensorPrimitives.Sum(post);
        TensorPrimitives.Multiply(post, 1 / sum, post);
        return max + Math.Log(sum);
    }

    /// <summary>E-step at the current parameters: expected counts r[(f·K + k)·Q + q] of the free items, and the log-likelihood.</summary>
    public double EStep(double[] counts, double[] posteriorMass)
    {
        FillLogProbabilities();
        int rows = _data.Examinees.Count;
        int size = _freeItems.Length * _kmax * _q;
        var blockCounts = new double[Blocks][];
        var blockMass = new double[Blocks][];
        var blockLl = new double[Blocks];
        Parallel.For(0, Blocks, _parallel, b => EStepBlock(b, rows, size, blockCounts, blockMass, blockLl));

        Array.Clear(counts);
        Array.Clear(posteriorMass);
        double total = 0;
        for (int b = 0; b < Blocks; b++)
        {
            TensorPrimitives.Add(counts, blockCounts[b], counts);
            TensorPrimitives.Add(posteriorMass, blockMass[b], posteriorMass);
            total += blockLl[b];
        }

        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EStepBlock(int b, int rows, int size, double[][] blockCounts, double[][] blockMass, double[] blockLl)
    {
        var local = new double[size];
        var mass = new double[_q];
        Span<double> post = stackalloc double[_q];
        var starts = _data.RowStarts;
        var items = _data.Items;
        var cats = _data.Categories;
        double ll = 0;
        for (int r = rows * b / Blocks; r < rows * (b + 1) / Blocks; r++)
        {
            ll += Posterior(r, post);
            TensorPrimitives.Add(mass, post, mass);
            for (int n = starts[r]; n < starts[r + 1]; n++)
            {
                int f = _freeOf[items[n]];
                if (f < 0) continue;
                var slice = local.AsSpan((f * _kmax + cats[n]) * _q, _q);
                TensorPrimitives.Add(slice, post, slice);
            }
        }

        blockCounts[b] = local;
        blockMass[b] = mass;
        blockLl[b] = ll;
    }

    /// <summary>M-step: each free item maximised given the counts; the latent distribution from the posterior mass.</summary>
    public void MStep(double[] counts, double[] posteriorMass)
    {
        Parallel.For(0, _freeItems.Length, _parallel, f =>
        {
            var kernel = _kernels[_freeItems[f]];
            ItemMaximizer.Maximize(kernel, counts.AsSpan(f * _kmax * _q, kernel.Categories * _q), _nodes, _q);
        });
        if (_estimateLatent)
        {
            double n = TensorPrimitives.Sum(posteriorMass);
            double mean = TensorPrimitives.Dot(posteriorMass, _nodes) / n;
            double second = 0;
            for (int q = 0; q < _q; q++) second += posteriorMass[q] * (_nodes[q] - mean) * (_nodes[q] - mean);
            SetLatent(mean, second / n);
        }
    }

    public double[] NewCounts() => new double[_freeItems.Length * _kmax * _q];

    public double[] NewMass() => new double[_q];

    /// <summary>
    /// Runs EM from the current parameters until no parameter moves more than <paramref name="tolerance"/> in a cycle.
    /// Returns whether it converged; the parameters are left at the last EM update.
    /// </summary>
    public bool Run(double tolerance, int maxCycles, IProgress<CalibrationProgress>? progress, CancellationToken cancel)
    {
        var counts = NewCounts();
        var mass = NewMass();

        // One plain EM map: E-step at the current point, M-step to the next; returns the objective at the start.
        double Map(out double change)
        {
            cancel.ThrowIfCancellationRequested();
            var before = Pack();
            double objective = EStep(counts, mass) + LogPrior();
            MStep(counts, mass);
            var after = Pack();
            change = 0;
            for (int i = 0; i < before.Length; i++) change = Math.Max(change, Math.Abs(after[i] - before[i]));
            Cycles++;
            progress?.Report(new CalibrationProgress(Cycles, objective, change));
            return objective;
        }

        while (Cycles < maxCycles)
        {
            var x0 = Pack();
            Map(out double change);
            if (change < tolerance) return true;
            var x1 = Pack();
            double l1 = Map(out change);
            if (change < tolerance) return true;
            if (Cycles >= maxCycles) break;
            var x2 = Pack();

            // SQUAREM: extrapolate along the last two EM steps; keep the jump only if it does not lower the objective.
            double rr = 0, vv = 0;
            for (int i = 0; i < x0.Length; i++)
            {
                double r = x1[i] - x0[i], v = x2[i] - 2 * x1[i] + x0[i];
                rr += r * r;
                vv += v * v;
            }

            if (vv <= 0) continue;
            double alpha = Math.Min(-1, -Math.Sqrt(rr / vv));
            var jump = new double[x0.Length];
            for (int i = 0; i < x0.Length; i++)
            {
                double r = x1[i] - x0[i], v = x2[i] - 2 * x1[i] + x0[i];
                jump[i] = x0[i] - 2 * alpha * r + alpha * alpha * v;
            }

            if (alpha >= -1 || !TryUnpack(jump)) continue;
            double lj = Map(out _);
            if (!(lj >= l1))
            {
                TryUnpack(x2); // the jump went downhill: go on from the plain EM point
            }
        }

        return false;
    }

    /// <summary>
    /// Gradient and Hessian of log L + log prior in the free parameters (latent distribution held), exact: the
    /// Fisher identity for the gradient and Louis' formula for the Hessian, which is the observed information that
    /// Oakes' identity gives (mirt evaluates that identity by finite differences).
    /// </summary>
    public (double LogPosterior, double[] Gradient, double[,] Hessian) Derivatives()
    {
        var counts = NewCounts();
        var mass = NewMass();
        double ll = EStep(counts, mass) + LogPrior();
        int p = ParameterCount;
        int nf = _freeItems.Length;
        var grad = new double[p];
        var hess = new double[p, p];

        // u[f][(k·Q + q)·m + i] = ∂ log P_k(θ_q)/∂x_i for free item f's free parameters.
        var u = new double[nf][];
        Parallel.For(0, nf, _parallel, f =>
        {
            var kernel = _kernels[_freeItems[f]];
            int n = kernel.X.Length, m = kernel.FreeCount, kc = kernel.Categories;
            var uf = new double[kc * _q * m];
            var pr = new double[kc];
            var dp = new double[kc * n];
            var d2p = new double[kc * n * n];
            var g = new double[n];
            var h = new double[n * n];
            for (int q = 0; q < _q; q++)
            {
                kernel.Derivatives(kernel.X, _nodes[q], pr, dp, d2p);
                for (int k = 0; k < kc; k++)
                {
                    double r = counts[(f * _kmax + k) * _q + q];
                    double pk = Math.Max(pr[k], double.Epsilon);
                    for (int i = 0; i < m; i++) uf[(k * _q + q) * m + i] = dp[k * n + kernel.FreeIndex[i]] / pk;
                    if (r == 0) continue;
                    for (int i = 0; i < n; i++)
                    {
                        g[i] += r * dp[k * n + i] / pk;
                        for (int j = 0; j < n; j++) h[i * n + j] += r * d2p[(k * n + i) * n + j] / pk; // ∂² log P + u uᵀ
                    }
                }
            }

            kernel.AddPriorDerivatives(kernel.X, g, h);
            var hp = new double[n * n];
            kernel.AddPriorDerivatives(kernel.X, new double[n], hp);
            for (int i = 0; i < m; i++)
            {
                int xi = kernel.FreeIndex[i];
                grad[_offset[f] + i] = g[xi];
                for (int j = 0; j < m; j++) hess[_offset[f] + i, _offset[f] + j] = h[xi * n + kernel.FreeIndex[j]];
            }

            u[f] = uf;
        });

        // Σ_i [Σ_q π_iq g_iq g_iqᵀ − ḡ_i ḡ_iᵀ] off the item diagonal blocks comes from joint posterior counts of item
        // pairs; −Σ_i ḡ_i ḡ_iᵀ everywhere from each examinee's posterior-mean score.
        int rows = _data.Examinees.Count;
        int kk = _kmax * _kmax;
        int blocks = Math.Min(Blocks, Math.Max(1, Environment.ProcessorCount));

        // Joint counts of item pairs take pairs × K² × Q cells; beyond a memory budget the pairs are done in slices of
        // first items (one pass over the examinees per slice), so a large bank costs passes, not gigabytes.
        int f0 = 0;
        bool firstPass = true;
        while (f0 < nf || firstPass)
        {
            int f1 = Math.Min(nf, f0 + 1);
            while (f1 < nf && (PairStart(f1 + 1, nf) - PairStart(f0, nf)) * kk * _q * blocks <= JointCellBudget) f1++;
            long sliceCells = (PairStart(f1, nf) - PairStart(f0, nf)) * kk * _q;
            var joints = new double[blocks][];
            var outer = new double[blocks][];
            int from = f0, to = f1;
            bool withOuter = firstPass;
            Parallel.For(0, blocks, _parallel, b => InformationBlock(b, blocks, rows, p, nf, kk, from, to, sliceCells, withOuter, u, joints, outer));
            for (int b = 1; b < blocks; b++)
            {
                TensorPrimitives.Add(joints[0], joints[b], joints[0]);
                if (withOuter) TensorPrimitives.Add(outer[0], outer[b], outer[0]);
            }

            if (withOuter)
            {
                var ggSum = outer[0];
                for (int i = 0; i < p; i++)
                {
                    for (int j = 0; j < p; j++) hess[i, j] -= ggSum[i * p + j];
                }
            }

            var jointSum = joints[0];
            long sliceStart = PairStart(from, nf);
            Parallel.For(from, to, _parallel, f =>
            {
                int mf = _offset[f + 1] - _offset[f];
                for (int l = f + 1; l < nf; l++)
                {
                    int ml = _offset[l + 1] - _offset[l];
                    long pair = (PairIndex(f, l, nf) - sliceStart) * kk;
                    for (int k = 0; k < _kernels[_freeItems[f]].Categories; k++)
                    {
                        for (int kl = 0; kl < _kernels[_freeItems[l]].Categories; kl++)
                        {
                            long cell = (pair + k * _kmax + kl) * _q;
                            for (int q = 0; q < _q; q++)
                            {
                                double w = jointSum[cell + q];
                                if (w == 0) continue;
                                for (int i = 0; i < mf; i++)
                                {
                                    double wi = w * u[f][(k * _q + q) * mf + i];
                                    for (int j = 0; j < ml; j++)
                                    {
                                        double add = wi * u[l][(kl * _q + q) * ml + j];
                                        hess[_offset[f] + i, _offset[l] + j] += add;
                                        hess[_offset[l] + j, _offset[f] + i] += add;
                                    }
                                }
                            }
                        }
                    }
                }
            });

            firstPass = false;
            f0 = f1;
        }

        return (ll, grad, hess);
    }

    /// <summary>Default for <see cref="JointCellBudget"/>: 16 M doubles, 128 MB.</summary>
    public const long DefaultJointCellBudget = 16L << 20;

    /// <summary>Most joint-count cells held at once across all blocks.</summary>
    public long JointCellBudget { get; init; } = DefaultJointCellBudget;

    /// <summary>Number of item pairs (f, l), f &lt; l, whose first item is below <paramref name="f"/>.</summary>
    private static long PairStart(int f, int n) => (long)f * (2L * n - f - 1) / 2;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void InformationBlock(int b, int blocks, int rows, int p, int nf, int kk, int from, int to, long sliceCells, bool withOuter, double[][] u, double[][] joints, double[][] outer)
    {
        var joint = new double[sliceCells];
        var gg = withOuter ? new double[p * p] : [];
        long sliceStart = PairStart(from, nf);
        var post = new double[_q];
        var mean = new double[p];
        var answered = new List<(int F, int K)>();
        var starts = _data.RowStarts;
        var items = _data.Items;
        var cats = _data.Categories;
        for (int r = rows * b / blocks; r < rows * (b + 1) / blocks; r++)
        {
            Posterior(r, post);
            answered.Clear();
            for (int n = starts[r]; n < starts[r + 1]; n++)
            {
                int f = _freeOf[items[n]];
                if (f >= 0) answered.Add((f, cats[n]));
            }

            // Row cells are in column order and free indices increase with the column, so f < l in every pair below.
            if (answered.Count == 0) continue;
            for (int s = 0; s < answered.Count; s++)
            {
                var (f, k) = answered[s];
                if (withOuter)
                {
                    int m = _offset[f + 1] - _offset[f];
                    var uf = u[f];
                    for (int i = 0; i < m; i++)
                    {
                        double sum = 0;
                        for (int q = 0; q < _q; q++) sum += post[q] * uf[(k * _q + q) * m + i];
                        mean[_offset[f] + i] = sum;
                    }
                }

                if (f < from || f >= to) continue;
                for (int t = s + 1; t < answered.Count; t++)
                {
                    var (l, kl) = answered[t];
                    long cell = (((PairIndex(f, l, nf) - sliceStart) * kk) + k * _kmax + kl) * _q;
                    TensorPrimitives.Add(joint.AsSpan().Slice((int)cell, _q), post, joint.AsSpan().Slice((int)cell, _q));
                }
            }

            if (!withOuter) continue;
            foreach (var (f, _) in answered)
            {
                for (int i = _offset[f]; i < _offset[f + 1]; i++)
                {
                    double mi = mean[i];
                    foreach (var (l, _) in answered)
                    {
                        for (int j = _offset[l]; j < _offset[l + 1]; j++) gg[i * p + j] += mi * mean[j];
                    }
                }
            }
        }

        joints[b] = joint;
        outer[b] = gg;
    }

    private static long PairIndex(int f, int l, int n) => (long)f * (2L * n - f - 1) / 2 + (l - f - 1);

    /// <summary>The free-parameter ranges of free item f in the packed vector.</summary>
    public (int Start, int Count) Slot(int column) =>
        _freeOf[column] < 0 ? (0, 0) : (_offset[_freeOf[column]], _offset[_freeOf[column] + 1] - _offset[_freeOf[column]]);
}
