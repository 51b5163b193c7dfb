using BenchmarkDotNet.Attributes;
using EmrCat.Calibration;

namespace EmrCat.Benchmarks;

/// <summary>
/// Item calibration at the mirt oracle's 3PL size: 5000 examinees × 40 items, Beta(5, 17) prior on c, mirt's EM
/// settings (61 points on [−6, 6], TOL 1e-6), with and without the observed-information SEs; and a sparse 2PL design
/// (4000 × 120, each examinee 40 items). Data are simulated in setup as the oracle builds them, so no files are needed.
/// </summary>
[MemoryDiagnoser]
public class CalibrationBenchmarks
{
    private CalibrationData _threePl = null!;
    private CalibrationData _sparse = null!;

    /// <summary>Simulates both data sets with fixed seeds.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _threePl = Simulate(new Random(31002), people: 5000, items: 40, answered: 40, threePl: true);
        _sparse = Simulate(new Random(31004), people: 4000, items: 120, answered: 40, threePl: false);
    }

    /// <summary>3PL with a Beta(5, 17) prior on c and SEs (mirt: 13.9 s on the oracle's data).</summary>
    [Benchmark]
    public double ThreePlWithStandardErrors() =>
        ItemCalibrator.Calibrate(_threePl, new CalibrationOptions { Model = CalibrationModel.ThreePL, GuessingPrior = new BetaPrior(5, 17) }).LogLikelihood;

    /// <summary>The same without SEs and item fit (the EM and its Newton finish only).</summary>
    [Benchmark]
    public double ThreePlEstimatesOnly() =>
        ItemCalibrator.Calibrate(_threePl, new CalibrationOptions { Model = CalibrationModel.ThreePL, GuessingPrior = new BetaPrior(5, 17), StandardErrors = false, ItemFit = false }).LogLikelihood;

    /// <summary>Sparse 2PL with SEs (mirt: 26.6 s on the oracle's data).</summary>
    [Benchmark]
    public double SparseTwoPlWithStandardErrors() =>
        ItemCalibrator.Calibrate(_sparse, new CalibrationOptions { Model = CalibrationModel.TwoPL }).LogLikelihood;

    private static CalibrationData Simulate(Random random, int people, int items, int answered, bool threePl)
    {
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var a = Enumerable.Range(0, items).Select(_ => (threePl ? 0.8 : 0.7) + (threePl ? 1.2 : 1.3) * random.NextDouble()).ToArray();
        var b = Enumerable.Range(0, items).Select(_ => Normal()).ToArray();
        var c = Enumerable.Range(0, items).Select(_ => threePl ? 0.10 + 0.15 * random.NextDouble() : 0).ToArray();
        var rows = new List<IReadOnlyList<int?>>(people);
        for (int i = 0; i < people; i++)
        {
            double theta = Normal();
            var row = new int?[items];
            var given = Enumerable.Range(0, items).OrderBy(_ => random.Next()).Take(answered).ToHashSet();
            for (int j = 0; j < items; j++)
            {
                double p = c[j] + (1 - c[j]) / (1 + Math.Exp(-a[j] * (theta - b[j])));
                row[j] = given.Contains(j) ? (random.NextDouble() < p ? 1 : 0) : null;
            }

            rows.Add(row);
        }

        return CalibrationData.Create(
            Enumerable.Range(1, items).Select(j => $"I{j:000}").ToList(),
            Enumerable.Range(1, people).Select(i => $"S{i:0000}").ToList(),
            rows);
    }
}
