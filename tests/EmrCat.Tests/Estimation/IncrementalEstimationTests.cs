using EmrCat.Estimation;
using EmrCat.Irt;
using EmrCat.Scoring;

namespace EmrCat.Tests.Estimation;

/// <summary>The incremental state a session keeps gives the batch estimator's estimate after every answer.</summary>
public class IncrementalEstimationTests
{
    public static TheoryData<string> Estimators() => ["eap", "eap-emr", "ml", "ml-w1", "map", "wle"];

    private static IAbilityEstimator Create(string name) => name switch
    {
        "eap" => new EapEstimator(),
        "eap-emr" => new EapEstimator(new EapOptions { Range = new ThetaRange(-4, 4), QuadraturePoints = 81 }),
        "ml" => new MaximumLikelihoodEstimator(),
        "ml-w1" => new MaximumLikelihoodEstimator(new MaximumLikelihoodOptions { Range = new ThetaRange(-4, 4) }),
        "map" => new MapEstimator(),
        _ => new WeightedLikelihoodEstimator(),
    };

    [Theory]
    [MemberData(nameof(Estimators))]
    public void State_AfterEveryAnswerOfRandomPatterns_AgreesWithTheBatchEstimateWithin1e10Relative(string name)
    {
        var estimator = Create(name);
        var state = BatchEstimatorState.For(estimator, 60);
        var random = new Random(name.Length * 31 + name[0]);
        for (int pattern = 0; pattern < 40; pattern++)
        {
            state.Clear();
            int n = random.Next(1, 61);
            var items = new ItemParameters[n];
            var correct = new bool[n];
            for (int i = 0; i < n; i++)
            {
                double d = random.NextDouble() < 0.2 ? 0.85 + 0.15 * random.NextDouble() : 1.0;
                items[i] = new ItemParameters(0.4 + 2.0 * random.NextDouble(), 3 * (random.NextDouble() * 2 - 1), 0.3 * random.NextDouble(), d);
                correct[i] = random.NextDouble() < 0.55;
                state.Add(items[i], correct[i] ? 1 : 0);
                var batch = estimator.Estimate(items.AsSpan(0, i + 1), correct.AsSpan(0, i + 1));
                var incremental = state.Estimate();
                Assert.Equal(batch.Status, incremental.Status);
                Assert.True(Math.Abs(batch.Theta - incremental.Theta) <= 1e-10, $"{name} pattern {pattern} after {i + 1}: batch θ {batch.Theta:R}, incremental {incremental.Theta:R}");
                Assert.True(batch.StandardError.Equals(incremental.StandardError) || Math.Abs(batch.StandardError - incremental.StandardError) <= 1e-10 * Math.Max(1, batch.StandardError),
                    $"{name} pattern {pattern} after {i + 1}: batch SE {batch.StandardError:R}, incremental {incremental.StandardError:R}");
            }
        }
    }

    [Fact]
    public void EapState_IsBitForBitTheBatchEstimate()
    {
        var estimator = new EapEstimator();
        var state = BatchEstimatorState.For(estimator, 10);
        ItemParameters[] items = [new(1.2, 0.3, 0.2), new(0.8, -1.0), new(1.9, 0.5, 0.1, 0.95)];
        bool[] correct = [true, false, true];
        for (int i = 0; i < items.Length; i++)
        {
            state.Add(items[i], correct[i] ? 1 : 0);
            Assert.Equal(estimator.Estimate(items.AsSpan(0, i + 1), correct.AsSpan(0, i + 1)), state.Estimate());
        }
    }

    /// <summary>A bank of every model: 3PL, 4PL, GRM, GPCM and PCM items with 2 to 6 categories.</summary>
    private static ItemParameters[] MixedBank(Random random, int count)
    {
        var bank = new ItemParameters[count];
        for (int i = 0; i < count; i++)
        {
            double a = 0.4 + 2.0 * random.NextDouble();
            var thresholds = new double[random.Next(1, ItemParameters.MaxCategories)];
            for (int k = 0; k < thresholds.Length; k++) thresholds[k] = 3 * (random.NextDouble() * 2 - 1);
            bank[i] = (i % 5) switch
            {
                0 => ItemParameters.Graded(a, [.. thresholds.Order()]),
                1 => ItemParameters.GeneralizedPartialCredit(a, thresholds),
                2 => ItemParameters.PartialCredit(thresholds),
                3 => new ItemParameters(a, thresholds[0], 0.3 * random.NextDouble(), 0.85 + 0.15 * random.NextDouble()),
                _ => new ItemParameters(a, thresholds[0], 0.25),
            };
        }

        return bank;
    }

    [Theory]
    [InlineData(-4, 4, 81)]
    [InlineData(-5.5, 5.5, 111)]
    public void EapState_OnABankWithPolytomousItems_AddsTabulatedRowsBitForBitAsTheBatchEstimate(double lower, double upper, int points)
    {
        // Every answer, right/wrong or any category of a GRM/GPCM/PCM item, adds the bank's tabulated row.
        var random = new Random(points);
        var bank = MixedBank(random, 60);
        var estimator = new EapEstimator(new EapOptions { Range = new ThetaRange(lower, upper), QuadraturePoints = points });
        var state = BatchEstimatorState.For(estimator, 60, bank);
        for (int pattern = 0; pattern < 20; pattern++)
        {
            state.Clear();
            var order = Enumerable.Range(0, bank.Length).OrderBy(_ => random.Next()).Take(random.Next(1, 40)).ToArray();
            var items = new ItemParameters[order.Length];
            var categories = new int[order.Length];
            for (int i = 0; i < order.Length; i++)
            {
                items[i] = bank[order[i]];
                categories[i] = random.Next(items[i].Categories);
                state.Add(items[i], categories[i], order[i]);
                Assert.Equal(estimator.Estimate(items.AsSpan(0, i + 1), categories.AsSpan(0, i + 1)), state.Estimate());
            }
        }
    }

    [Fact]
    public void PassProbability_FromTheBanksRows_IsBitForBitThePublicComputation()
    {
        var random = new Random(5);
        var bank = MixedBank(random, 50);
        var range = new ThetaRange(-5.5, 5.5);
        for (int pattern = 0; pattern < 30; pattern++)
        {
            var order = Enumerable.Range(0, bank.Length).OrderBy(_ => random.Next()).Take(random.Next(0, 45)).ToArray();
            var items = order.Select(i => bank[i]).ToArray();
            var categories = items.Select(item => random.Next(item.Categories)).ToArray();
            double cut = random.NextDouble() * 4 - 2, mean = random.NextDouble() - 0.5;
            double expected = PassProbability.Compute(items, categories, cut, range, 111, mean, 1.0);
            Assert.Equal(expected, PassProbability.Compute(bank, order, categories, cut, range, 111, mean, 1.0, default));
        }
    }
}
