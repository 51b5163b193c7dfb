using BenchmarkDotNet.Attributes;
using EmrCat.Estimation;
using EmrCat.Irt;

namespace EmrCat.Benchmarks;

/// <summary>θ updates after 10, 30 and 80 responses (the hot path's estimation half).</summary>
[MemoryDiagnoser]
public class EstimatorBenchmarks
{
    private readonly MaximumLikelihoodEstimator _ml = new(new MaximumLikelihoodOptions { Range = new ThetaRange(-4, 4) });
    private readonly EapEstimator _eap = new();
    private ItemParameters[] _items = [];
    private bool[] _correct = [];

    /// <summary>Number of responses so far.</summary>
    [Params(10, 30, 80)]
    public int Responses { get; set; }

    /// <summary>Builds a seeded 3PL pattern.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _items = Enumerable.Range(0, Responses).Select(_ => new ItemParameters(0.6 + 1.4 * random.NextDouble(), random.NextDouble() * 4 - 2, 0.2)).ToArray();
        _correct = _items.Select((_, i) => i % 3 != 0).ToArray();
    }

    /// <summary>Bounded ML update.</summary>
    [Benchmark]
    public double MaximumLikelihood() => _ml.Estimate(_items, _correct).Theta;

    /// <summary>EAP update on 601 points.</summary>
    [Benchmark]
    public double ExpectedAPosteriori() => _eap.Estimate(_items, _correct).Theta;
}
