using BenchmarkDotNet.Attributes;
using EmrCat.Banks;
using EmrCat.IO;
using EmrCat.Internal;
using EmrCat.Irt;
using EmrCat.Sessions;
using EmrCat.Simulation;

namespace EmrCat.Benchmarks;

/// <summary>
/// Whole sessions: one W1 examinee (1,000-item 3PL bank, fixed 30 items, MFI, ML in [-4, 4]) through the CAT kernel
/// (what <c>simulate</c> runs) and through the public <see cref="CatSession"/> API, and one EMR-preset session (60–80
/// scored + 30 pilot items, blueprint balancing, randomesque, EAP, confidence stop) on the bundled bank (or a synthetic
/// 400-item bank with the EMR 2025 blueprint), through both routes as well.
/// Examinees cycle through 64 seeds, so each figure is an average over true θ ~ N(0, 1).
/// </summary>
[MemoryDiagnoser]
public class SessionBenchmarks
{
    private ItemBank _w1 = null!;
    private ItemBank _emr = null!;
    private CatKernel _w1Kernel = null!;
    private CatKernel _emrKernel = null!;
    private CatStrategies _emrComponents = null!;
    private CatStrategies _w1Components = null!;
    private int[] _exposure = [];
    private int _examinee;

    /// <summary>Builds both banks and warms their selection bounds.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _w1 = SyntheticBanks.W1Like(1_000);
        _emr = BundledBank() ?? SyntheticBanks.EmrLike();
        _w1Components = CatStrategies.For(_w1, CatOptions.W1);
        _emrComponents = CatStrategies.For(_emr, CatOptions.Emr);
        _w1Kernel = new CatKernel(_w1, CatOptions.W1, _w1Components);
        _emrKernel = new CatKernel(_emr, CatOptions.Emr, _emrComponents);
        _exposure = new int[Math.Max(_w1.Count, _emr.Count)];
        W1Kernel();
        W1CatSession();
        EmrKernel();
        EmrCatSession();
    }

    /// <summary>One W1 examinee on the reused kernel (what <c>simulate --workload w1</c> runs).</summary>
    [Benchmark(Baseline = true)]
    public double W1Kernel()
    {
        var (seed, theta) = NextExaminee();
        return PlayKernel(_w1Kernel, seed, theta);
    }

    /// <summary>One EMR-preset examinee on the reused kernel (what <c>simulate --workload emr</c> runs).</summary>
    [Benchmark]
    public double EmrKernel()
    {
        var (seed, theta) = NextExaminee();
        return PlayKernel(_emrKernel, seed, theta);
    }

    /// <summary>One W1 examinee through <see cref="CatSession"/>, answering by item id and option id as a host does.</summary>
    [Benchmark]
    public double W1CatSession()
    {
        var (seed, theta) = NextExaminee();
        return Play(_w1, CatOptions.W1, _w1Components, seed, theta);
    }

    /// <summary>The bundled item-bank/emr-practice.json, found above the working directory, or null (then a synthetic bank is used).</summary>
    internal static ItemBank? BundledBank()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "item-bank", "emr-practice.json");
            if (File.Exists(path)) return ItemBankJson.Load(path);
        }

        return null;
    }

    /// <summary>One EMR-preset session through <see cref="CatSession"/> on the bundled bank (or a synthetic one shaped like it).</summary>
    [Benchmark]
    public double EmrCatSession()
    {
        var (seed, theta) = NextExaminee();
        return Play(_emr, CatOptions.Emr, _emrComponents, seed, theta);
    }

    private (ulong Seed, double Theta) NextExaminee()
    {
        _examinee = (_examinee + 1) & 63;
        ulong seed = Simulator.ExamineeSeed(1, _examinee);
        return (seed, new SessionRandom(seed).Normal(0, SessionRandom.TrueTheta));
    }

    private double PlayKernel(CatKernel kernel, ulong seed, double trueTheta)
    {
        var random = new SessionRandom(seed);
        var bank = kernel.Bank;
        kernel.Reset(seed);
        while (!kernel.IsFinished)
        {
            int index = kernel.Pending;
            _exposure[index]++;
            kernel.Record(ResponseDraw.Category(bank.Columns.Parameters[index], trueTheta, bank.Metric.ScalingConstant, random.Uniform(kernel.AnsweredCount, SessionRandom.Simulee)), TimeSpan.Zero);
        }

        return kernel.Estimate.Theta;
    }

    private static double Play(ItemBank bank, CatOptions options, CatStrategies components, ulong seed, double trueTheta)
    {
        var random = new SessionRandom(seed);
        var session = CatSession.StartWith(bank, options, seed, FrozenTimeProvider.Instance, components);
        for (int step = 0; !session.IsFinished; step++)
        {
            var item = session.Current;
            bank.TryGetIndex(item.ItemId, out int index);
            var bankItem = bank.Items[index];
            bool correct = random.Uniform(step, SessionRandom.Simulee) < ItemResponseFunctions.Probability(bankItem.Parameters, trueTheta, bank.Metric);
            session.Submit(item.ItemId, correct ? bankItem.Key[0] : bankItem.Options[^1].Id);
        }

        return session.Result.Theta;
    }
}
