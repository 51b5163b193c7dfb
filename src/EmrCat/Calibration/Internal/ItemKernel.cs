using System.Runtime.CompilerServices;

namespace EmrCat.Calibration.Internal;

/// <summary>
/// One item during calibration, in mirt's slope–intercept parameters X (so convergence is judged on mirt's scale):
/// category probabilities at a θ, their first and second derivatives in X, an optional log prior, and the conversion
/// to IRT form with its Jacobian (for delta-method SEs). Free marks which entries of X are estimated.
/// </summary>
internal abstract class ItemKernel
{
    protected ItemKernel(double[] x, bool[] free)
    {
        X = x;
        Free = free;
        FreeIndex = Enumerable.Range(0, x.Length).Where(i => free[i]).ToArray();
    }

    /// <summary>All internal parameters.</summary>
    public double[] X { get; }

    /// <summary>Which entries of X are estimated.</summary>
    public bool[] Free { get; }

    /// <summary>Indices of the free entries.</summary>
    public int[] FreeIndex { get; }

    public int FreeCount => FreeIndex.Length;

    public abstract int Categories { get; }

    public abstract CalibrationModel Model { get; }

    /// <summary>Whether X gives a proper item (e.g. GRM intercepts strictly decreasing).</summary>
    public virtual bool IsValid(ReadOnlySpan<double> x) => true;

    /// <summary>Keeps X inside the box where the model is numerically sound.</summary>
    public virtual void Clamp(Span<double> x)
    {
    }

    /// <summary>Category probabilities P_k(θ) for k = 0..K.</summary>
    public abstract void Probabilities(ReadOnlySpan<double> x, double theta, Span<double> p);

    /// <summary>P_k, ∂P_k/∂X (row k, length n) and ∂²P_k/∂X² (block k, n×n), n = X.Length.</summary>
    public abstract void Derivatives(ReadOnlySpan<double> x, double theta, Span<double> p, Span<double> dp, Span<double> d2p);

    public virtual double LogPrior(ReadOnlySpan<double> x) => 0;

    /// <summary>Adds the prior's gradient and Hessian (in X, full size) to g and h.</summary>
    public virtual void AddPriorDerivatives(ReadOnlySpan<double> x, Span<double> g, Span<double> h)
    {
    }

    /// <summary>The IRT-form parameters of X.</summary>
    public abstract CalibratedParameters ToIrt(ReadOnlySpan<double> x);

    /// <summary>
    /// Jacobian of the IRT-form estimates (a, locations…, c) with respect to X: row r is output r, column i is X[i].
    /// </summary>
    public abstract double[,] IrtJacobian(ReadOnlySpan<double> x);

    protected static double Logistic(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    public static ItemKernel FromFixed(CalibratedParameters p) => p.Model switch
    {
        CalibrationModel.Gpcm => GpcmKernel.Create(p.A, p.Locations.ToArray(), estimate: false),
        CalibrationModel.Grm => GrmKernel.Create(p.A, p.Locations.ToArray(), estimate: false),
        _ => DichotomousKernel.Create(CalibrationModel.ThreePL, p.A, p.Locations[0], p.C, p.D, null, estimate: false),
    };
}

/// <summary>
/// 1PL/2PL/3PL (and fixed 4PL): X = (a1, d, g) with P = c + (u − c)·σ(a1·θ + d), c = σ(g) (mirt's logit-g scale);
/// IRT form a = a1, b = −d/a1.
/// </summary>
internal sealed class DichotomousKernel : ItemKernel
{
    // Where mirt's optimiser keeps logit(g) too: beyond ±20, c is 2e-9 from its bound and the likelihood flat.
    private const double GuessLimit = 20;
    private readonly CalibrationModel _model;
    private readonly double _upper;
    private readonly BetaPrior? _prior;

    private DichotomousKernel(CalibrationModel model, double[] x, bool[] free, double upper, BetaPrior? prior)
        : base(x, free)
    {
        _model = model;
        _upper = upper;
        _prior = prior;
    }

    public override int Categories => 2;

    public override CalibrationModel Model => _model;

    public static DichotomousKernel Create(CalibrationModel model, double a, double b, double c, double upper, BetaPrior? prior, bool estimate)
    {
        double g = c <= 0 ? double.NegativeInfinity : Math.Log(c / (1 - c));
        bool[] free = estimate
            ? model switch
            {
                CalibrationModel.OnePL => [false, true, false],
                CalibrationModel.TwoPL => [true, true, false],
                _ => [true, true, true],
            }
            : [false, false, false];
        return new DichotomousKernel(model, [a, -a * b, g], free, upper, model == CalibrationModel.ThreePL && estimate ? prior : null);
    }

    public override void Clamp(Span<double> x)
    {
        if (Free[2]) x[2] = Math.Clamp(x[2], -GuessLimit, GuessLimit);
    }

