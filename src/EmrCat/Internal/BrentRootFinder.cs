namespace EmrCat.Internal;

/// <summary>A scalar function of θ, passed by reference so root finding neither allocates nor boxes.</summary>
internal interface IScalarFunction
{
    double Evaluate(double x);
}

/// <summary>
/// Brent's root finder (inverse quadratic interpolation safeguarded by bisection; Brent 1973, ch. 4), the same
/// algorithm as R's <c>uniroot</c>, so a pattern with several roots in the bracket converges to the root catR finds.
/// MathNet's Brent is not used here because it takes a delegate (one allocation per call) and stops differently.
/// </summary>
internal static class BrentRootFinder
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Finds a root in [a, b] given f(a) and f(b) of opposite signs (or one zero).</summary>
    public static double FindRoot<TF>(ref TF f, double a, double b, double fa, double fb, double tolerance, int maxIterations = 200)
        where TF : IScalarFunction, allows ref struct
    {
        if (fa == 0.0) return a;
        if (fb == 0.0) return b;

        double c = a, fc = fa;
        for (int iteration = 0; iteration <= maxIterations; iteration++)
        {
            double previousStep = b - a;
            if (Math.Abs(fc) < Math.Abs(fb))
            {
                // Keep b the best approximation so far.
                a = b; b = c; c = a;
                fa = fb; fb = fc; fc = fa;
            }

            double tolAct = 2.0 * MachineEpsilon * Math.Abs(b) + tolerance / 2.0;
            double newStep = (c - b) / 2.0;
            if (Math.Abs(newStep) <= tolAct || fb == 0.0)
            {
                return b;
            }

            if (Math.Abs(previousStep) >= tolAct && Math.Abs(fa) > Math.Abs(fb))
            {
                double p, q;
                double cb = c - b;
                if (a == c)
                {
                    double t1 = fb / fa; // secant
                    p = cb * t1;
                    q = 1.0 - t1;
                }
                else
                {
                    double qa = fa / fc, t1 = fb / fc, t2 = fb / fa; // inverse quadratic interpolation
                    p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1.0));
                    q = (qa - 1.0) * (t1 - 1.0) * (t2 - 1.0);
                }

                if (p > 0) q = -q; else p = -p;
                if (p < 0.75 * cb * q - Math.Abs(tolAct * q) / 2.0 && p < Math.Abs(previousStep * q / 2.0))
                {
                    newStep = p / q;
                }
            }

            if (Math.Abs(newStep) < tolAct)
            {
                newStep = newStep > 0 ? tolAct : -tolAct;
            }

            a = b; fa = fb;
            b += newStep;
            fb = f.Evaluate(b);
            if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0))
            {
                c = a; fc = fa;
            }
        }

        return b;
    }
}
