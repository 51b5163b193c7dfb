using BenchmarkDotNet.Attributes;
using EmrCat.Estimation;
using EmrCat.Irt;

namespace EmrCat.Benchmarks;

/// <summary>θ updates after 10, 30 and 80 responses (the hot path's estimation half).</summary>
[MemoryDiagnoser]
public class EstimatorBenchmarks
{
    private static readonly MaximumLikelihoodOptions MlOptions = new() { Range = new ThetaRange(-4, 4) };
    private readonly MaximumLikelihoodEstimator _ml = new(MlOptions);
    private readonly EapEstimator _eap = new();
    private readonly EapEstimator _eap81 = new(new EapOptions { Range = new ThetaRange(-4, 4), QuadraturePoints = 81 });
    private MaximumLikelihoodWorkspace _workspace = null!;
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
        _workspace = new MaximumLikelihoodWorkspace(MlOptions, Responses);
        for (int i = 0; i < Responses; i++) _workspace.Add(_items[i], _correct[i]);
    }

    /// <summary>Bounded ML update (the public estimator sessions use).</summary>
    [Benchmark]
    public double MaximumLikelihood() => _ml.Estimate(_items, _correct).Theta;

    /// <summary>The same estimate from the simulation workspace (running sums, vectorised score).</summary>
    [Benchmark]
    public double MaximumLikelihoodWorkspace() => _workspace.Estimate().Theta;

    /// <summary>EAP update on 601 points over [-6, 6] (the catR oracle settings).</summary>
    [Benchmark]
    public double ExpectedAPosteriori() => _eap.Estimate(_items, _correct).Theta;

    /// <summary>EAP update on 81 points over [-4, 4] (the EMR preset).</summary>
    [Benchmark]
    public double ExpectedAPosteriori81() => _eap81.Estimate(_items, _correct).Theta;
}
