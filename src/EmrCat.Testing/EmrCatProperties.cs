using System.Globalization;
using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.Irt;
using EmrCat.Scoring;
using EmrCat.Sessions;
using EmrCat.Testing.Internal;
using FsCheck;
using FsCheck.Fluent;

namespace EmrCat.Testing;

/// <summary>
/// Ready-made FsCheck properties that a reviewer points at their own bank, configuration, scale or estimator, e.g.
/// <c>Check.QuickThrowOnFailure(EmrCatProperties.PassIffThetaAtLeastCut(bank, CatOptions.Emr))</c>. Each failing case
/// is labelled with every rule it broke; session counterexamples name the examinee's seed and true θ, so
/// <c>new SimulatedExaminee(seed, θ).Take(bank, options)</c> replays them exactly.
/// </summary>
/// <remarks>
/// Arguments are checked when the property is built (an invalid configuration throws at once rather than failing every
/// case). Sessions run on a clock that never moves, so the time limit never ends them.
/// </remarks>
public static class EmrCatProperties
{
    /// <summary>The EMR passing score on the 100–1500 reporting scale.</summary>
    public const double EmrPassingScore = 950;

    /// <summary>
    /// The reporting scale is valid, maps the cut θ to exactly 950, and is monotone: for θ₁ ≤ θ₂ (any θ, ±∞, and the
    /// doubles next to the cut) the scaled and reported scores do not decrease, stay within [minimum, maximum], and
    /// θ passes ⇔ θ ≥ cut ⇔ scaled ≥ 950 ⇔ reported ≥ 950 (a fail never rounds up to 950).
    /// </summary>
    /// <param name="scale">The scale, e.g. <see cref="ReportingScale.Emr"/> or a bank's <see cref="ItemBank.Scale"/>.</param>
    /// <returns>The property.</returns>
    public static Property ScaledScoreIsMonotoneWith950AtTheCut(ReportingScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        double cut = scale.CutTheta;
        var theta = Gen.Frequency(
            (4, EmrCatGen.Theta.Select(t => t + (double.IsFinite(cut) ? cut : 0))),
            (3, EmrCatGen.Uniform(-0.02, 0.02).Select(t => cut + t)),
            (2, Gen.Elements(cut, Math.BitDecrement(cut), Math.BitIncrement(cut), cut - 0.005, cut + 0.005, double.NegativeInfinity, double.PositiveInfinity)));
        var pairs = from a in theta from b in theta select (Low: Math.Min(a, b), High: Math.Max(a, b));
        return Prop.ForAll(pairs.ToArbitrary(), pair =>
        {
            var problems = new Problems();
            problems.AddRange(scale.Validate());
            if (problems.Count > 0) return problems.ToProperty();
            problems.Check(scale.ToScaled(cut) == EmrPassingScore, $"ToScaled(cut {F(cut)}) is {F(scale.ToScaled(cut))}, not {F(EmrPassingScore)}.");
            problems.Check(scale.ToReported(cut) == (int)EmrPassingScore, $"ToReported(cut {F(cut)}) is {scale.ToReported(cut)}, not {F(EmrPassingScore)}.");
            foreach (double t in new[] { pair.Low, pair.High })
            {
                double scaled = scale.ToScaled(t);
                int reported = scale.ToReported(t);
                bool passes = scale.Passes(t);
                problems.Check(scaled >= scale.Minimum && scaled <= scale.Maximum, $"ToScaled({F(t)}) = {F(scaled)} is outside [{F(scale.Minimum)}, {F(scale.Maximum)}].");
                problems.Check(passes == (t >= cut), $"Passes({F(t)}) is {passes}, but θ {(t >= cut ? "≥" : "<")} cut {F(cut)}.");
                problems.Check(passes == (scaled >= EmrPassingScore), $"Passes({F(t)}) is {passes}, but its scaled score is {F(scaled)}.");
                problems.Check(passes == (reported >= EmrPassingScore), $"Passes({F(t)}) is {passes}, but its reported score is {reported}.");
            }

            problems.Check(scale.ToScaled(pair.Low) <= scale.ToScaled(pair.High), $"ToScaled decreases: {F(pair.Low)} ↦ {F(scale.ToScaled(pair.Low))}, {F(pair.High)} ↦ {F(scale.ToScaled(pair.High))}.");
            problems.Check(scale.ToReported(pair.Low) <= scale.ToReported(pair.High), $"ToReported decreases: {F(pair.Low)} ↦ {scale.ToReported(pair.Low)}, {F(pair.High)} ↦ {scale.ToReported(pair.High)}.");
            return problems.ToProperty();
        });
    }

