using EmrCat.Banks;
using EmrCat.Irt;
using EmrCat.Scoring;

namespace EmrCat.Tests;

/// <summary>Synthetic banks for engine tests (the content is placeholder; the parameters are realistic).</summary>
internal static class TestBanks
{
    private static readonly Lazy<ItemBank> EmrLike = new(() => Build(seed: 7, scoredPerDomain: [76, 140, 22, 79, 43], pilotsPerDomain: [8, 16, 2, 9, 5], enemyPairs: 12));

    /// <summary>A 400-item bank shaped like the bundled one: EMR blueprint, 360 scored + 40 pilot, 12 enemy pairs.</summary>
    public static ItemBank Emr => EmrLike.Value;

    public static ItemBank Build(int seed, int[] scoredPerDomain, int[] pilotsPerDomain, int enemyPairs)
    {
        var random = new Random(seed);
        var blueprint = Blueprint.Emr2025;
        var items = new List<BankItem>();
        for (int d = 0; d < blueprint.Domains.Count; d++)
        {
            for (int k = 0; k < scoredPerDomain[d] + pilotsPerDomain[d]; k++)
            {
                string id = $"{blueprint.Domains[d].Id[..3].ToUpperInvariant()}-{k + 1:D4}";
                items.Add(new BankItem
                {
                    Id = id,
                    Domain = blueprint.Domains[d].Id,
                    Status = k < scoredPerDomain[d] ? ItemStatus.Scored : ItemStatus.Pilot,
                    Stem = $"Question {id}?",
                    Options = [new("A", "a"), new("B", "b"), new("C", "c"), new("D", "d")],
                    Key = [((char)('A' + random.Next(4))).ToString()],
                    Rationale = "Because.",
                    Parameters = new ItemParameters(0.6 + 1.4 * random.NextDouble(), Normal(random) * 1.1 - 0.2, 0.15 + 0.1 * random.NextDouble()),
                    Tags = k % 5 == 0 ? ["scope"] : k % 7 == 0 ? ["sequence"] : [],
                });
            }
        }

        var groups = new List<EnemyGroup>();
        var scored = items.Where(i => i.Status == ItemStatus.Scored).ToList();
        for (int g = 0; g < enemyPairs; g++)
        {
            string gid = $"EG-{g + 1:D2}";
            groups.Add(new EnemyGroup(gid, "test pair"));
            int first = items.IndexOf(scored[g * 13 % scored.Count]);
            int second = items.IndexOf(scored[(g * 13 + 1) % scored.Count]);
            items[first] = items[first] with { EnemyGroups = [gid] };
            items[second] = items[second] with { EnemyGroups = [gid] };
        }

        return ItemBank.Create(new BankMetadata($"test-{seed}", "Test bank", "1", "en", CalibrationStatus.Provisional), ReportingScale.Emr, blueprint, items, groups);
    }

    /// <summary>
    /// A bank of the given parameters; with <paramref name="domains"/> the items get the EMR 2025 blueprint and the
    /// domain of that index, and items flagged in <paramref name="pilot"/> are pilot items.
    /// </summary>
    public static ItemBank Of(IReadOnlyList<ItemParameters> items, IReadOnlyList<int>? domains = null, IReadOnlyList<bool>? pilot = null, IrtMetric metric = default, IReadOnlyList<int>? enemyGroup = null)
    {
        var blueprint = domains is null ? Blueprint.None : Blueprint.Emr2025;
        var groups = enemyGroup is null ? [] : enemyGroup.Where(g => g >= 0).Distinct().Select(g => new EnemyGroup($"g{g}", "test")).ToArray();
        var bankItems = items.Select((p, i) => new BankItem
        {
            Id = $"I{i:D4}",
            Domain = domains is null ? "all" : blueprint.Domains[domains[i]].Id,
            Status = pilot is not null && pilot[i] ? ItemStatus.Pilot : ItemStatus.Scored,
            Stem = $"Item {i}",
            Options = [new ItemOption("A", "Right"), new ItemOption("B", "Wrong")],
            Key = ["A"],
            Parameters = p,
            EnemyGroups = enemyGroup is not null && enemyGroup[i] >= 0 ? [$"g{enemyGroup[i]}"] : [],
        });
        return ItemBank.Create(new BankMetadata("test", "test", "1", "en", CalibrationStatus.Calibrated), ReportingScale.Emr, blueprint, bankItems, groups, metric);
    }

    /// <summary>A seeded 3PL bank like the W1 bank: a ~ U(0.8, 2), b ~ N(0, 1), c = 0.2.</summary>
    public static ItemBank W1Like(int count, int seed = 7)
    {
        var random = new Random(seed);
        var items = new ItemParameters[count];
        for (int i = 0; i < count; i++)
        {
            double b = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            items[i] = new ItemParameters(0.8 + 1.2 * random.NextDouble(), b, 0.2);
        }

        return Of(items);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
