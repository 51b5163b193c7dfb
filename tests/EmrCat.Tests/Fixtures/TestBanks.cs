using EmrCat.Banks;
using EmrCat.Irt;
using EmrCat.Scoring;

namespace EmrCat.Tests.Fixtures;

/// <summary>Banks built in code for selection and simulation tests.</summary>
internal static class TestBanks
{
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
            EnemyGroup = enemyGroup is not null && enemyGroup[i] >= 0 ? $"g{enemyGroup[i]}" : null,
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
}
