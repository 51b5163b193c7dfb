using BenchmarkDotNet.Attributes;
using EmrCat.Banks;
using EmrCat.Internal;
using EmrCat.Sessions;

namespace EmrCat.Benchmarks;

/// <summary>
/// One mid-session <see cref="CatSession.Submit"/>: each iteration starts a session, answers five items in setup, then
/// measures the sixth answer alone, so <see cref="MemoryDiagnoser"/>'s "Allocated" is the bytes one Submit allocates
/// (the answer record: the copy of the chosen option ids and the record itself).
/// </summary>
[MemoryDiagnoser]
public class SubmitBenchmarks
{
    private ItemBank _bank = null!;
    private CatOptions _options = null!;
    private CatStrategies _strategies = null!;
    private CatSession _session = null!;
    private string _itemId = "";
    private IReadOnlyList<string> _answer = [];
    private ulong _seed;

    /// <summary>The preset: the EMR exam on the bundled (or synthetic) bank, or W1 on the 1,000-item bank.</summary>
    [Params("emr", "w1")]
    public string Preset { get; set; } = "emr";

    /// <summary>Builds the bank and strategies and warms the bank's bounds and tables.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (_bank, _options) = Preset == "w1" ? (SyntheticBanks.W1Like(1_000), CatOptions.W1) : (SessionBenchmarks.BundledBank() ?? SyntheticBanks.EmrLike(), CatOptions.Emr);
        _strategies = CatStrategies.For(_bank, _options);
        NextSession();
        Submit();
    }

    /// <summary>A fresh session five answers in, with the sixth answer ready.</summary>
    [IterationSetup]
    public void NextSession()
    {
        _session = CatSession.StartWith(_bank, _options, ++_seed, FrozenTimeProvider.Instance, _strategies);
        for (int k = 0; k < 6; k++)
        {
            var item = _session.Current;
            _bank.TryGetIndex(item.ItemId, out int index);
            (_itemId, _answer) = (item.ItemId, k % 2 == 0 ? _bank.Items[index].Key : [_bank.Items[index].Options[^1].Id]);
            if (k < 5) _session.Submit(_itemId, _answer);
        }
    }

    /// <summary>The sixth answer.</summary>
    [Benchmark]
    public void Submit() => _session.Submit(_itemId, _answer);
}
