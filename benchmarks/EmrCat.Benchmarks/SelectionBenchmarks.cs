using BenchmarkDotNet.Attributes;
using EmrCat.Banks;
using EmrCat.Irt;
using EmrCat.Selection;

namespace EmrCat.Benchmarks;

/// <summary>
/// Next-item selection by maximum information on 1,000- and 10,000-item banks at several θ, with the 30 items most
/// informative at θ already given (as after 30 answers near θ): the branch-and-bound selector against the plain scan.
/// </summary>
[MemoryDiagnoser]
public class SelectionBenchmarks
{
    private ItemBank _bank = null!;
    private bool[] _available = [];

    /// <summary>Items in the bank.</summary>
    [Params(1_000, 10_000)]
    public int BankSize { get; set; }

    /// <summary>The current θ̂.</summary>
    [Params(-2.0, 0.0, 1.5)]
    public double Theta { get; set; }

    /// <summary>Builds the bank (and its selection bounds) and gives the 30 best items at θ.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _bank = SyntheticBanks.W1Like(BankSize);
        var columns = _bank.Columns;
        var byInformation = Enumerable.Range(0, BankSize)
            .OrderByDescending(i => ItemResponseFunctions.Information(columns.Parameters[i], Theta))
            .ToArray();
        _available = Enumerable.Repeat(true, BankSize).ToArray();
        foreach (int i in byInformation.Take(30)) _available[i] = false;
        MaximumInformationSelector.Instance.Select(Context());
    }

    /// <summary>Branch and bound (what sessions use).</summary>
    [Benchmark]
    public int MaximumInformation() => MaximumInformationSelector.Instance.Select(Context());

    /// <summary>The plain scan of every item.</summary>
    [Benchmark(Baseline = true)]
    public int PlainScan() => MaximumInformationReference.Select(Context());

    private SelectionContext Context() => new(_bank, Theta, _available, -1, 30, 1, 30, []);
}
