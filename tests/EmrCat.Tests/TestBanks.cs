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
            items[first] = items[first] with { EnemyGroup = gid };
            items[second] = items[second] with { EnemyGroup = gid };
        }

        return ItemBank.Create(new BankMetadata($"test-{seed}", "Test bank", "1", "en", CalibrationStatus.Provisional), ReportingScale.Emr, blueprint, items, groups);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
