using EmrCat.Banks;
using EmrCat.Irt;
using EmrCat.Scoring;

namespace EmrCat.Testing.Internal;

/// <summary>Turns generated choices into valid blueprints and banks (the deterministic half of <see cref="EmrCatGen"/>).</summary>
internal static class BankBuilder
{
    private static readonly ItemOption[] Options = [new("A", "Option A"), new("B", "Option B"), new("C", "Option C"), new("D", "Option D")];

    /// <summary>Targets proportional to <paramref name="weights"/>; ranges target ± slack/1000, rounded outward to 0.001.</summary>
    public static Blueprint Blueprint(int[] weights, int[] slack)
    {
        double total = weights.Sum();
        var domains = new BlueprintDomain[weights.Length];
        for (int d = 0; d < weights.Length; d++)
        {
            double target = weights[d] / total;
            double min = Math.Max(0, Math.Floor((target - slack[d] / 1000.0) * 1000) / 1000);
            double max = Math.Min(1, Math.Ceiling((target + slack[d] / 1000.0) * 1000) / 1000);
            domains[d] = new BlueprintDomain($"d{d + 1}", $"Domain {d + 1}", min, max);
        }

        return new Blueprint(domains);
    }

    /// <summary>Items spread over the domains by target share; the first <paramref name="scored"/> parameters are scored, the rest pilot.</summary>
    public static ItemBank Build(Blueprint blueprint, ItemParameters[] parameters, int scored, int enemyGroups, int seed)
    {
        var random = new Random(seed);
        string[] domainIds = blueprint.IsEmpty ? ["all"] : blueprint.Domains.Select(d => d.Id).ToArray();
        double[] shares = blueprint.IsEmpty ? [1.0] : blueprint.Domains.Select(d => d.TargetShare).ToArray();
        int[] scoredPerDomain = Allocate(scored, shares);
        int[] pilotPerDomain = Allocate(parameters.Length - scored, shares);

        var items = new List<BankItem>(parameters.Length);
        int next = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            var perDomain = pass == 0 ? scoredPerDomain : pilotPerDomain;
            for (int d = 0; d < domainIds.Length; d++)
            {
                for (int k = 0; k < perDomain[d]; k++)
                {
                    string id = $"{domainIds[d]}-{(pass == 0 ? "S" : "P")}{k + 1:D4}";
                    items.Add(new BankItem
                    {
                        Id = id,
                        Domain = domainIds[d],
                        Status = pass == 0 ? ItemStatus.Scored : ItemStatus.Pilot,
                        Stem = $"Generated item {id}?",
                        Options = Options,
                        Key = [Options[random.Next(Options.Length)].Id],
                        Parameters = parameters[next++],
                    });
                }
            }
        }

        var groups = new List<EnemyGroup>(enemyGroups);
        var order = Enumerable.Range(0, items.Count).OrderBy(_ => random.Next()).ToArray();
        int taken = 0;
        for (int g = 0; g < enemyGroups; g++)
        {
            string groupId = $"EG-{g + 1:D3}";
            groups.Add(new EnemyGroup(groupId, "Generated enemy group"));
            int size = order.Length - taken >= 3 && random.Next(2) == 0 ? 3 : 2;
            for (int m = 0; m < size; m++)
            {
                int index = order[taken++];
                items[index] = items[index] with { EnemyGroups = [groupId] };
            }
        }

        return ItemBank.Create(
            new BankMetadata($"generated-{seed}", "Generated bank", "1", "en", CalibrationStatus.Provisional),
            ReportingScale.Emr, blueprint, items, groups);
    }

    /// <summary>Splits <paramref name="count"/> in proportion to <paramref name="shares"/> (largest remainder), at least one each while there are enough.</summary>
    private static int[] Allocate(int count, double[] shares)
    {
        var result = new int[shares.Length];
        if (count == 0) return result;
        double total = shares.Sum();
        int floor = count >= shares.Length ? 1 : 0;
        int rest = count - floor * shares.Length;
        var exact = shares.Select(s => rest * (total > 0 ? s / total : 1.0 / shares.Length)).ToArray();
        for (int d = 0; d < shares.Length; d++) result[d] = floor + (int)Math.Floor(exact[d]);
        int left = count - result.Sum();
        foreach (int d in Enumerable.Range(0, shares.Length).OrderByDescending(d => exact[d] - Math.Floor(exact[d])).ThenBy(d => d).Take(left))
        {
            result[d]++;
        }

        return result;
    }
}
