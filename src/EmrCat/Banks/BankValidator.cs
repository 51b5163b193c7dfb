using EmrCat.Internal;
using EmrCat.Irt;
using EmrCat.Scoring;

namespace EmrCat.Banks;

/// <summary>
/// The semantic rules every bank must meet, whatever it was built from. Returns every problem with its JSON path
/// (the same path the JSON loader reports), so a programmatic bank and a file get the same messages.
/// </summary>
internal static class BankValidator
{
    /// <summary>Checks a bank's parts for consistency only (<see cref="BankValidationOptions.ConsistencyOnly"/>).</summary>
    /// <param name="scale">Reporting scale.</param>
    /// <param name="blueprint">Blueprint.</param>
    /// <param name="items">Items.</param>
    /// <param name="enemyGroups">Declared enemy groups.</param>
    /// <returns>Every problem; empty when valid.</returns>
    public static IReadOnlyList<BankProblem> Validate(ReportingScale scale, Blueprint blueprint, IReadOnlyList<BankItem> items, IReadOnlyList<EnemyGroup> enemyGroups) =>
        Validate(scale, blueprint, items, enemyGroups, BankValidationOptions.ConsistencyOnly);

    /// <summary>Checks a bank's parts for consistency and, as <paramref name="validation"/> asks, for capacity.</summary>
    /// <param name="scale">Reporting scale.</param>
    /// <param name="blueprint">Blueprint.</param>
    /// <param name="items">Items.</param>
    /// <param name="enemyGroups">Declared enemy groups.</param>
    /// <param name="validation">Capacity to check for, e.g. <see cref="BankValidationOptions.Emr"/>.</param>
    /// <returns>Every problem; empty when valid.</returns>
    /// <exception cref="ArgumentException"><paramref name="validation"/> is invalid; the message lists every problem.</exception>
    public static IReadOnlyList<BankProblem> Validate(ReportingScale scale, Blueprint blueprint, IReadOnlyList<BankItem> items, IReadOnlyList<EnemyGroup> enemyGroups, BankValidationOptions validation)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(blueprint);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(enemyGroups);
        ArgumentNullException.ThrowIfNull(validation);
        OptionsGuard.ThrowIfInvalid(nameof(BankValidationOptions), validation.Validate());
        var problems = new List<BankProblem>();
        foreach (var message in scale.Validate()) problems.Add(new BankProblem("$.scale", null, null, message));

        var domainIds = new HashSet<string>(StringComparer.Ordinal);
        for (int d = 0; d < blueprint.Domains.Count; d++)
        {
            var domain = blueprint.Domains[d];
            string path = $"$.blueprint.domains[{d}]";
            if (string.IsNullOrWhiteSpace(domain.Id)) problems.Add(new BankProblem(path + ".id", null, "id", "A domain id must not be empty."));
            else if (!domainIds.Add(domain.Id)) problems.Add(new BankProblem(path + ".id", null, "id", $"Domain id '{domain.Id}' is declared twice."));
            if (!(domain.MinShare >= 0 && domain.MinShare <= domain.MaxShare && domain.MaxShare <= 1))
            {
                problems.Add(new BankProblem(path, null, "minShare", $"Domain '{domain.Id}' needs 0 ≤ minShare ≤ maxShare ≤ 1, but has {domain.MinShare} and {domain.MaxShare}."));
            }
        }

        if (!blueprint.CanReachOneHundredPercent)
        {
            problems.Add(new BankProblem("$.blueprint.domains", null, null,
                $"The domain shares cannot sum to 100%: minimums sum to {100 * blueprint.Domains.Sum(d => d.MinShare):F1}%, maximums to {100 * blueprint.Domains.Sum(d => d.MaxShare):F1}%."));
        }

        var groupIds = new HashSet<string>(StringComparer.Ordinal);
        for (int g = 0; g < enemyGroups.Count; g++)
        {
            if (string.IsNullOrWhiteSpace(enemyGroups[g].Id)) problems.Add(new BankProblem($"$.enemyGroups[{g}].id", null, "id", "An enemy group id must not be empty."));
            else if (!groupIds.Add(enemyGroups[g].Id)) problems.Add(new BankProblem($"$.enemyGroups[{g}].id", null, "id", $"Enemy group '{enemyGroups[g].Id}' is declared twice."));
        }

