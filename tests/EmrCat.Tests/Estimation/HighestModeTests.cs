using System.Globalization;
using EmrCat.Estimation;
using EmrCat.Irt;
using EmrCat.Practice.Commands;

namespace EmrCat.Tests.Estimation;

/// <summary>
/// ML, MAP and WLE return the highest point of their objective on the range (issue 20): never the bound when a higher
/// interior maximum exists, never a minimum.
/// </summary>
public class HighestModeTests
{
    private static readonly ItemParameters[] IssueItems =
    [
        new(0.8, -1.92, 0.2, 1), new(1.4, 0.28, 0.2, 1), new(1.3, -1.0, 0.22, 1), new(1.05, -0.8, 0.2, 1), new(1.5, -0.5, 0.2, 1),
    ];

    [Fact]
    public void ScoreCommand_IssuePatternsR1R3_GiveCatRsMaximumLikelihoodEstimates()
    {
        string dir = Directory.CreateTempSubdirectory("emrcat-highest-").FullName;
        try
        {
            string parameters = Path.Combine(dir, "params.csv"), responses = Path.Combine(dir, "responses.csv"), output = Path.Combine(dir, "out.csv");
            File.WriteAllText(parameters, "id,a,b,c,d\nI1,0.8,-1.92,0.2,1\nI2,1.4,0.28,0.2,1\nI3,1.3,-1.0,0.22,1\nI4,1.05,-0.8,0.2,1\nI5,1.5,-0.5,0.2,1\n");
            File.WriteAllText(responses, "examinee,I1,I2,I3,I4,I5\nR1,0,1,1,1,1\nR3,0,1,1,1,0\n");

            Assert.Equal(0, ScoreCommand.Run(parameters, responses, output, "mle", 5, TextWriter.Null, TextWriter.Null));

            var theta = File.ReadLines(output).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => double.Parse(f[2], CultureInfo.InvariantCulture));
            Assert.Equal(0.764418, theta["R1"], 1e-4);
            Assert.Equal(-0.731012, theta["R3"], 1e-4);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ScoreCommand_InteriorLocalMaximumBelowTheBound_WritesTheBound()
    {
        // Right on eight of nine 3PL/4PL items (d < 1 on several): the likelihood has a local maximum near θ 4.2, dips,
        // then rises again to the upper bound, where it is highest. A root-finder reports the local maximum; the row
        // must carry the highest point on [-6, 6], the bound, and must be written (the pattern has an interior maximum).
        string dir = Directory.CreateTempSubdirectory("emrcat-highest-").FullName;
        try
        {
            string parameters = Path.Combine(dir, "params.csv"), responses = Path.Combine(dir, "responses.csv"), output = Path.Combine(dir, "out.csv");
            File.WriteAllText(parameters, "id,a,b,c,d\nI4,1.0327,0.5134,0,0.9\nI10,0.8718,2.3767,0,0.9\nI15,1.3779,1.8416,0,1\nI17,0.587,0.8651,0.3,1\n" +
                "I19,1.3089,0.1868,0.25,0.9\nI20,1.4183,-0.1827,0,0.85\nI22,1.3522,2.2749,0.15,0.85\nI27,2.1835,0.477,0,1\nI30,1.0806,0.4566,0.15,0.9\n");
            File.WriteAllText(responses, "examinee,I4,I10,I15,I17,I19,I20,I22,I27,I30\nR93,1,1,1,1,1,1,0,1,1\n");

            Assert.Equal(0, ScoreCommand.Run(parameters, responses, output, "mle,wle", 5, TextWriter.Null, TextWriter.Null));

            var rows = File.ReadLines(output).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[1], f => double.Parse(f[2], CultureInfo.InvariantCulture));
            Assert.Equal(6.0, rows["mle"], 1e-9);
            Assert.True(rows.ContainsKey("wle"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void HasInteriorMaximum_IsFalseForAMonotoneLikelihood_AndTrueWhenAStationaryMaximumExists()
    {
        var estimator = new MaximumLikelihoodEstimator();
        Assert.True(estimator.HasInteriorMaximum(IssueItems, Categories([false, true, true, true, true])));
        Assert.False(estimator.HasInteriorMaximum(IssueItems, Categories([true, true, true, true, true])));
        // The 4PL pair below has only a minimum inside.
        Assert.False(estimator.HasInteriorMaximum([new(2.0, -4.0, 0.0, 0.9), new(2.0, 4.5, 0.1, 1.0)], [0, 1]));
    }

    [Fact]
    public void MaximumLikelihood_R1_BeatsTheLowerBoundTheOldCodeReturned()
    {
        bool[] r1 = [false, true, true, true, true];
        var estimate = new MaximumLikelihoodEstimator().Estimate(IssueItems, r1);
        var equation = new EstimatingEquation(IssueItems, Categories(r1), 1.0, ScorePenalty.None);

        Assert.Equal(EstimateStatus.Converged, estimate.Status);
        Assert.Equal(-3.118, equation.Objective(estimate.Theta, ThetaRange.Default), 1e-3);
        Assert.Equal(-6.579, equation.Objective(-6, ThetaRange.Default), 1e-3);
    }

    [Fact]
    public void MaximumLikelihood_4PLWithAMinimumInside_ReturnsTheHigherBoundNotTheMinimum()
    {
        // Wrong on an easy 4PL item (Q → 1 − d above it), right on a hard 3PL item: the likelihood falls, then rises; its
        // only stationary point is a minimum near 0, which the old bracketing solver returned as "converged".
        ItemParameters[] items = [new(2.0, -4.0, 0.0, 0.9), new(2.0, 4.5, 0.1, 1.0)];
        bool[] correct = [false, true];
        var equation = new EstimatingEquation(items, Categories(correct), 1.0, ScorePenalty.None);
        Assert.True(equation.Evaluate(-6) < 0 && equation.Evaluate(6) > 0, "the score runs − → + (a minimum inside)");

        var estimate = new MaximumLikelihoodEstimator().Estimate(items, correct);

        var (bestTheta, bestValue) = DenseMaximum(items, correct, ScorePenalty.None, ThetaRange.Default);
        Assert.NotEqual(EstimateStatus.Converged, estimate.Status);
        Assert.Equal(bestTheta, estimate.Theta, 1e-9);
        Assert.True(equation.Objective(estimate.Theta, ThetaRange.Default) >= bestValue - 1e-12);
    }

    public static TheoryData<int> Penalties() => [(int)ScorePenalty.None, (int)ScorePenalty.NormalPrior, (int)ScorePenalty.Warm];

    [Theory]
    [MemberData(nameof(Penalties))]
    public void Estimators_OnRandom3PLAnd4PLPatterns_ReachTheDenseGridMaximum(int penaltyValue)
    {
        var penalty = (ScorePenalty)penaltyValue;
        var random = new Random(20 + penaltyValue);
        var range = new ThetaRange(-4, 4);
        IAbilityEstimator estimator = penalty switch
        {
            ScorePenalty.None => new MaximumLikelihoodEstimator(new MaximumLikelihoodOptions { Range = range }),
            ScorePenalty.NormalPrior => new MapEstimator(new MapOptions { Range = range }),
            _ => new WeightedLikelihoodEstimator(new WeightedLikelihoodOptions { Range = range }),
        };
        int multimodal = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            int n = random.Next(2, 9);
            var items = new ItemParameters[n];
            var correct = new bool[n];
            for (int i = 0; i < n; i++)
            {
                double c = 0.35 * random.NextDouble();
                double d = random.NextDouble() < 0.4 ? 0.75 + 0.25 * random.NextDouble() : 1.0;
                items[i] = new ItemParameters(0.5 + 2.5 * random.NextDouble(), 5 * (random.NextDouble() * 2 - 1), c, d);
                correct[i] = random.NextDouble() < 0.5;
            }

            var estimate = estimator.Estimate(items, correct);
            var equation = new EstimatingEquation(items, Categories(correct), 1.0, penalty, 0, 1);
            var (gridTheta, gridValue) = DenseMaximum(items, correct, penalty, range);
            double value = equation.Objective(estimate.Theta, range);
            Assert.True(value >= gridValue - 1e-9, $"trial {trial}: θ̂ {estimate.Theta} has objective {value}, the grid reaches {gridValue} at {gridTheta}");
            if (Math.Abs(value - gridValue) > 1e-7) Assert.Equal(gridTheta, estimate.Theta, 1e-3);
            if (CountMaxima(equation, range) > 1) multimodal++;
        }

        Assert.True(multimodal > 0, "the random patterns include multimodal ones");
    }

    /// <summary>The best of 8,001 evenly spaced points, polished by golden-section search around it.</summary>
    private static (double Theta, double Value) DenseMaximum(ItemParameters[] items, bool[] correct, ScorePenalty penalty, ThetaRange range)
    {
        var equation = new EstimatingEquation(items, Categories(correct), 1.0, penalty, 0, 1);
        const int points = 8_001;
        double step = (range.Upper - range.Lower) / (points - 1);
        double best = range.Lower, bestValue = double.NegativeInfinity;
        double warm = 0;
        for (int k = 0; k < points; k++)
        {
            double theta = range.Lower + k * step;

            // WLE's objective carries ∫ J/(2I) from the lower end: accumulate it point to point instead of from scratch.
            if (penalty == ScorePenalty.Warm && k > 0) warm += GaussLegendre.Integrate(ref equation, theta - step, theta);
            double value = penalty == ScorePenalty.Warm ? new EstimatingEquation(items, Categories(correct), 1.0, ScorePenalty.None).Objective(theta, range) + warm : equation.Objective(theta, range);
            if (value > bestValue) (best, bestValue) = (theta, value);
        }

        double lo = Math.Max(range.Lower, best - step), hi = Math.Min(range.Upper, best + step);
        for (int i = 0; i < 100; i++)
        {
            double m1 = lo + (hi - lo) * 0.382, m2 = lo + (hi - lo) * 0.618;
            if (equation.Objective(m1, range) < equation.Objective(m2, range)) lo = m1; else hi = m2;
        }

        double polished = (lo + hi) / 2, polishedValue = equation.Objective(polished, range);
        return polishedValue > bestValue ? (polished, polishedValue) : (best, bestValue);
    }

    private static int CountMaxima(EstimatingEquation equation, ThetaRange range)
    {
        int count = equation.Evaluate(range.Lower) < 0 ? 1 : 0;
        double previous = equation.Evaluate(range.Lower);
        for (int k = 1; k <= 4000; k++)
        {
            double current = equation.Evaluate(range.Lower + k * (range.Upper - range.Lower) / 4000);
            if (previous > 0 && current <= 0) count++;
            previous = current;
        }

        return previous > 0 ? count + 1 : count;
    }

    private static int[] Categories(bool[] correct) => correct.Select(x => x ? 1 : 0).ToArray();
}