    /// <summary>
    /// For any response pattern of 0 to 200 valid items (mixed, all right or all wrong), the estimate keeps the
    /// <see cref="AbilityEstimate"/> contract: θ̂ finite, SE positive and never NaN (+∞ only when there is no information).
    /// </summary>
    /// <param name="estimator">The estimator, e.g. <c>AbilityEstimators.Create(EstimatorKind.ExpectedAPosteriori)</c>.</param>
    /// <returns>The property.</returns>
    public static Property EstimatesAreFinite(IAbilityEstimator estimator)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        var patterns = Gen.Frequency((3, EmrCatGen.Pattern(0, 200)), (1, EmrCatGen.ConstantPattern(0, 60)));
        return Prop.ForAll(patterns.ToArbitrary(), pattern =>
        {
            var problems = new Problems();
            var e = estimator.Estimate(pattern.Items, pattern.Correct);
            problems.Check(double.IsFinite(e.Theta), $"θ̂ is {F(e.Theta)}.");
            problems.Check(!double.IsNaN(e.StandardError) && e.StandardError > 0, $"SE is {F(e.StandardError)}.");
            problems.Check(Enum.IsDefined(e.Status), $"Unknown status {e.Status}.");
            return problems.ToProperty();
        });
    }

    /// <summary>
    /// For any mixed dichotomous/polytomous pattern (1–4PL, GRM, GPCM and PCM items, 0 to 60 responses in categories
    /// 0..K−1), the estimate keeps the <see cref="AbilityEstimate"/> contract, and raising one polytomous response by one
    /// category never lowers θ̂ by more than 1e-6 (the polytomous models are monotone in θ).
    /// </summary>
    /// <param name="estimator">An estimator that scores categories, e.g. <c>AbilityEstimators.Create(EstimatorKind.ExpectedAPosteriori)</c>.</param>
    /// <returns>The property.</returns>
    public static Property MixedPatternEstimatesAreFiniteAndMonotone(IAbilityEstimator estimator)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        var cases =
            from pattern in EmrCatGen.CategoryPattern(0, 60)
            from extra in EmrCatGen.PolytomousItem
            from category in Gen.Choose(0, ItemParameters.MaxCategories - 2)
            select (pattern, extra, category: Math.Min(category, extra.Categories - 2));
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var problems = new Problems();
            var e = estimator.Estimate(c.pattern.Items, c.pattern.Categories);
            problems.Check(double.IsFinite(e.Theta), $"θ̂ is {F(e.Theta)}.");
            problems.Check(!double.IsNaN(e.StandardError) && e.StandardError > 0, $"SE is {F(e.StandardError)}.");
            ItemParameters[] items = [.. c.pattern.Items, c.extra];
            var lower = estimator.Estimate(items, [.. c.pattern.Categories, c.category]);
            var higher = estimator.Estimate(items, [.. c.pattern.Categories, c.category + 1]);
            problems.Check(higher.Theta >= lower.Theta - 1e-6, $"Category {c.category + 1} on [{c.extra}] gives θ̂ {F(higher.Theta)} < {F(lower.Theta)} for category {c.category}.");
            return problems.ToProperty();
        });
    }

    /// <summary>
    /// The response model of every item is coherent at every θ: the category probabilities are each in [0, 1] and sum to
    /// 1 (within 1e-9), the Fisher information is finite and ≥ 0, and the expected score E[X | θ] = Σ k·P_k(θ) does not
    /// decrease as θ grows (within 1e-9). Checked on generated 1–4PL, GRM, GPCM and PCM items (<see cref="EmrCatGen.MixedItem"/>).
    /// </summary>
    /// <returns>The property.</returns>
    public static Property ResponseModelIsCoherent() => ResponseModelIsCoherent(EmrCatGen.MixedItem, IrtMetric.Logistic);

    /// <summary>
    /// <see cref="ResponseModelIsCoherent()"/> for the items of <paramref name="bank"/> (on its metric), e.g. a bank with
    /// select-all and ordering items scored under GRM, GPCM or PCM.
    /// </summary>
    /// <param name="bank">The bank.</param>
    /// <returns>The property.</returns>
    /// <exception cref="ArgumentException">The bank has no items.</exception>
    public static Property ResponseModelIsCoherent(ItemBank bank)
    {
        ArgumentNullException.ThrowIfNull(bank);
        if (bank.Count == 0) throw new ArgumentException("The bank has no items.", nameof(bank));
        return ResponseModelIsCoherent(Gen.Elements(bank.Items.Select(i => i.Parameters).ToArray()), bank.Metric);
    }

    private static Property ResponseModelIsCoherent(Gen<ItemParameters> items, IrtMetric metric)
    {
        var cases =
            from item in items
            from low in EmrCatGen.Theta
            from high in EmrCatGen.Theta
            select (item, low: Math.Min(low, high), high: Math.Max(low, high));
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var problems = new Problems();
            Span<double> p = stackalloc double[ItemParameters.MaxCategories];
            Span<double> expectedAt = stackalloc double[2];
            for (int end = 0; end < 2; end++)
            {
                double theta = end == 0 ? c.low : c.high;
                int k = ItemResponseFunctions.CategoryProbabilities(c.item, theta, p, metric);
                double sum = 0, expected = 0;
                for (int x = 0; x < k; x++)
                {
                    problems.Check(p[x] >= 0 && p[x] <= 1, $"P({x} | θ = {F(theta)}) = {F(p[x])} is outside [0, 1] for [{c.item}].");
                    sum += p[x];
                    expected += x * p[x];
                }

                problems.Check(Math.Abs(sum - 1) <= 1e-9, $"The category probabilities at θ = {F(theta)} sum to {F(sum)}, not 1, for [{c.item}].");
                double information = ItemResponseFunctions.Information(c.item, theta, metric);
                problems.Check(double.IsFinite(information) && information >= 0, $"I(θ = {F(theta)}) = {F(information)} for [{c.item}].");
                expectedAt[end] = expected;
            }

            problems.Check(expectedAt[1] >= expectedAt[0] - 1e-9, $"E[X] falls from {F(expectedAt[0])} at θ = {F(c.low)} to {F(expectedAt[1])} at θ = {F(c.high)} for [{c.item}].");
            return problems.ToProperty();
        });
    }

    /// <summary>
    /// For any mixed dichotomous/polytomous pattern (0 to 60 responses in categories 0..K−1), the EAP estimate — the
    /// posterior mean on the quadrature grid — lies within the grid's range, and its SE (the posterior SD) is positive
    /// and at most half the range's width (no distribution on an interval has a larger SD).
    /// </summary>
    /// <param name="options">The EAP options (range, quadrature points, prior, metric); <see langword="null"/> for the defaults.</param>
    /// <returns>The property.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static Property EapPosteriorMeanIsWithinRange(EapOptions? options = null)
    {
        options ??= new EapOptions();
        var estimator = new EapEstimator(options);
        var range = options.Range;
        return Prop.ForAll(EmrCatGen.CategoryPattern(0, 60).ToArbitrary(), pattern =>
        {
            var problems = new Problems();
            var e = estimator.Estimate(pattern.Items, pattern.Categories);
            problems.Check(e.Theta >= range.Lower && e.Theta <= range.Upper, $"θ̂ {F(e.Theta)} is outside the grid {range}.");
            problems.Check(e.StandardError > 0 && e.StandardError <= (range.Upper - range.Lower) / 2, $"SE {F(e.StandardError)} is not in (0, {F((range.Upper - range.Lower) / 2)}].");
            return problems.ToProperty();
        });
    }

    /// <summary>
    /// The scoring rules of technology-enhanced items (<see cref="EmrCatGen.TechnologyEnhancedItem"/>) are consistent:
    /// any answer (a subset of the options for select-all, an arrangement of some or all for ordering) earns a category
    /// in 0..<see cref="BankItem.MaxCategory"/>; the top one exactly when <see cref="BankItem.IsCorrect"/>; and
    /// <see cref="BankItem.AnswerFor"/> earns the category it is asked for.
    /// </summary>
    /// <returns>The property.</returns>
    public static Property ScoringRulesAreConsistent()
    {
        var cases =
            from item in EmrCatGen.TechnologyEnhancedItem
            from take in Gen.Choose(1, item.Options.Count)
            from order in Gen.Shuffle(item.Options.Select(o => o.Id).ToArray())
            from category in Gen.Choose(0, item.MaxCategory)
            select (item, answer: order.Take(take).ToArray(), category);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var problems = new Problems();
            string key = string.Join(",", c.item.Key);
            int score = c.item.Score(c.answer);
            problems.Check(score >= 0 && score <= c.item.MaxCategory, $"{c.item.Type} [{string.Join(",", c.answer)}] scores {score}, outside 0..{c.item.MaxCategory} (key {key}).");
            problems.Check((score == c.item.MaxCategory) == c.item.IsCorrect(c.answer), $"{c.item.Type} [{string.Join(",", c.answer)}] scores {score} of {c.item.MaxCategory} but IsCorrect is {c.item.IsCorrect(c.answer)} (key {key}).");
            var made = c.item.AnswerFor(c.category);
            problems.Check(c.item.Score(made) == c.category, $"AnswerFor({c.category}) = [{string.Join(",", made)}] scores {c.item.Score(made)} (key {key}).");
            return problems.ToProperty();
        });
    }

    /// <summary>
    /// Pilot answers never change the score: the same examinee (seed and true θ) takes the session twice, once
    /// answering pilot items by P(θ) and once by an arbitrary pattern, and gets the same scored items in the same order,
    /// the same answers to them, and the same decision, stop reason, θ̂, SE and scores.
    /// </summary>
    /// <param name="bank">The bank.</param>
    /// <param name="options">The session options (with <see cref="CatOptions.PilotItems"/> 0 the property holds trivially).</param>
    /// <returns>The property.</returns>
    /// <exception cref="ArgumentException">The options are invalid or the bank cannot serve them.</exception>
    public static Property PilotAnswersNeverChangeTheScore(ItemBank bank, CatOptions options)
    {
        CheckConfiguration(bank, options);
        var cases = from examinee in EmrCatGen.Examinee(bank.Scale.CutTheta)
                    from pilots in Gen.Elements(true, false).ArrayOf(Math.Max(1, options.PilotItems))
                    select new PilotCase(examinee, pilots);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var natural = c.Examinee.Take(bank, options);
            var other = c.Examinee.Take(bank, options, (k, _, _) => c.PilotAnswers[k % c.PilotAnswers.Length]);
            var problems = new Problems();
            var (a, b) = (natural.Result, other.Result);
            var scoredA = a.Items.Where(i => !i.IsPilot).Select(i => (i.ItemId, i.Correct)).ToArray();
            var scoredB = b.Items.Where(i => !i.IsPilot).Select(i => (i.ItemId, i.Correct)).ToArray();
            problems.Check(scoredA.SequenceEqual(scoredB), $"The scored items or their answers differ: [{Show(scoredA)}] vs [{Show(scoredB)}].");
            problems.Check(a.Decision == b.Decision, $"Decision {a.Decision} vs {b.Decision}.");
            problems.Check(a.Reason == b.Reason, $"Stop reason {a.Reason} vs {b.Reason}.");
            problems.Check(a.Theta.Equals(b.Theta) && a.StandardError.Equals(b.StandardError), $"θ̂ {F(a.Theta)} (SE {F(a.StandardError)}) vs {F(b.Theta)} (SE {F(b.StandardError)}).");
            problems.Check(a.ScaledScore.Equals(b.ScaledScore) && a.ReportedScore == b.ReportedScore, $"Scaled {F(a.ScaledScore)}/{a.ReportedScore} vs {F(b.ScaledScore)}/{b.ReportedScore}.");
            problems.Check(a.ScoredCount == b.ScoredCount, $"Scored count {a.ScoredCount} vs {b.ScoredCount}.");
            return problems.ToProperty()
                .Label($"with pilot answers by P(θ): {natural}; with pilot answers {c}: {other}")
                .Trivial(options.PilotItems == 0 || a.PilotCount == 0);
        });
    }

    /// <summary>
    /// Pass if and only if θ̂ ≥ cut: a session that gave at least the minimum number of scored items passes exactly
    /// when its final θ̂ is at or above the bank's cut, and then its scaled and reported scores are ≥ 950 (below 950 on a
    /// fail); one that gave fewer is undecided, or failed under <see cref="IncompleteOutcome.Fail"/>.
    /// </summary>
    /// <param name="bank">The bank.</param>
    /// <param name="options">The session options.</param>
    /// <returns>The property.</returns>
    /// <exception cref="ArgumentException">The options are invalid or the bank cannot serve them.</exception>
    public static Property PassIffThetaAtLeastCut(ItemBank bank, CatOptions options)
    {
        CheckConfiguration(bank, options);
        return Prop.ForAll(EmrCatGen.Session(bank, options).ToArbitrary(), s =>
        {
            var r = s.Result;
            var problems = new Problems();
            double cut = bank.Scale.CutTheta;
            problems.Check(r.CutTheta == cut, $"The result's cut θ {F(r.CutTheta)} is not the bank's {F(cut)}.");
            problems.Check(double.IsFinite(r.Theta), $"θ̂ is {F(r.Theta)}.");
            if (r.ScoredCount >= options.MinScoredItems)
            {
                bool above = r.Theta >= cut;
                problems.Check(r.Decision == (above ? PassFailDecision.Pass : PassFailDecision.Fail), $"θ̂ {F(r.Theta)} is {(above ? "at or above" : "below")} the cut {F(cut)}, but the decision is {r.Decision}.");
                problems.Check((r.ScaledScore >= EmrPassingScore) == above, $"θ̂ {F(r.Theta)} vs cut {F(cut)}, but the scaled score is {F(r.ScaledScore)}.");
                problems.Check((r.ReportedScore >= EmrPassingScore) == above, $"θ̂ {F(r.Theta)} vs cut {F(cut)}, but the reported score is {r.ReportedScore}.");
            }
            else
            {
                var expected = options.IncompleteOutcome == IncompleteOutcome.Fail ? PassFailDecision.Fail : PassFailDecision.Undecided;
                problems.Check(r.Decision == expected, $"Only {r.ScoredCount} scored items (minimum {options.MinScoredItems}), so the decision should be {expected}, but is {r.Decision}.");
            }

            return problems.ToProperty()
                .Classify(r.Decision == PassFailDecision.Pass, "pass")
                .Classify(r.Decision == PassFailDecision.Fail, "fail")
                .Classify(r.Decision == PassFailDecision.Undecided, "undecided");
        });
    }

    /// <summary>
    /// No item is given twice in a session, no item is given after an item that shares an enemy group with it (except a
    /// scored item after a pilot: a pilot never keeps a scored item out), and the counts keep to the options: at most <see cref="CatOptions.MaxScoredItems"/> scored and <see cref="CatOptions.PilotItems"/> pilot
    /// items, and each administered item's pilot flag is its status in the bank.
    /// </summary>
    /// <param name="bank">The bank.</param>
    /// <param name="options">The session options.</param>
    /// <returns>The property.</returns>
    /// <exception cref="ArgumentException">The options are invalid or the bank cannot serve them.</exception>
    public static Property NoRepeatsAndNoEnemies(ItemBank bank, CatOptions options)
    {
        CheckConfiguration(bank, options);
        return Prop.ForAll(EmrCatGen.Session(bank, options).ToArbitrary(), s =>
        {
            var r = s.Result;
            var problems = new Problems();
            var ids = r.Items.Select(i => i.ItemId).ToArray();
            var repeated = ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
            problems.Check(repeated.Length == 0, $"Given more than once: {string.Join(", ", repeated)}.");
            var items = ids.Select(id => bank.TryGetIndex(id, out int index) ? bank.Items[index] : null).ToArray();
            problems.Check(items.All(i => i is not null), "An administered item is not in the bank.");
            // Enemies: an item given after another from one of its groups, unless the earlier one was a pilot and the
            // later one scored (a pilot never keeps a scored item out).
            var given = items.OfType<BankItem>().ToArray();
            var enemies = given
                .SelectMany((later, k) => given.Take(k)
                    .Where(earlier => earlier.EnemyGroups.Intersect(later.EnemyGroups, StringComparer.Ordinal).Any()
                        && !(earlier.Status == ItemStatus.Pilot && later.Status == ItemStatus.Scored))
                    .Select(earlier => $"{earlier.Id} then {later.Id}"))
                .ToArray();
            problems.Check(enemies.Length == 0, $"Enemies given together: {string.Join("; ", enemies)}.");
            problems.Check(r.ScoredCount <= options.MaxScoredItems, $"{r.ScoredCount} scored items, more than the maximum {options.MaxScoredItems}.");
            problems.Check(r.PilotCount <= options.PilotItems, $"{r.PilotCount} pilot items, more than the {options.PilotItems} configured.");
            problems.Check(r.Items.Count == r.ScoredCount + r.PilotCount, $"{r.Items.Count} items, but {r.ScoredCount} scored + {r.PilotCount} pilot.");
            for (int k = 0; k < r.Items.Count; k++)
            {
                if (items[k] is { } item) problems.Check(r.Items[k].IsPilot == (item.Status == ItemStatus.Pilot), $"Item {item.Id} is {item.Status} in the bank but IsPilot is {r.Items[k].IsPilot}.");
            }

            return problems.ToProperty().Classify(enemies.Length == 0 && items.Any(i => i?.EnemyGroups.Count > 0), "an enemy-group item was given");
        });
    }

    private static void CheckConfiguration(ItemBank bank, CatOptions options)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(options);
        _ = CatSession.Start(bank, options, 0, FixedClock.Instance);
    }

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Show((string ItemId, bool Correct)[] items) => string.Join(" ", items.Select(i => $"{i.ItemId}:{(i.Correct ? 1 : 0)}"));

    /// <summary>An examinee and the pilot answers of the second run.</summary>
    private sealed record PilotCase(SimulatedExaminee Examinee, bool[] PilotAnswers)
    {
        public override string ToString() => $"{string.Concat(PilotAnswers.Select(x => x ? '1' : '0'))}";
    }

    /// <summary>Every broken rule of one case, reported together.</summary>
    private sealed class Problems : List<string>
    {
        public void Check(bool holds, string problem)
        {
            if (!holds) Add(problem);
        }

        public Property ToProperty() => Count == 0 ? Prop.Label(true, "ok") : Prop.Label(false, string.Join(" ", this));
    }
}