    public override bool IsValid(ReadOnlySpan<double> x) => !Free[0] || x[0] > 1e-8;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Probabilities(ReadOnlySpan<double> x, double theta, Span<double> p)
    {
        double z = x[0] * theta + x[1];
        double c = Logistic(x[2]);
        double span = _upper - c;
        p[1] = c + span * Logistic(z);
        p[0] = (1 - _upper) + span * Logistic(-z);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Derivatives(ReadOnlySpan<double> x, double theta, Span<double> p, Span<double> dp, Span<double> d2p)
    {
        double z = x[0] * theta + x[1];
        double s = Logistic(z), sm = Logistic(-z);
        double c = Logistic(x[2]);
        double span = _upper - c;
        p[1] = c + span * s;
        p[0] = (1 - _upper) + span * sm;
        double w = s * sm, cc = c * (1 - c);
        double kw = span * w, curve = kw * (1 - 2 * s);

        // Row for P_1; P_0 = 1 − P_1 has the negated derivatives.
        Span<double> g1 = dp.Slice(3, 3);
        g1[0] = kw * theta;
        g1[1] = kw;
        g1[2] = cc * sm;
        Span<double> h1 = d2p.Slice(9, 9);
        h1[0] = curve * theta * theta;
        h1[1] = h1[3] = curve * theta;
        h1[4] = curve;
        h1[2] = h1[6] = -cc * w * theta;
        h1[5] = h1[7] = -cc * w;
        h1[8] = cc * (1 - 2 * c) * sm;
        for (int i = 0; i < 3; i++) dp[i] = -g1[i];
        for (int i = 0; i < 9; i++) d2p[i] = -h1[i];
    }

    public override double LogPrior(ReadOnlySpan<double> x) => _prior is null ? 0 : _prior.LogDensity(Logistic(x[2]));

    public override void AddPriorDerivatives(ReadOnlySpan<double> x, Span<double> g, Span<double> h)
    {
        if (_prior is null) return;

        // The prior is a density in c; its derivatives in g = logit c carry the chain factor dc/dg = c(1 − c).
        double c = Logistic(x[2]);
        g[2] += (_prior.Alpha - 1) * (1 - c) - (_prior.Beta - 1) * c;
        h[8] -= (_prior.Alpha + _prior.Beta - 2) * c * (1 - c);
    }

    public override CalibratedParameters ToIrt(ReadOnlySpan<double> x)
    {
        double c = Free[2] || x[2] > double.NegativeInfinity ? Logistic(x[2]) : 0;
        return new CalibratedParameters(_model, x[0], [-x[1] / x[0]], c, _upper);
    }

    public override double[,] IrtJacobian(ReadOnlySpan<double> x)
    {
        double a = x[0], d = x[1], c = Logistic(x[2]);
        return new double[,]
        {
            { 1, 0, 0 },
            { d / (a * a), -1 / a, 0 },
            { 0, 0, c * (1 - c) },
        };
    }
}

/// <summary>
/// GPCM with categories 0..K: X = (a1, d_1..d_K), P_k ∝ exp(k·a1·θ + d_k) with d_0 = 0 (mirt's gpcm);
/// IRT form a = a1, t_v = −(d_v − d_{v−1})/a1.
/// </summary>
internal sealed class GpcmKernel : ItemKernel
{
    private readonly int _k;

    private GpcmKernel(double[] x, bool[] free)
        : base(x, free)
    {
        _k = x.Length - 1;
    }

    public override int Categories => _k + 1;

    public override CalibrationModel Model => CalibrationModel.Gpcm;

    public static GpcmKernel Create(double a, double[] steps, bool estimate)
    {
        var x = new double[steps.Length + 1];
        x[0] = a;
        double sum = 0;
        for (int v = 0; v < steps.Length; v++)
        {
            sum += steps[v];
            x[v + 1] = -a * sum;
        }

        var free = Enumerable.Repeat(estimate, x.Length).ToArray();
        return new GpcmKernel(x, free);
    }

    public override bool IsValid(ReadOnlySpan<double> x) => !Free[0] || x[0] > 1e-8;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Probabilities(ReadOnlySpan<double> x, double theta, Span<double> p)
    {
        double at = x[0] * theta, max = 0;
        for (int k = 1; k <= _k; k++) max = Math.Max(max, k * at + x[k]);
        double sum = p[0] = Math.Exp(-max);
        for (int k = 1; k <= _k; k++) sum += p[k] = Math.Exp(k * at + x[k] - max);
        for (int k = 0; k <= _k; k++) p[k] /= sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Derivatives(ReadOnlySpan<double> x, double theta, Span<double> p, Span<double> dp, Span<double> d2p)
    {
        // z_k is linear in X with ∂z_k = e_k = (kθ, δ_k1..δ_kK): ∂P_k = P_k(e_k − m), ∂²P_k = P_k[(e_k − m)(e_k − m)ᵀ − C],
        // m = Σ P e, C = Σ P e eᵀ − m mᵀ.
        int n = _k + 1;
        Probabilities(x, theta, p);
        Span<double> m = stackalloc double[n];
        m[0] = 0;
        for (int k = 1; k <= _k; k++)
        {
            m[0] += p[k] * k * theta;
            m[k] = p[k];
        }

        Span<double> cov = stackalloc double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) cov[i * n + j] = -m[i] * m[j];
        }

