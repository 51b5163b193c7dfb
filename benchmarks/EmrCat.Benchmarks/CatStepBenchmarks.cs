using BenchmarkDotNet.Attributes;
using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.Internal;
using EmrCat.Irt;
using EmrCat.Selection;

namespace EmrCat.Benchmarks;

/// <summary>
/// One CAT step of the W1 workload on a 1,000-item bank after 30 answers: choose the next item at θ̂ and update θ̂ with
/// its answer (31 responses), the way a session does it and the way the simulation workspace does it.
/// </summary>
[MemoryDiagnoser]
public class CatStepBenchmarks
{
    private static readonly MaximumLikelihoodOptions MlOptions = new() { Range = new ThetaRange(-4, 4) };
    private readonly MaximumLikelihoodEstimator _ml = new(MlOptions);
    private readonly ItemParameters[] _items = new ItemParameters[31];
    private readonly bool[] _correct = new bool[31];
    private ItemBank _bank = null!;
    private bool[] _available = [];
    private MaximumLikelihoodWorkspace _workspace = null!;
    private double _theta;

    /// <summary>Plays 30 W1 steps for an examinee at θ = 0.4 to reach a realistic state.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _bank = SyntheticBanks.W1Like(1_000);
        _available = Enumerable.Repeat(true, _bank.Count).ToArray();
        _workspace = new MaximumLikelihoodWorkspace(MlOptions, 31);
        var random = new SessionRandom(2024);
        for (int k = 0; k <= 30; k++)
        {
            int next = MaximumInformationSelector.Instance.Select(new SelectionContext(_bank, _theta, _available, -1, k, 1, k, []));
            _items[k] = _bank.Columns.Parameters[next];
            _correct[k] = random.Uniform(k, SessionRandom.Simulee) < ItemResponseFunctions.Probability(_items[k], 0.4);
            _workspace.Add(_items[k], _correct[k]);
            if (k == 30) break;
            _available[next] = false;
            _theta = _ml.Estimate(_items.AsSpan(0, k + 1), _correct.AsSpan(0, k + 1)).Theta;
        }
    }

    /// <summary>Public parts: <see cref="MaximumInformationSelector"/> then <see cref="MaximumLikelihoodEstimator"/> on the 31 answers.</summary>
    [Benchmark(Baseline = true)]
    public double SessionParts()
    {
        int next = MaximumInformationSelector.Instance.Select(new SelectionContext(_bank, _theta, _available, -1, 30, 1, 30, []));
        _items[30] = _bank.Columns.Parameters[next];
        return _ml.Estimate(_items, _correct).Theta;
    }

    /// <summary>Simulation workspace: the same selection, then the incremental ML estimate (its answer already added).</summary>
    [Benchmark]
    public double Workspace()
    {
        int next = MaximumInformationSelector.Instance.Select(new SelectionContext(_bank, _theta, _available, -1, 30, 1, 30, []));
        return _workspace.Estimate().Theta + next;
    }
}
