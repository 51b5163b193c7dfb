using EmrCat.Estimation;
using EmrCat.Irt;

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
                state.Add(items[i], correct[i]);
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
            state.Add(items[i], correct[i]);
            Assert.Equal(estimator.Estimate(items.AsSpan(0, i + 1), correct.AsSpan(0, i + 1)), state.Estimate());
        }
    }
}