        for (int k = 1; k <= _k; k++)
        {
            double kt = k * theta;
            cov[0] += p[k] * kt * kt;
            cov[k] += p[k] * kt;
            cov[k * n] += p[k] * kt;
            cov[k * n + k] += p[k];
        }

        Span<double> e = stackalloc double[n];
        for (int k = 0; k <= _k; k++)
        {
            e.Clear();
            e[0] = k * theta;
            if (k > 0) e[k] = 1;
            for (int i = 0; i < n; i++) e[i] -= m[i];
            for (int i = 0; i < n; i++)
            {
                dp[k * n + i] = p[k] * e[i];
                for (int j = 0; j < n; j++) d2p[(k * n + i) * n + j] = p[k] * (e[i] * e[j] - cov[i * n + j]);
            }
        }
    }

    public override CalibratedParameters ToIrt(ReadOnlySpan<double> x)
    {
        var steps = new double[_k];
        for (int v = 1; v <= _k; v++) steps[v - 1] = -(x[v] - (v > 1 ? x[v - 1] : 0)) / x[0];
        return new CalibratedParameters(CalibrationModel.Gpcm, x[0], steps);
    }

    public override double[,] IrtJacobian(ReadOnlySpan<double> x)
    {
        int n = _k + 1;
        double a = x[0];
        var jac = new double[n, n];
        jac[0, 0] = 1;
        for (int v = 1; v <= _k; v++)
        {
            double prev = v > 1 ? x[v - 1] : 0;
            jac[v, 0] = (x[v] - prev) / (a * a);
            jac[v, v] = -1 / a;
            if (v > 1) jac[v, v - 1] = 1 / a;
        }

        return jac;
    }
}

/// <summary>
/// GRM with categories 0..K: X = (a1, d_1..d_K), P(X ≥ k) = σ(a1·θ + d_k), d decreasing (mirt's graded);
/// IRT form a = a1, b_k = −d_k/a1.
/// </summary>
internal sealed class GrmKernel : ItemKernel
{
    private readonly int _k;

    private GrmKernel(double[] x, bool[] free)
        : base(x, free)
    {
        _k = x.Length - 1;
    }

    public override int Categories => _k + 1;

    public override CalibrationModel Model => CalibrationModel.Grm;

    public static GrmKernel Create(double a, double[] thresholds, bool estimate)
    {
        var x = new double[thresholds.Length + 1];
        x[0] = a;
        for (int k = 0; k < thresholds.Length; k++) x[k + 1] = -a * thresholds[k];
        return new GrmKernel(x, Enumerable.Repeat(estimate, x.Length).ToArray());
    }

    public override bool IsValid(ReadOnlySpan<double> x)
    {
        if (Free[0] && x[0] <= 1e-8) return false;
        for (int k = 2; k <= _k; k++)
        {
            if (x[k] >= x[k - 1]) return false;
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Probabilities(ReadOnlySpan<double> x, double theta, Span<double> p)
    {
        double upper = 1;
        for (int k = 1; k <= _k; k++)
        {
            double star = Logistic(x[0] * theta + x[k]);
            p[k - 1] = upper - star;
            upper = star;
        }

        p[_k] = upper;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Derivatives(ReadOnlySpan<double> x, double theta, Span<double> p, Span<double> dp, Span<double> d2p)
    {
        int n = _k + 1;
        Probabilities(x, theta, p);
        dp[..(n * n)].Clear();
        d2p[..(n * n * n)].Clear();

        // P_k = P*_k − P*_{k+1}: each boundary P*_v (v = 1..K) adds to category v and subtracts from v − 1.
        for (int v = 1; v <= _k; v++)
        {
            double star = Logistic(x[0] * theta + x[v]);
            double w = star * (1 - star), curve = w * (1 - 2 * star);
            for (int sign = 0; sign < 2; sign++)
            {
                int k = sign == 0 ? v : v - 1;
                double s = sign == 0 ? 1 : -1;
                dp[k * n] += s * w * theta;
                dp[k * n + v] += s * w;
                int block = k * n * n;
                d2p[block] += s * curve * theta * theta;
                d2p[block + v] += s * curve * theta;
                d2p[block + v * n] += s * curve * theta;
                d2p[block + v * n + v] += s * curve;
            }
        }
    }

    public override CalibratedParameters ToIrt(ReadOnlySpan<double> x)
    {
        var b = new double[_k];
        for (int k = 1; k <= _k; k++) b[k - 1] = -x[k] / x[0];
        return new CalibratedParameters(CalibrationModel.Grm, x[0], b);
    }

    public override double[,] IrtJacobian(ReadOnlySpan<double> x)
    {
        int n = _k + 1;
        double a = x[0];
        var jac = new double[n, n];
        jac[0, 0] = 1;
        for (int k = 1; k <= _k; k++)
        {
            jac[k, 0] = x[k] / (a * a);
            jac[k, k] = -1 / a;
        }

        return jac;
    }
}