        if (items.Count == 0) problems.Add(new BankProblem("$.items", null, null, "The bank has no items."));
        var itemIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++)
        {
            ValidateItem(items[i], i, blueprint, domainIds, groupIds, itemIds, problems);
        }

        ValidateCapacity(blueprint, items, validation, problems);
        return problems;
    }

    /// <summary>Whether the bank can fill the tests of a preset: scored items per domain, and pilot items.</summary>
    private static void ValidateCapacity(Blueprint blueprint, IReadOnlyList<BankItem> items, BankValidationOptions validation, List<BankProblem> problems)
    {
        int max = validation.MaxScoredItems;
        if (max > 0 && blueprint.IsEmpty)
        {
            int scored = items.Count(i => i.Status == ItemStatus.Scored);
            if (scored < max)
            {
                problems.Add(new BankProblem("$.items", null, "status",
                    $"The bank has {scored} scored items, but a test may deliver up to {max}; add {max - scored} scored items."));
            }
        }

        for (int d = 0; max > 0 && d < blueprint.Domains.Count; d++)
        {
            var domain = blueprint.Domains[d];
            if (!(domain.MaxShare >= 0 && domain.MaxShare <= 1)) continue; // reported above
            int needed = validation.ScoredItemsNeeded(domain.MaxShare);
            int have = items.Count(i => i.Status == ItemStatus.Scored && string.Equals(i.Domain, domain.Id, StringComparison.Ordinal));
            if (have < needed)
            {
                problems.Add(new BankProblem($"$.blueprint.domains[{d}].maxShare", null, "maxShare",
                    $"Domain '{domain.Id}' has {have} scored items, but a test of up to {max} scored items may give it up to {needed} " +
                    $"(maxShare {domain.MaxShare} × {max}, rounded up); add {needed - have} scored items to the domain."));
            }
        }

        int pilots = items.Count(i => i.Status == ItemStatus.Pilot);
        if (pilots < validation.PilotItems)
        {
            problems.Add(new BankProblem("$.items", null, "status",
                $"The bank has {pilots} pilot items, but each test delivers {validation.PilotItems}; add {validation.PilotItems - pilots} pilot items."));
        }
    }

    private static void ValidateItem(BankItem item, int index, Blueprint blueprint, HashSet<string> domainIds, HashSet<string> groupIds, Dictionary<string, int> itemIds, List<BankProblem> problems)
    {
        string path = $"$.items[{index}]";
        string? id = string.IsNullOrWhiteSpace(item.Id) ? null : item.Id;
        void Add(string field, string message) => problems.Add(new BankProblem($"{path}.{field}", id, field, message));

        if (id is null) Add("id", "The item id must not be empty.");
        else if (itemIds.TryGetValue(id, out int first)) Add("id", $"Item id '{id}' is already used by $.items[{first}].");
        else itemIds[id] = index;

        if (!blueprint.IsEmpty && !domainIds.Contains(item.Domain ?? "")) Add("domain", $"Domain '{item.Domain}' is not in the blueprint ({string.Join(", ", domainIds)}).");
        if (string.IsNullOrWhiteSpace(item.Stem)) Add("stem", "The stem must not be empty.");
        if (!Enum.IsDefined(item.Type)) Add("type", $"Unknown item type {item.Type}.");
        if (!Enum.IsDefined(item.Status)) Add("status", $"Unknown status {item.Status}.");

        var optionIds = new HashSet<string>(StringComparer.Ordinal);
        var options = item.Options ?? [];
        if (options.Count < 2) Add("options", $"An item needs at least 2 options, but has {options.Count}.");
        for (int o = 0; o < options.Count; o++)
        {
            if (string.IsNullOrWhiteSpace(options[o]?.Id)) Add($"options[{o}].id", "An option id must not be empty.");
            else if (!optionIds.Add(options[o].Id)) Add($"options[{o}].id", $"Option id '{options[o].Id}' is used twice.");
            if (string.IsNullOrWhiteSpace(options[o]?.Text)) Add($"options[{o}].text", "An option's text must not be empty.");
        }

        var key = item.Key ?? [];
        if (key.Count == 0) Add("key", "The key is empty.");
        if (item.Type == ItemType.Single && key.Count > 1) Add("key", $"A single-answer item has exactly one key, but has {key.Count}.");
        if (key.Distinct(StringComparer.Ordinal).Count() != key.Count) Add("key", "The key names an option twice.");
        if (item.Type == ItemType.Ordered && key.Count != options.Count) Add("key", $"An ordered item's key must list all {options.Count} options in order.");
        foreach (var k in key)
        {
            if (!optionIds.Contains(k)) Add("key", $"Key '{k}' is not among the options ({string.Join(", ", optionIds)}).");
        }

        var p = item.Parameters;
        if (ItemParameters.Validate(p.A, p.B, p.C, p.D) is { } problem)
        {
            problems.Add(new BankProblem($"{path}.irt.{problem.Field}", id, "irt." + problem.Field, problem.Message));
        }

        var tags = item.Tags ?? [];
        for (int t = 0; t < tags.Count; t++)
        {
            if (!ItemTags.IsKnown(tags[t])) Add($"tags[{t}]", $"Unknown tag '{tags[t]}'; a tag is one of {string.Join(", ", ItemTags.All)}.");
            else if (tags.Take(t).Contains(tags[t], StringComparer.Ordinal)) Add($"tags[{t}]", $"Tag '{tags[t]}' is listed twice.");
        }

        var groups = item.EnemyGroups ?? [];
        for (int g = 0; g < groups.Count; g++)
        {
            if (!groupIds.Contains(groups[g] ?? "")) Add($"enemyGroups[{g}]", $"Enemy group '{groups[g]}' is not declared in $.enemyGroups.");
            else if (groups.Take(g).Contains(groups[g], StringComparer.Ordinal)) Add($"enemyGroups[{g}]", $"Enemy group '{groups[g]}' is listed twice.");
        }

        if (item.Review is { } review)
        {
            if (string.IsNullOrWhiteSpace(review.Guideline)) Add("review.guideline", "The review's guideline edition must not be empty.");
            if (string.IsNullOrWhiteSpace(review.ReviewerRole)) Add("review.reviewerRole", "The review's reviewer role must not be empty.");
        }

        ValidateScoring(item, key.Count, Add);
    }

    /// <summary>
    /// How many response categories an item's scoring gives: 2 for all-or-nothing; right options + 1 for
    /// right-minus-wrong; options (steps − 1 adjacent pairs, plus 0) for adjacent pairs.
    /// </summary>
    internal static int CategoriesFor(ItemType type, ScoringRule scoring, int keyCount, int optionCount) => scoring switch
    {
        ScoringRule.RightMinusWrong when type == ItemType.Multiple => keyCount + 1,
        ScoringRule.AdjacentPairs when type == ItemType.Ordered => optionCount,
        _ => 2,
    };

    /// <summary>
    /// The scoring rule must suit the item type, and the IRT parameters must have one category per possible score:
    /// as many steps (GPCM, PCM) or thresholds (GRM) as the top score, or right/wrong (1–4PL) parameters for
    /// all-or-nothing. Problems name the field a bank file writes them in (<c>scoring</c>, <c>irt.steps</c>, <c>irt.thresholds</c>).
    /// </summary>
    private static void ValidateScoring(BankItem item, int keyCount, Action<string, string> add)
    {
        string rule = item.Scoring switch
        {
            ScoringRule.RightMinusWrong => "rightMinusWrong",
            ScoringRule.AdjacentPairs => "adjacentPairs",
            _ => "allOrNothing",
        };
        switch (item.Scoring)
        {
            case ScoringRule.AllOrNothing:
                break;
            case ScoringRule.RightMinusWrong when item.Type != ItemType.Multiple:
                add("scoring", $"Scoring 'rightMinusWrong' is for select-all (multiple) items, but the item is {TypeName(item.Type)}; use 'allOrNothing' or leave 'scoring' out.");
                return;
            case ScoringRule.AdjacentPairs when item.Type != ItemType.Ordered:
                add("scoring", $"Scoring 'adjacentPairs' is for ordering (ordered) items, but the item is {TypeName(item.Type)}; use 'allOrNothing' or leave 'scoring' out.");
                return;
            case ScoringRule.RightMinusWrong or ScoringRule.AdjacentPairs:
                break;
            default:
                add("scoring", $"Unknown scoring rule {item.Scoring}.");
                return;
        }

        var p = item.Parameters;
        int top = CategoriesFor(item.Type, item.Scoring, keyCount, item.Options?.Count ?? 0) - 1;
        string why = item.Scoring switch
        {
            ScoringRule.RightMinusWrong => $"{keyCount} right option{(keyCount == 1 ? "" : "s")}",
            ScoringRule.AdjacentPairs => $"{top + 1} options ({top} adjacent pair{(top == 1 ? "" : "s")})",
            _ => "right or wrong",
        };
        string field = p.Model == IrtModel.GradedResponse ? "thresholds" : "steps";
        if (top > ItemParameters.MaxCategories - 1)
        {
            add(item.Scoring == ScoringRule.RightMinusWrong ? "key" : "options",
                $"Scoring '{rule}' with {why} gives scores 0..{top}, but a partial-credit item has at most {ItemParameters.MaxCategories - 1} steps; use fewer {(item.Scoring == ScoringRule.RightMinusWrong ? "right options" : "options")} or 'allOrNothing'.");
        }
        else if (!p.IsPolytomous && top != 1)
        {
            add("irt.model", $"Scoring '{rule}' with {why} gives scores 0..{top}, but the item has right/wrong (1-4PL) parameters; give GPCM or PCM 'steps' or GRM 'thresholds', {top} of them.");
        }
        else if (p.IsPolytomous && p.Categories - 1 != top)
        {
            add($"irt.{field}", $"Scoring '{rule}' with {why} gives scores 0..{top}, so the {ModelName(p.Model)} item needs {top} {(top == 1 ? field[..^1] : field)}, but has {p.Categories - 1}.");
        }
    }

    private static string TypeName(ItemType type) => type switch { ItemType.Multiple => "multiple", ItemType.Ordered => "ordered", _ => "single" };

    private static string ModelName(IrtModel model) => model switch
    {
        IrtModel.GradedResponse => "GRM",
        IrtModel.PartialCredit => "PCM",
        _ => "GPCM",
    };
}
