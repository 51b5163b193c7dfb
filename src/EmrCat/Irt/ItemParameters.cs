using System.Globalization;

namespace EmrCat.Irt;

/// <summary>
/// Parameters of one dichotomous item under the four-parameter logistic model
/// P(θ) = c + (d − c) / (1 + exp(−D·a·(θ − b))). The 1PL, 2PL and 3PL models are the special cases
/// a = 1, c = 0, d = 1 (1PL), c = 0, d = 1 (2PL) and d = 1 (3PL).
/// </summary>
/// <remarks>The value is validated on construction, so every instance in the engine is usable.</remarks>
public readonly record struct ItemParameters
{
    /// <summary>Creates validated item parameters.</summary>
    /// <param name="a">Discrimination, finite and &gt; 0.</param>
    /// <param name="b">Difficulty (location), finite.</param>
    /// <param name="c">Lower asymptote (pseudo-guessing), in [0, 1). Default 0.</param>
    /// <param name="d">Upper asymptote, in (c, 1]. Default 1.</param>
    /// <exception cref="ArgumentException">A parameter is NaN, infinite or outside its range; the message names it.</exception>
    public ItemParameters(double a, double b, double c = 0.0, double d = 1.0)
    {
        if (Validate(a, b, c, d) is { } problem)
        {
            throw new ArgumentException(problem.Message, problem.Field);
        }

        A = a;
        B = b;
        C = c;
        D = d;
    }

    /// <summary>Discrimination (slope), &gt; 0.</summary>
    public double A { get; }

    /// <summary>Difficulty (location) on the θ scale.</summary>
    public double B { get; }

    /// <summary>Lower asymptote (pseudo-guessing), in [0, 1).</summary>
    public double C { get; }

    /// <summary>Upper asymptote (inattention/slipping), in (c, 1].</summary>
    public double D { get; }

    /// <summary>The most specific model these parameters fit: 1PL, 2PL, 3PL or 4PL.</summary>
    public IrtModel Model => D < 1.0 ? IrtModel.FourPL : C > 0.0 ? IrtModel.ThreePL : A == 1.0 ? IrtModel.OnePL : IrtModel.TwoPL;

    /// <summary>
    /// Checks raw parameters without throwing: returns <see langword="null"/> when valid, else the first field that is
    /// wrong and a message naming it and its value. Loaders use this to report every problem at once.
    /// </summary>
    /// <param name="a">Discrimination.</param>
    /// <param name="b">Difficulty.</param>
    /// <param name="c">Lower asymptote.</param>
    /// <param name="d">Upper asymptote.</param>
    /// <returns>The problem found, or <see langword="null"/>.</returns>
    internal static ParameterProblem? Validate(double a, double b, double c, double d)
    {
        if (!double.IsFinite(a) || a <= 0.0)
        {
            return new ParameterProblem("a", $"Discrimination a must be a finite number > 0, but was {Show(a)}.");
        }

        if (!double.IsFinite(b))
        {
            return new ParameterProblem("b", $"Difficulty b must be a finite number, but was {Show(b)}.");
        }

        if (!double.IsFinite(c) || c < 0.0 || c >= 1.0)
        {
            return new ParameterProblem("c", $"Lower asymptote c must be in [0, 1), but was {Show(c)}.");
        }

        if (!double.IsFinite(d) || d <= c || d > 1.0)
        {
            return new ParameterProblem("d", $"Upper asymptote d must be in (c, 1] with c = {Show(c)}, but was {Show(d)}.");
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"a={A}, b={B}, c={C}, d={D}");

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A field of an item's parameters that is invalid, and why.</summary>
/// <param name="Field">The parameter's name: "a", "b", "c" or "d".</param>
/// <param name="Message">What is wrong, naming the field and the value.</param>
internal sealed record ParameterProblem(string Field, string Message);
