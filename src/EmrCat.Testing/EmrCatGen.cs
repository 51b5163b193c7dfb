using EmrCat.Banks;
using EmrCat.Irt;
using EmrCat.Sessions;
using EmrCat.Testing.Internal;
using FsCheck;
using FsCheck.Fluent;

namespace EmrCat.Testing;

/// <summary>
/// FsCheck generators for EmrCat's inputs: valid item parameters (1PL to 4PL, including extreme but legal values),
/// θ values, response patterns, blueprints, whole item banks, simulated examinees and whole sessions. Use them with
/// <c>Prop.ForAll</c> to property-test scoring on your own settings, or use the ready-made
/// <see cref="EmrCatProperties"/>.
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

    /// <summary>
    /// Valid polytomous items: GRM (sorted boundaries), GPCM or PCM (steps in any order), 2 to 6 categories, a in
    /// [0.3, 3], thresholds in [-3.5, 3.5].
    /// </summary>
    public static Gen<ItemParameters> PolytomousItem { get; } =
        from model in Gen.Elements(IrtModel.GradedResponse, IrtModel.GeneralizedPartialCredit, IrtModel.PartialCredit)
        from categories in Gen.Choose(2, ItemParameters.MaxCategories)
        from a in Uniform(0.3, 3.0)
        from thresholds in Uniform(-3.5, 3.5).ArrayOf(categories - 1)
        select model switch
        {
            IrtModel.GradedResponse => ItemParameters.Graded(a, thresholds.Order().ToArray()),
            IrtModel.GeneralizedPartialCredit => ItemParameters.GeneralizedPartialCredit(a, thresholds),
            _ => ItemParameters.PartialCredit(thresholds),
        };

    /// <summary>Any valid item: mostly 1–4PL (<see cref="Item"/>), one in three polytomous (<see cref="PolytomousItem"/>).</summary>
    public static Gen<ItemParameters> MixedItem { get; } = Gen.Frequency((2, Item), (1, PolytomousItem));

    /// <summary>
    /// Technology-enhanced bank items with partial credit, as a bank file declares them: select all that apply (3 to 7
    /// options, 1 to 5 of them right, scored right minus wrong) and ordering items (2 to 6 options, scored by adjacent
    /// pairs in order), each with GRM, GPCM or PCM parameters of one step or threshold per score above 0
    /// (<see cref="BankItem.MaxCategory"/> = right options, or options − 1). Options are shown in a shuffled order.
    /// </summary>
    public static Gen<BankItem> TechnologyEnhancedItem { get; } =
        from ordered in Gen.Elements(false, true)
        from options in ordered ? Gen.Choose(2, 6) : Gen.Choose(3, 7)
        from right in Gen.Choose(1, Math.Min(5, options - 1))
        from shuffle in Gen.Choose(0, 1_000_000).ArrayOf(options)
        from a in Uniform(0.3, 3.0)
        from thresholds in Uniform(-3.5, 3.5).ArrayOf(ItemParameters.MaxCategories - 1)
        from model in Gen.Elements(IrtModel.GradedResponse, IrtModel.GeneralizedPartialCredit, IrtModel.PartialCredit)
        select TechnologyEnhanced(ordered, options, right, shuffle, a, thresholds, model);

    private static BankItem TechnologyEnhanced(bool ordered, int optionCount, int right, int[] shuffle, double a, double[] thresholds, IrtModel model)
    {
        var ids = Enumerable.Range(0, optionCount).Select(k => ((char)('A' + k)).ToString()).ToArray();
        var shown = ids.Select((id, k) => (id, order: shuffle[k])).OrderBy(x => x.order).Select(x => x.id).ToArray();
        int steps = ordered ? optionCount - 1 : right;
        var t = thresholds.Take(steps).ToArray();
        var parameters = model switch
        {
            IrtModel.GradedResponse => ItemParameters.Graded(a, t.Order().ToArray()),
            IrtModel.GeneralizedPartialCredit => ItemParameters.GeneralizedPartialCredit(a, t),
            _ => ItemParameters.PartialCredit(t),
        };
        return new BankItem
        {
            Id = ordered ? "ORD" : "SEL",
            Domain = "all",
            Type = ordered ? ItemType.Ordered : ItemType.Multiple,
            Scoring = ordered ? ScoringRule.AdjacentPairs : ScoringRule.RightMinusWrong,
            Stem = ordered ? "Put the steps in order." : "Select all that apply.",
            Options = shown.Select(id => new ItemOption(id, "Option " + id)).ToArray(),
            Key = ordered ? ids : ids.Take(right).ToArray(),
            Parameters = parameters,
        };
    }

    /// <summary>
    /// A mixed dichotomous/polytomous response pattern: between <paramref name="minLength"/> and
    /// <paramref name="maxLength"/> items of <see cref="MixedItem"/>, each with a category in 0..K−1.
    /// </summary>
    /// <param name="minLength">Fewest responses.</param>
    /// <param name="maxLength">Most responses.</param>
    /// <returns>Items and aligned categories.</returns>
    public static Gen<CategoryPattern> CategoryPattern(int minLength, int maxLength) =>
        from n in Gen.Choose(minLength, maxLength)
        from items in MixedItem.ArrayOf(n)
        from draws in Gen.Choose(0, 719).ArrayOf(n)
        select new CategoryPattern(items, items.Select((item, i) => draws[i] % item.Categories).ToArray());

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

    /// <summary>A response pattern whose answers are all right or all wrong: where ML has no finite maximum.</summary>
    /// <param name="minLength">Fewest responses.</param>
    /// <param name="maxLength">Most responses.</param>
    /// <returns>Items and constant answers.</returns>
    public static Gen<ResponsePattern> ConstantPattern(int minLength, int maxLength) =>
        from p in Pattern(minLength, maxLength)
        from right in Gen.Elements(true, false)
        select p with { Correct = Enumerable.Repeat(right, p.Items.Length).ToArray() };

    /// <summary>Any 64-bit session seed.</summary>
    public static Gen<ulong> Seed { get; } =
        from high in Gen.Choose(int.MinValue, int.MaxValue)
        from low in Gen.Choose(int.MinValue, int.MaxValue)
        select ((ulong)(uint)high << 32) | (uint)low;

    /// <summary>
    /// A random valid blueprint: 1 to 6 domains (ids <c>d1</c>, <c>d2</c>, …) whose target shares sum to 100%, each
    /// with a share range up to ±5 points around its target, so the minimums sum to at most and the maximums to at
    /// least 100%. Use <see cref="Blueprint.Emr2025"/> for the EMR blueprint.
    /// </summary>
    public static Gen<Blueprint> ValidBlueprint { get; } =
        from count in Gen.Choose(1, 6)
        from weights in Gen.Choose(1, 100).ArrayOf(count)
        from slack in Gen.Choose(0, 50).ArrayOf(count)
        select BankBuilder.Blueprint(weights, slack);

    /// <summary>
    /// Valid item banks on the EMR five-domain blueprint (<see cref="Blueprint.Emr2025"/>) or a random valid one
    /// (<see cref="ValidBlueprint"/>), half each. See <see cref="Bank(Gen{Blueprint}, int, int, int)"/>.
    /// </summary>
    /// <param name="scoredItems">Scored items, at least 1. Default 160 (enough for <see cref="CatOptions.Emr"/>).</param>
    /// <param name="pilotItems">Pilot items. Default 40 (enough for <see cref="CatOptions.Emr"/>).</param>
    /// <param name="enemyGroups">Enemy groups of 2–3 items; 0 for none. Default 6.</param>
    /// <returns>The generator.</returns>
    public static Gen<ItemBank> Bank(int scoredItems = 160, int pilotItems = 40, int enemyGroups = 6) =>
        Gen.OneOf(EmrBank(scoredItems, pilotItems, enemyGroups), Bank(ValidBlueprint, scoredItems, pilotItems, enemyGroups));

    /// <summary>Valid item banks on the EMR five-domain blueprint, <see cref="Blueprint.Emr2025"/>. See <see cref="Bank(Gen{Blueprint}, int, int, int)"/>.</summary>
    /// <param name="scoredItems">Scored items, at least 1. Default 160 (enough for <see cref="CatOptions.Emr"/>).</param>
    /// <param name="pilotItems">Pilot items. Default 40 (enough for <see cref="CatOptions.Emr"/>).</param>
    /// <param name="enemyGroups">Enemy groups of 2–3 items; 0 for none. Default 6.</param>
    /// <returns>The generator.</returns>
    public static Gen<ItemBank> EmrBank(int scoredItems = 160, int pilotItems = 40, int enemyGroups = 6) =>
        Bank(Gen.Constant(Blueprint.Emr2025), scoredItems, pilotItems, enemyGroups);

    /// <summary>
    /// Valid item banks on blueprints from <paramref name="blueprints"/>: scored and pilot items spread over the domains
    /// in proportion to their target shares (largest remainder, at least one scored item per domain while there are
    /// enough), parameters from <see cref="Item"/>, four options with a random key, and
    /// <paramref name="enemyGroups"/> disjoint enemy groups of 2–3 items each (scored or pilot). EMR reporting scale,
    /// logistic metric. Every bank passes <see cref="BankValidator"/>.
    /// </summary>
    /// <param name="blueprints">The blueprints; an empty blueprint puts every item in one domain, <c>all</c>.</param>
    /// <param name="scoredItems">Scored items, at least 1.</param>
    /// <param name="pilotItems">Pilot items, 0 or more.</param>
    /// <param name="enemyGroups">Enemy groups, 0 or more, at most a third of the items.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range.</exception>
    public static Gen<ItemBank> Bank(Gen<Blueprint> blueprints, int scoredItems, int pilotItems, int enemyGroups)
    {
        ArgumentNullException.ThrowIfNull(blueprints);
        ArgumentOutOfRangeException.ThrowIfLessThan(scoredItems, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(pilotItems);
        ArgumentOutOfRangeException.ThrowIfNegative(enemyGroups);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(enemyGroups, (scoredItems + pilotItems) / 3);
        return from blueprint in blueprints
               from parameters in Item.ArrayOf(scoredItems + pilotItems)
               from seed in Gen.Choose(0, int.MaxValue)
               select BankBuilder.Build(blueprint, parameters, scoredItems, enemyGroups, seed);
    }

    /// <summary>
    /// Simulated examinees: any seed, and a true θ within ±3 of <paramref name="cutTheta"/>, often within ±0.5 of it
    /// (where classification is hard) and sometimes at the ends of [-6, 6].
    /// </summary>
    /// <param name="cutTheta">The cut θ to concentrate around. Default 0 (the EMR scale's).</param>
    /// <returns>The generator.</returns>
    public static Gen<SimulatedExaminee> Examinee(double cutTheta = 0) =>
        from seed in Seed
        from theta in Gen.Frequency(
            (4, Uniform(cutTheta - 3, cutTheta + 3)),
            (3, Uniform(cutTheta - 0.5, cutTheta + 0.5)),
            (1, Gen.Elements(-6.0, cutTheta, 6.0)))
        select new SimulatedExaminee(seed, theta);

    /// <summary>
    /// Whole sessions: an <see cref="Examinee"/> around the bank's cut takes a session on <paramref name="bank"/> with
    /// <paramref name="options"/> to its end, answering right with probability P(θ) (the clock never moves).
    /// </summary>
    /// <param name="bank">The bank.</param>
    /// <param name="options">The session options.</param>
    /// <returns>The generator of finished sessions.</returns>
    /// <exception cref="ArgumentException">The options are invalid or the bank cannot serve them (checked here, once).</exception>
    public static Gen<SimulatedSession> Session(ItemBank bank, CatOptions options)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(options);
        _ = CatSession.Start(bank, options, 0, FixedClock.Instance);
        return Examinee(bank.Scale.CutTheta).Select(examinee => examinee.Take(bank, options));
    }
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

/// <summary>Items (dichotomous and polytomous) and aligned response categories, as FsCheck generates them.</summary>
/// <param name="Items">The items.</param>
/// <param name="Categories">The categories, 0..K−1 of each item (1 right, 0 wrong for a dichotomous item).</param>
public sealed record CategoryPattern(ItemParameters[] Items, int[] Categories)
{
    /// <summary>Whether every response is its item's lowest category, or every one its highest.</summary>
    public bool IsExtreme =>
        Categories.All(c => c == 0) || Categories.Select((c, i) => c == Items[i].Categories - 1).All(x => x);

    /// <inheritdoc />
    public override string ToString() =>
        string.Join("; ", Items.Select((item, i) => $"[{item}] {Categories[i]}"));
}
