using EmrCat.Banks;
using EmrCat.Irt;
using EmrCat.Scoring;

namespace EmrCat.Benchmarks;

/// <summary>Seeded banks built in code, so the suite needs no files.</summary>
internal static class SyntheticBanks
{
    /// <summary>A 3PL bank shaped like the W1 bank: a ~ U(0.8, 2), b ~ N(0, 1), c = 0.2, no blueprint.</summary>
    public static ItemBank W1Like(int count, int seed = 7)
    {
        var random = new Random(seed);
        var items = new CalibratedItem[count];
        for (int i = 0; i < count; i++)
        {
            items[i] = new CalibratedItem($"W{i:D5}", new ItemParameters(0.8 + 1.2 * random.NextDouble(), Normal(random), 0.2));
        }

        return ItemBank.FromParameters("w1-like", items);
    }

    /// <summary>
    /// <see cref="W1Like"/> with every fifth item polytomous instead: GPCM (4 categories) and GRM (5 categories) in turn,
    /// a ~ U(0.8, 2), thresholds spread around b ~ N(0, 1).
    /// </summary>
    public static ItemBank MixedW1Like(int count, int seed = 7)
    {
        var random = new Random(seed);
        var items = new CalibratedItem[count];
        for (int i = 0; i < count; i++)
        {
            double a = 0.8 + 1.2 * random.NextDouble(), b = Normal(random);
            items[i] = new CalibratedItem($"W{i:D5}", (i % 5, i / 5 % 2) switch
            {
                (4, 0) => ItemParameters.GeneralizedPartialCredit(a, [b - 1.0, b + 0.3 * Normal(random), b + 1.0]),
                (4, _) => ItemParameters.Graded(a, [b - 1.5, b - 0.5, b + 0.5, b + 1.5]),
                _ => new ItemParameters(a, b, 0.2),
            });
        }

        return ItemBank.FromParameters("mixed-w1-like", items);
    }

    /// <summary>
    /// Stands in for the bundled EMR bank until its JSON loader lands: 360 scored and 40 pilot items spread over the
    /// <see cref="Blueprint.Emr2025"/> domains by their target shares, a ~ U(0.6, 2), b ~ N(0, 1), c ~ U(0.1, 0.25).
    /// </summary>
    public static ItemBank EmrLike(int seed = 11)
    {
        var random = new Random(seed);
        int[] scored = [76, 140, 22, 79, 43];
        int[] pilot = [8, 16, 3, 9, 4];
        var blueprint = Blueprint.Emr2025;
        var items = new List<BankItem>();
        for (int d = 0; d < scored.Length; d++)
        {
            for (int k = 0; k < scored[d] + pilot[d]; k++)
            {
                items.Add(new BankItem
                {
                    Id = $"{blueprint.Domains[d].Id}-{k:D3}",
                    Domain = blueprint.Domains[d].Id,
                    Status = k < scored[d] ? ItemStatus.Scored : ItemStatus.Pilot,
                    Stem = "Synthetic item",
                    Options = [new ItemOption("A", "One"), new ItemOption("B", "Two"), new ItemOption("C", "Three"), new ItemOption("D", "Four")],
                    Key = ["A"],
                    Parameters = new ItemParameters(0.6 + 1.4 * random.NextDouble(), Normal(random), 0.1 + 0.15 * random.NextDouble()),
                });
            }
        }

        return ItemBank.Create(new BankMetadata("emr-like", "Synthetic EMR bank", "0", "en-US", CalibrationStatus.Provisional), ReportingScale.Emr, blueprint, items);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
