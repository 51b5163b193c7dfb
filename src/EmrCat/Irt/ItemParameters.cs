using System.Globalization;

namespace EmrCat.Irt;

/// <summary>
/// Parameters of one item. A dichotomous item follows the four-parameter logistic model
/// P(θ) = c + (d − c) / (1 + exp(−D·a·(θ − b))), with the 1PL, 2PL and 3PL models as the special cases a = 1, c = 0,
/// d = 1 (1PL), c = 0, d = 1 (2PL) and d = 1 (3PL). A polytomous item (<see cref="Graded"/>,
/// <see cref="GeneralizedPartialCredit"/>, <see cref="PartialCredit"/>) is scored in <see cref="Categories"/> ordered
/// categories 0..K−1 and carries a slope a and K − 1 thresholds (boundaries β_k or steps δ_k).
/// </summary>
/// <remarks>
/// The value is validated on construction, so every instance in the engine is usable. It is an unmanaged value of
/// fixed size (up to <see cref="MaxCategories"/> categories inline), so banks and estimators hold items in plain arrays
/// and spans without allocating per item.
/// </remarks>
public readonly record struct ItemParameters
{
    /// <summary>Most categories a polytomous item may have.</summary>
    public const int MaxCategories = 6;

    private readonly IrtModel _polytomousModel;
    private readonly int _categories;
    private readonly double _t1;
    private readonly double _t2;
    private readonly double _t3;
    private readonly double _t4;
    private readonly double _t5;

    /// <summary>Creates validated dichotomous item parameters.</summary>
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

    private ItemParameters(IrtModel model, double a, ReadOnlySpan<double> thresholds)
    {
        if (ValidatePolytomous(model, a, thresholds) is { } problem)
        {
            throw new ArgumentException(problem.Message, problem.Field);
        }

        _polytomousModel = model;
        _categories = thresholds.Length + 1;
        A = a;
        double sum = 0;
        foreach (double t in thresholds) sum += t;
        B = sum / thresholds.Length;
        D = 1.0;
        _t1 = thresholds[0];
        _t2 = thresholds.Length > 1 ? thresholds[1] : 0;
        _t3 = thresholds.Length > 2 ? thresholds[2] : 0;
        _t4 = thresholds.Length > 3 ? thresholds[3] : 0;
        _t5 = thresholds.Length > 4 ? thresholds[4] : 0;
    }

    /// <summary>Discrimination (slope), &gt; 0 (1 for the partial credit model).</summary>
    public double A { get; }

    /// <summary>Difficulty (location) on the θ scale; for a polytomous item the mean of its thresholds.</summary>
    public double B { get; }

    /// <summary>Lower asymptote (pseudo-guessing), in [0, 1); 0 for a polytomous item.</summary>
    public double C { get; }

    /// <summary>Upper asymptote (inattention/slipping), in (c, 1]; 1 for a polytomous item.</summary>
    public double D { get; }

    /// <summary>Number of response categories: 2 for a dichotomous item (0 wrong, 1 right), 2–6 for a polytomous one.</summary>
    public int Categories => _categories == 0 ? 2 : _categories;

    /// <summary>Whether the item follows GRM, GPCM or PCM (scored in ordered categories) rather than a 1–4PL model.</summary>
    public bool IsPolytomous => _polytomousModel != 0;

    /// <summary>The model: for dichotomous items the most specific of 1PL–4PL these parameters fit; else GRM, GPCM or PCM.</summary>
    public IrtModel Model => IsPolytomous
        ? _polytomousModel
        : D < 1.0 ? IrtModel.FourPL : C > 0.0 ? IrtModel.ThreePL : A == 1.0 ? IrtModel.OnePL : IrtModel.TwoPL;

    /// <summary>
    /// Threshold k (1 ≤ k ≤ K − 1) of a polytomous item: the boundary β_k (GRM) or the step δ_k (GPCM, PCM).
    /// </summary>
    /// <param name="k">1-based threshold number.</param>
    /// <returns>The threshold.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The item is dichotomous or k is outside 1..K−1.</exception>
    public double Threshold(int k)
    {
        if (!IsPolytomous || k < 1 || k >= _categories)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, IsPolytomous ? $"Threshold numbers run 1..{_categories - 1}." : "A dichotomous item has no thresholds; use B.");
        }

        return k switch { 1 => _t1, 2 => _t2, 3 => _t3, 4 => _t4, _ => _t5 };
    }

    /// <summary>The thresholds of a polytomous item in order (a copy), or an empty array for a dichotomous item.</summary>
    public double[] Thresholds
    {
        get
        {
            if (!IsPolytomous) return [];
            var thresholds = new double[_categories - 1];
            for (int k = 1; k < _categories; k++) thresholds[k - 1] = Threshold(k);
            return thresholds;
        }
    }

    /// <summary>Samejima's graded response model item (see <see cref="IrtModel.GradedResponse"/>).</summary>
    /// <param name="a">Discrimination, finite and &gt; 0.</param>
    /// <param name="boundaries">1 to 5 non-decreasing, finite category boundaries β_1 ≤ … ≤ β_{K−1}.</param>
    /// <returns>The parameters; K = boundaries + 1 categories.</returns>
    /// <exception cref="ArgumentException">A parameter is invalid; the message names it.</exception>
    public static ItemParameters Graded(double a, ReadOnlySpan<double> boundaries) => new(IrtModel.GradedResponse, a, boundaries);

    /// <summary>Muraki's generalized partial credit model item (see <see cref="IrtModel.GeneralizedPartialCredit"/>).</summary>
    /// <param name="a">Discrimination, finite and &gt; 0.</param>
    /// <param name="steps">1 to 5 finite step parameters δ_1 … δ_{K−1}, in any order.</param>
    /// <returns>The parameters; K = steps + 1 categories.</returns>
    /// <exception cref="ArgumentException">A parameter is invalid; the message names it.</exception>
    public static ItemParameters GeneralizedPartialCredit(double a, ReadOnlySpan<double> steps) => new(IrtModel.GeneralizedPartialCredit, a, steps);

    /// <summary>Masters' partial credit model item: the generalized partial credit model with a = 1.</summary>
    /// <param name="steps">1 to 5 finite step parameters δ_1 … δ_{K−1}, in any order.</param>
    /// <returns>The parameters; K = steps + 1 categories.</returns>
    /// <exception cref="ArgumentException">A step is invalid; the message names it.</exception>
    public static ItemParameters PartialCredit(ReadOnlySpan<double> steps) => new(IrtModel.PartialCredit, 1.0, steps);

    /// <summary>Creates a polytomous item of <paramref name="model"/> (GRM, GPCM or PCM; PCM requires a = 1).</summary>
    /// <param name="model">The polytomous model.</param>
    /// <param name="a">Discrimination.</param>
    /// <param name="thresholds">Boundaries (GRM) or steps (GPCM, PCM).</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="ArgumentException">The model is not polytomous or a parameter is invalid.</exception>
    public static ItemParameters Polytomous(IrtModel model, double a, ReadOnlySpan<double> thresholds) => new(model, a, thresholds);

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

    /// <summary>
    /// Checks polytomous parameters without throwing (see <see cref="Validate(double, double, double, double)"/>):
    /// the model must be GRM, GPCM or PCM, a finite and &gt; 0 (exactly 1 for PCM), 1 to 5 finite thresholds, and
    /// GRM boundaries non-decreasing (a tie leaves a category of probability 0, as in catR). Fields are named "model", "a" and "t1".."t5".
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="a">Discrimination.</param>
    /// <param name="thresholds">Boundaries or steps.</param>
    /// <returns>The problem found, or <see langword="null"/>.</returns>
    internal static ParameterProblem? ValidatePolytomous(IrtModel model, double a, ReadOnlySpan<double> thresholds)
    {
        if (!model.IsPolytomous())
        {
            return new ParameterProblem("model", $"Model must be GRM, GPCM or PCM for category thresholds, but was {model}.");
        }

        if (!double.IsFinite(a) || a <= 0.0)
        {
            return new ParameterProblem("a", $"Discrimination a must be a finite number > 0, but was {Show(a)}.");
        }

        if (model == IrtModel.PartialCredit && a != 1.0)
        {
            return new ParameterProblem("a", $"The partial credit model has a = 1, but a was {Show(a)}; use GPCM for other slopes.");
        }

        if (thresholds.Length is < 1 or > MaxCategories - 1)
        {
            return new ParameterProblem("t1", $"A polytomous item needs 1 to {MaxCategories - 1} thresholds (2 to {MaxCategories} categories), but had {thresholds.Length}.");
        }

        string kind = model == IrtModel.GradedResponse ? "Boundary" : "Step";
        for (int k = 0; k < thresholds.Length; k++)
        {
            if (!double.IsFinite(thresholds[k]))
            {
                return new ParameterProblem($"t{k + 1}", $"{kind} t{k + 1} must be a finite number, but was {Show(thresholds[k])}.");
            }

            if (model == IrtModel.GradedResponse && k > 0 && thresholds[k] < thresholds[k - 1])
            {
                return new ParameterProblem($"t{k + 1}", $"Graded-response boundaries must not decrease, but t{k + 1} = {Show(thresholds[k])} is below t{k} = {Show(thresholds[k - 1])}.");
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => IsPolytomous
        ? string.Create(CultureInfo.InvariantCulture, $"model={Model}, a={A}, t=[{string.Join(", ", Thresholds.Select(t => t.ToString("R", CultureInfo.InvariantCulture)))}]")
        : string.Create(CultureInfo.InvariantCulture, $"a={A}, b={B}, c={C}, d={D}");

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A field of an item's parameters that is invalid, and why.</summary>
/// <param name="Field">The parameter's name: "a", "b", "c", "d", "model" or "t1".."t5".</param>
/// <param name="Message">What is wrong, naming the field and the value.</param>
internal sealed record ParameterProblem(string Field, string Message);
