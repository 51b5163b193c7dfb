using EmrCat.Calibration;

namespace EmrCat.Tests.Calibration;

/// <summary>
/// Models the oracle does not cover (GRM, 1PL, 3PL without data for every item): data simulated from known
/// parameters; the estimates must be the maximum of an independently computed marginal likelihood and recover the truth.
/// </summary>
public class SimulatedCalibrationTests
{
    private static readonly double[] Nodes = Enumerable.Range(0, 61).Select(q => -6 + 12.0 * q / 60).ToArray();
    private static readonly double[] Weights = Normalised(Nodes.Select(t => Math.Exp(-0.5 * t * t)).ToArray());

    private static double[] Normalised(double[] w) => w.Select(x => x / w.Sum()).ToArray();

    private static double Logistic(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>P(X = k | θ) for a GRM item (a, b_1 &lt; … &lt; b_K), written out from the definition.</summary>
    private static double Grm(double a, IReadOnlyList<double> b, int k, double theta)
    {
        double upper = k == 0 ? 1 : Logistic(a * (theta - b[k - 1]));
        double lower = k == b.Count ? 0 : Logistic(a * (theta - b[k]));
        return upper - lower;
    }

    private static double MarginalLogLikelihood(int[][] x, Func<int, int, double, double> probability)
    {
        double total = 0;
        foreach (var row in x)
        {
            double sum = 0;
            for (int q = 0; q < Nodes.Length; q++)
            {
                double like = Weights[q];
                for (int j = 0; j < row.Length; j++)
                {
                    if (row[j] >= 0) like *= probability(j, row[j], Nodes[q]);
                }

                sum += like;
            }

            total += Math.Log(sum);
        }

        return total;
    }

    private static (int[][] Cells, double[] A, double[][] B) SimulateGrm(int seed, int people, int items)
    {
        var random = new Random(seed);
        var a = Enumerable.Range(0, items).Select(_ => 0.8 + 1.2 * random.NextDouble()).ToArray();
        var b = Enumerable.Range(0, items).Select(_ =>
        {
            double l = 1.2 * (random.NextDouble() - 0.5);
            return new[] { l - 1.1, l, l + 1.1 };
        }).ToArray();
        var cells = new int[people][];
        for (int i = 0; i < people; i++)
        {
            double theta = Normal(random);
            cells[i] = new int[items];
            for (int j = 0; j < items; j++)
            {
                double u = random.NextDouble(), cum = 0;
                int k = 0;
                for (; k < 3; k++)
                {
                    cum += Grm(a[j], b[j], k, theta);
                    if (u < cum) break;
                }

                cells[i][j] = k;
            }
        }

        return (cells, a, b);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static CalibrationData Data(int[][] cells) =>
        CalibrationData.Create(Enumerable.Range(1, cells[0].Length).Select(j => $"I{j:00}").ToList(),
            Enumerable.Range(1, cells.Length).Select(i => $"P{i}").ToList(), cells.Select(row => (IReadOnlyList<int?>)row.Select(x => (int?)x).ToArray()).ToList());

    [Fact]
    public void Calibrate_Grm_FindsTheMaximumOfTheMarginalLikelihoodAndRecoversTheTruth()
    {
        var (cells, a, b) = SimulateGrm(seed: 4, people: 2000, items: 8);
        var result = ItemCalibrator.Calibrate(Data(cells), new CalibrationOptions { Model = CalibrationModel.Grm });

        double LogLik(Func<int, (double A, IReadOnlyList<double> B)> item) =>
            MarginalLogLikelihood(cells, (j, k, t) => Grm(item(j).A, item(j).B, k, t));
        double atEstimates = LogLik(j => (result.Items[j].Parameters.A, result.Items[j].Parameters.Locations));
        double atTruth = LogLik(j => (a[j], b[j]));

        Assert.True(result.Converged);
        Assert.Equal(atEstimates, result.LogLikelihood, 1e-6 * Math.Abs(atEstimates));
        Assert.True(atEstimates >= atTruth, $"{atEstimates} < {atTruth}");
        foreach (double nudge in new[] { -0.02, 0.02 })
        {
            double moved = LogLik(j => j == 0
                ? (result.Items[0].Parameters.A + nudge, result.Items[0].Parameters.Locations)
                : (result.Items[j].Parameters.A, result.Items[j].Parameters.Locations));
            Assert.True(moved < atEstimates);
        }

        double rmseA = Math.Sqrt(Enumerable.Range(0, 8).Average(j => Math.Pow(result.Items[j].Parameters.A - a[j], 2)));
        double rmseB = Math.Sqrt(Enumerable.Range(0, 8).SelectMany(j => Enumerable.Range(0, 3).Select(k => Math.Pow(result.Items[j].Parameters.Locations[k] - b[j][k], 2))).Average());
        Assert.InRange(rmseA, 0, 0.12);
        Assert.InRange(rmseB, 0, 0.12);
        Assert.All(result.Items, i => Assert.True(i.StandardErrors!.Locations.All(s => s is > 0 and < 0.3)));
    }

    [Fact]
    public void Calibrate_OnePl_HoldsDiscriminationAtOneAndMaximisesTheLikelihood()
    {
        var random = new Random(8);
        double[] b = Enumerable.Range(0, 10).Select(_ => 1.5 * Normal(random)).ToArray();
        var cells = Enumerable.Range(0, 1500).Select(_ =>
        {
            double theta = Normal(random);
            return b.Select(bj => random.NextDouble() < Logistic(theta - bj) ? 1 : 0).ToArray();
        }).ToArray();

        var result = ItemCalibrator.Calibrate(Data(cells), new CalibrationOptions { Model = CalibrationModel.OnePL });

        Assert.All(result.Items, i => Assert.Equal(1.0, i.Parameters.A));
        Assert.All(result.Items, i => Assert.Null(i.StandardErrors!.A));
        Assert.Equal(10, result.FreeParameters);
        double atEstimates = MarginalLogLikelihood(cells, (j, k, t) =>
        {
            double p = Logistic(t - result.Items[j].Parameters.Locations[0]);
            return k == 1 ? p : 1 - p;
        });
        Assert.Equal(atEstimates, result.LogLikelihood, 1e-6 * Math.Abs(atEstimates));
        Assert.All(result.Items.Select((item, j) => Math.Abs(item.Parameters.Locations[0] - b[j])), d => Assert.InRange(d, 0, 0.25));
    }

    [Fact]
    public void Calibrate_ThreeThreadsOrOne_GiveTheSameEstimates()
    {
        var (cells, _, _) = SimulateGrm(seed: 5, people: 600, items: 5);
        var one = ItemCalibrator.Calibrate(Data(cells), new CalibrationOptions { Model = CalibrationModel.Grm, MaxDegreeOfParallelism = 1 });
        var three = ItemCalibrator.Calibrate(Data(cells), new CalibrationOptions { Model = CalibrationModel.Grm, MaxDegreeOfParallelism = 3 });

        Assert.Equal(one.Items.Select(i => i.Parameters.Locations.ToArray()), three.Items.Select(i => i.Parameters.Locations.ToArray()));
        Assert.Equal(one.LogLikelihood, three.LogLikelihood);
    }

    [Fact]
    public void Calibrate_InformationInSlicesOfItemPairs_GivesTheSameStandardErrors()
    {
        var (cells, _, _) = SimulateGrm(seed: 9, people: 500, items: 7);
        var options = new CalibrationOptions { Model = CalibrationModel.Grm };
        var whole = ItemCalibrator.Calibrate(Data(cells), options);

        // A budget of a few thousand cells forces one pass over the examinees per first item of a pair.
        var sliced = ItemCalibrator.Calibrate(Data(cells), options, null, null, jointCellBudget: 4000, CancellationToken.None);

        for (int j = 0; j < 7; j++)
        {
            Assert.Equal(whole.Items[j].StandardErrors!.A!.Value, sliced.Items[j].StandardErrors!.A!.Value, 1e-10);
            Assert.Equal(whole.Items[j].StandardErrors!.Locations.Select(s => s!.Value), sliced.Items[j].StandardErrors!.Locations.Select(s => s!.Value), (x, y) => Math.Abs(x - y) < 1e-10);
        }
    }

    [Fact]
    public void Calibrate_ProgressIsReportedEveryCycle()
    {
        var (cells, _, _) = SimulateGrm(seed: 6, people: 300, items: 4);
        var seen = new List<CalibrationProgress>();
        var result = ItemCalibrator.Calibrate(Data(cells), new CalibrationOptions { Model = CalibrationModel.Grm }, progress: new Collect(seen));

        Assert.Equal(result.Cycles, seen.Count);
        Assert.Equal(Enumerable.Range(1, result.Cycles), seen.Select(s => s.Cycle));
    }

    [Fact]
    public void Calibrate_CycleLimitReached_SaysItDidNotConverge()
    {
        var (cells, _, _) = SimulateGrm(seed: 7, people: 300, items: 4);
        var result = ItemCalibrator.Calibrate(Data(cells), new CalibrationOptions { Model = CalibrationModel.Grm, MaxCycles = 2 });

        Assert.False(result.Converged);
        Assert.Equal(2, result.Cycles);
    }

    private sealed class Collect(List<CalibrationProgress> into) : IProgress<CalibrationProgress>
    {
        public void Report(CalibrationProgress value) => into.Add(value);
    }
}
