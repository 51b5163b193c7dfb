using EmrCat.Irt;
using FsCheck;
using FsCheck.Fluent;

namespace EmrCat.Testing;

/// <summary>
/// FsCheck generators for EmrCat's inputs: valid item parameters (1PL to 4PL, including extreme but legal values),
/// θ values, and response patterns. Use them with <c>Prop.ForAll</c> to property-test scoring on your own settings.
/// </summary>
public static class EmrCatGen
{
    /// <summary>A double uniformly spread over [lower, upper] at a resolution of 1e-6 of the range.</summary>
    /// <param name="lower">Lower end.</param>
    /// <param name="upper">Upper end.</param>
    /// <returns>The generator.</returns>
    public static Gen<double> Uniform(double lower, double upper) =>
        Gen.Choose(0, 1_000_000).Select(i => lower + (upper - lower) * (i / 1_000_000.0));

    /// <summary>θ values in [-6, 6], with the ends and 0 over-represented.</summary>
    public static Gen<double> Theta { get; } = Gen.Frequency(
        (8, Uniform(-6, 6)),
        (1, Gen.Elements(-6.0, 0.0, 6.0)));

    /// <summary>
    /// Valid item parameters: a in [0.2, 4] (sometimes up to 12), b in [-4, 4], c in [0, 0.35] or 0, d in [0.85, 1] or 1,
    /// covering the 1PL, 2PL, 3PL and 4PL special cases.
    /// </summary>
    public static Gen<ItemParameters> Item { get; } =
        from model in Gen.Choose(1, 4)
        from a in Gen.Frequency((9, Uniform(0.2, 4.0)), (1, Uniform(4.0, 12.0)))
        from b in Uniform(-4, 4)
        from c in Uniform(0, 0.35)
        from d in Uniform(0.85, 1.0)
        select model switch
        {
            1 => new ItemParameters(1.0, b),
            2 => new ItemParameters(a, b),
            3 => new ItemParameters(a, b, c),
            _ => new ItemParameters(a, b, c, Math.Max(d, c + 0.05)),
        };

    /// <summary>A response pattern: between <paramref name="minLength"/> and <paramref name="maxLength"/> items with 0/1 answers.</summary>
    /// <param name="minLength">Fewest responses.</param>
    /// <param name="maxLength">Most responses.</param>
    /// <returns>Items and aligned answers.</returns>
    public static Gen<ResponsePattern> Pattern(int minLength, int maxLength) =>
        from n in Gen.Choose(minLength, maxLength)
        from items in Item.ArrayOf(n)
        from answers in Gen.Elements(true, false).ArrayOf(n)
        select new ResponsePattern(items, answers);

    /// <summary>A response pattern with at least one right and one wrong answer.</summary>
    /// <param name="minLength">Fewest responses, at least 2.</param>
    /// <param name="maxLength">Most responses.</param>
    /// <returns>Items and aligned answers, mixed.</returns>
    public static Gen<ResponsePattern> MixedPattern(int minLength, int maxLength) =>
        from p in Pattern(Math.Max(2, minLength), maxLength)
        from i in Gen.Choose(0, p.Items.Length - 1)
        select p.WithMixedAnswers(i);
}

/// <summary>Items and aligned dichotomous answers, as FsCheck generates them.</summary>
/// <param name="Items">The items.</param>
/// <param name="Correct">The answers, aligned with <paramref name="Items"/>.</param>
public sealed record ResponsePattern(ItemParameters[] Items, bool[] Correct)
{
    /// <summary>Forces at least one right and one wrong answer, changing answers at <paramref name="index"/> and its neighbour.</summary>
    /// <param name="index">Where to place the right answer.</param>
    /// <returns>A mixed pattern.</returns>
    public ResponsePattern WithMixedAnswers(int index)
    {
        var answers = (bool[])Correct.Clone();
        if (answers.All(x => x) || answers.All(x => !x))
        {
            answers[index] = true;
            answers[(index + 1) % answers.Length] = false;
        }

        return this with { Correct = answers };
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Join("; ", Items.Select((item, i) => $"[{item}] {(Correct[i] ? 1 : 0)}"));
}
