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

        return new BankItem
        {
            Id = item.Id ?? "",
            Domain = item.Domain ?? "",
            Type = type,
            Status = item.Status == "pilot" ? ItemStatus.Pilot : ItemStatus.Scored,
            Topic = item.Topic ?? "",
            Tags = item.Tags ?? [],
            Stem = item.Stem ?? "",
            Options = (item.Options ?? []).Select(o => new ItemOption(o.Id ?? "", o.Text ?? "")).ToList(),
            Key = item.Key?.Ids ?? [],
            Rationale = item.Rationale ?? "",
            Parameters = MapParameters(item.Irt, Add),
            EnemyGroups = item.EnemyGroups ?? [],
            Review = MapReview(item.Review, Add),
            TypicalSeconds = MapTypicalSeconds(item.TypicalSeconds, Add),
        };
    }

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

    private static ItemParameters MapParameters(IrtDto? irt, Action<string, string> add)
    {
        if (irt is not { A: { } a, B: { } b }) return PlaceholderParameters;
        double c = irt.C ?? 0.0, d = irt.D ?? 1.0;
        if (ItemParameters.Validate(a, b, c, d) is { } problem)
        {
            add("irt." + problem.Field, problem.Message);
            return PlaceholderParameters;
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

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
