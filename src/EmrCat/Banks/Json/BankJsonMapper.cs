using System.Globalization;
using EmrCat.Irt;
using EmrCat.Scoring;

namespace EmrCat.Banks.Json;

/// <summary>A bank's parts read from a file, before the semantic rules are checked.</summary>
internal sealed record BankParts(BankMetadata Metadata, ReportingScale Scale, Blueprint Blueprint, IReadOnlyList<BankItem> Items, IReadOnlyList<EnemyGroup> EnemyGroups);

/// <summary>
/// Turns the DTOs into the domain model and checks the rules only the file format has: IRT values that make valid
/// parameters (<see cref="ItemParameters.Validate"/>), a declared model that agrees with them, and a key written as a
/// string for single-answer items and as an array otherwise. Anything missing gets a neutral placeholder: its problem
/// was reported by <see cref="BankJsonChecker"/>, and the loader drops later problems that follow from it.
/// </summary>
internal static class BankJsonMapper
{
    private static readonly ItemParameters PlaceholderParameters = new(1.0, 0.0);

    public static BankParts Map(BankDto bank, List<BankProblem> problems)
    {
        var metadata = new BankMetadata(
            bank.Id ?? "",
            bank.Title ?? "",
            bank.Version ?? "",
            bank.Language ?? "",
            bank.Calibration == "calibrated" ? CalibrationStatus.Calibrated : CalibrationStatus.Provisional)
        {
            Sources = (bank.Sources ?? []).Select(source => new ContentSource(source.Id ?? "", source.Title ?? "", source.Url)).ToList(),
        };
        var sourceIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < metadata.Sources.Count; i++)
        {
            string sourceId = metadata.Sources[i].Id;
            if (sourceId.Length > 0 && !sourceIds.TryAdd(sourceId, i))
            {
                problems.Add(new BankProblem($"$.sources[{i}].id", null, "id", $"Source id '{JsonPathText.Escape(sourceId)}' is already used by $.sources[{sourceIds[sourceId]}]."));
            }
        }

        var emr = ReportingScale.Emr;
        var scale = new ReportingScale
        {
            CutTheta = bank.Scale?.CutTheta ?? emr.CutTheta,
            PassingScore = bank.Scale?.PassingScore ?? emr.PassingScore,
            Minimum = bank.Scale?.Minimum ?? emr.Minimum,
            Maximum = bank.Scale?.Maximum ?? emr.Maximum,
            PointsPerLogit = bank.Scale?.PointsPerLogit ?? emr.PointsPerLogit,
        };

        // A share that is missing reads as the widest range, which can never make the shares fail to sum to 100%.
        var domains = (bank.Blueprint?.Domains ?? []).Select(d => new BlueprintDomain(d.Id ?? "", d.Name ?? "", d.MinShare ?? 0, d.MaxShare ?? 1)).ToList();
        var blueprint = domains.Count == 0 ? Blueprint.None : new Blueprint(domains);
        var groups = (bank.EnemyGroups ?? []).Select(g => new EnemyGroup(g.Id ?? "", g.Description ?? "")).ToList();
        var items = (bank.Items ?? []).Select((item, i) => MapItem(item, i, problems)).ToList();
        return new BankParts(metadata, scale, blueprint, items, groups);
    }

    private static BankItem MapItem(ItemDto item, int index, List<BankProblem> problems)
    {
        string? id = string.IsNullOrWhiteSpace(item.Id) ? null : item.Id;
        void Add(string field, string message) => problems.Add(new BankProblem($"$.items[{index}].{field}", id, field, message));

        var type = item.Type switch { "multiple" => ItemType.Multiple, "ordered" => ItemType.Ordered, _ => ItemType.Single };
        if (item.Key is { } key && item.Type is not null)
        {
            if (type == ItemType.Single && key.IsArray) Add("key", "A single-answer item's key is one option id written as a string, e.g. \"B\", not an array.");
            if (type != ItemType.Single && !key.IsArray) Add("key", $"A {item.Type}-answer item's key is an array of option ids, e.g. [\"A\", \"C\"], not a string.");
        }

        var scoring = item.Scoring switch { "rightMinusWrong" => ScoringRule.RightMinusWrong, "adjacentPairs" => ScoringRule.AdjacentPairs, _ => ScoringRule.AllOrNothing };
        var options = (item.Options ?? []).Select(o => new ItemOption(o.Id ?? "", o.Text ?? "")).ToList();
        var keyIds = item.Key?.Ids ?? [];
        string irtPath = $"$.items[{index}].irt";
        bool irtReported = problems.Any(p => p.Path == irtPath || p.Path.StartsWith(irtPath + ".", StringComparison.Ordinal));
        var placeholder = Placeholder(BankValidator.CategoriesFor(type, scoring, keyIds.Count, options.Count));
        return new BankItem
        {
            Id = item.Id ?? "",
            Domain = item.Domain ?? "",
            Type = type,
            Status = item.Status == "pilot" ? ItemStatus.Pilot : ItemStatus.Scored,
            Topic = item.Topic ?? "",
            Tags = item.Tags ?? [],
            Stem = item.Stem ?? "",
            Options = options,
            Key = keyIds,
            Scoring = scoring,
            Rationale = item.Rationale ?? "",
            Parameters = irtReported ? placeholder : MapParameters(item.Irt, placeholder, Add),
            EnemyGroups = item.EnemyGroups ?? [],
            Review = MapReview(item.Review, Add),
            TypicalSeconds = MapTypicalSeconds(item.TypicalSeconds, Add),
        };
    }

    /// <summary>
    /// Stands in for parameters whose problem was reported: as many categories as the item's scoring gives, so the
    /// category-count rule does not report the same item again.
    /// </summary>
    private static ItemParameters Placeholder(int categories) =>
        categories is > 2 and <= ItemParameters.MaxCategories
            ? ItemParameters.GeneralizedPartialCredit(1.0, new double[categories - 1])
            : PlaceholderParameters;
    private static double? MapTypicalSeconds(double? seconds, Action<string, string> add)
    {
        if (seconds is not { } s || (s > 0 && s <= BankItem.MaxTypicalSeconds)) return seconds;
        add("typicalSeconds", $"The typical time to answer must be more than 0 and at most {BankItem.MaxTypicalSeconds} seconds, but is {s.ToString(CultureInfo.InvariantCulture)}.");
        return null;
    }

    private static ItemReview? MapReview(ReviewDto? review, Action<string, string> add)
    {
        if (review is null) return null;
        var date = DateOnly.MinValue;
        if (review.Date is { } text && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            add("review.date", $"The review date must be a calendar date written yyyy-mm-dd, e.g. \"2026-11-28\", but is \"{JsonPathText.Escape(text)}\".");
        }

        return new ItemReview(review.Guideline ?? "", date, review.ReviewerRole ?? "");
    }

    private static ItemParameters MapParameters(IrtDto? irt, ItemParameters placeholder, Action<string, string> add)
    {
        if (irt?.Model is not { } model) return placeholder; // the checker reported the missing object or model
        return model switch
        {
            "GPCM" => MapPolytomous(irt, IrtModel.GeneralizedPartialCredit, placeholder, add),
            "PCM" => MapPolytomous(irt, IrtModel.PartialCredit, placeholder, add),
            "GRM" => MapPolytomous(irt, IrtModel.GradedResponse, placeholder, add),
            _ => MapDichotomous(irt, placeholder, add),
        };
    }

    private static ItemParameters MapDichotomous(IrtDto irt, ItemParameters placeholder, Action<string, string> add)
    {
        bool fine = true;
        if (irt.Steps is not null) fine = NotAllowed(irt.Model!, "steps", "'a' and 'b' (and 'c', 'd')", add);
        if (irt.Thresholds is not null) fine = NotAllowed(irt.Model!, "thresholds", "'a' and 'b' (and 'c', 'd')", add);
        if (irt.A is null) fine = Missing(irt.Model!, "a", "a discrimination 'a' > 0", add);
        if (irt.B is null) fine = Missing(irt.Model!, "b", "a difficulty 'b'", add);
        if (!fine) return placeholder;

        double a = irt.A!.Value, b = irt.B!.Value, c = irt.C ?? 0.0, d = irt.D ?? 1.0;
        if (ItemParameters.Validate(a, b, c, d) is { } problem)
        {
            add("irt." + problem.Field, problem.Message);
            return placeholder;
        }

        var parameters = new ItemParameters(a, b, c, d);
        IrtModel? declared = irt.Model switch
        {
            "1PL" => IrtModel.OnePL,
            "2PL" => IrtModel.TwoPL,
            "3PL" => IrtModel.ThreePL,
            "4PL" => IrtModel.FourPL,
            _ => null,
        };
        if (declared is IrtModel.OnePL && a != 1.0) add("irt.a", $"The 1PL model fixes a = 1, but a is {Show(a)}; declare \"2PL\" or higher, or set a to 1.");
        if ((declared is IrtModel.OnePL or IrtModel.TwoPL) && c != 0.0) add("irt.c", $"The {irt.Model} model fixes c = 0, but c is {Show(c)}; declare \"3PL\" or higher, or set c to 0.");
        if ((declared is IrtModel.OnePL or IrtModel.TwoPL or IrtModel.ThreePL) && d != 1.0) add("irt.d", $"The {irt.Model} model fixes d = 1, but d is {Show(d)}; declare \"4PL\", or set d to 1.");
        return parameters;
    }

    /// <summary>
    /// GPCM <c>{"a", "steps"}</c>, PCM <c>{"steps"}</c> (a = 1; an "a" of 1 is tolerated) or GRM <c>{"a", "thresholds"}</c>
    /// with strictly increasing thresholds; whether the count fits the item's scoring is <see cref="BankValidator"/>'s rule.
    /// </summary>
    private static ItemParameters MapPolytomous(IrtDto irt, IrtModel model, ItemParameters placeholder, Action<string, string> add)
    {
        string name = irt.Model!;
        bool graded = model == IrtModel.GradedResponse;
        string field = graded ? "thresholds" : "steps", other = graded ? "steps" : "thresholds";
        string takes = model == IrtModel.PartialCredit ? "only 'steps' (a = 1)" : $"'a' and '{field}'";
        bool fine = true;
        if (irt.B is not null) fine = NotAllowed(name, "b", takes, add);
        if (irt.C is not null) fine = NotAllowed(name, "c", takes, add);
        if (irt.D is not null) fine = NotAllowed(name, "d", takes, add);
        bool misplaced = (graded ? irt.Steps : irt.Thresholds) is not null;
        if (misplaced)
        {
            add("irt." + other, $"The {name} model has no '{other}'; its {(graded ? "category boundaries" : "step parameters")} go in '{field}'.");
            fine = false;
        }

        if (model == IrtModel.PartialCredit && irt.A is { } slope && slope != 1.0)
        {
            add("irt.a", $"The PCM model fixes a = 1, but a is {Show(slope)}; declare \"GPCM\" for another slope, or leave 'a' out.");
            fine = false;
        }

        if (model != IrtModel.PartialCredit && irt.A is null) fine = Missing(name, "a", "a discrimination 'a' > 0", add);
        var values = graded ? irt.Thresholds : irt.Steps;
        if (values is null)
        {
            // Values written under the other model's name were reported just above, with where they go.
            fine = misplaced ? false : Missing(name, field, graded ? "its category boundaries b1 < b2 < … in an array" : "its step parameters d1, d2, … in an array", add);
        }
        else if (values.Count is 0 or > ItemParameters.MaxCategories - 1)
        {
            add("irt." + field, $"'{field}' must hold 1 to {ItemParameters.MaxCategories - 1} numbers (one per score above 0), but has {values.Count}.");
            fine = false;
        }
        else if (graded)
        {
            for (int k = 1; k < values.Count; k++)
            {
                if (values[k] <= values[k - 1])
                {
                    add($"irt.thresholds[{k}]", $"GRM thresholds must increase (b1 < b2 < …), but thresholds[{k}] = {Show(values[k])} is not above thresholds[{k - 1}] = {Show(values[k - 1])}.");
                    fine = false;
                }
            }
        }

        if (!fine) return placeholder;
        double a = model == IrtModel.PartialCredit ? 1.0 : irt.A!.Value;
        if (ItemParameters.ValidatePolytomous(model, a, values!.ToArray()) is { } problem)
        {
            string at = problem.Field.StartsWith('t') ? string.Create(CultureInfo.InvariantCulture, $"{field}[{int.Parse(problem.Field[1..], CultureInfo.InvariantCulture) - 1}]") : problem.Field;
            add("irt." + at, problem.Message);
            return placeholder;
        }

        return ItemParameters.Polytomous(model, a, values!.ToArray());
    }

    private static bool NotAllowed(string model, string field, string takes, Action<string, string> add)
    {
        add("irt." + field, $"The {model} model has no '{field}'; it takes {takes}.");
        return false;
    }

    private static bool Missing(string model, string field, string what, Action<string, string> add)
    {
        add("irt." + field, $"Required field '{field}' is missing. The {model} model needs {what}.");
        return false;
    }

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
