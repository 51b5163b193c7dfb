using EmrCat.Estimation;
using EmrCat.Internal;
using EmrCat.Irt;

namespace EmrCat.Tests.Estimation;

/// <summary>
/// ML refines a + → − cell by safeguarded Newton (issue 20's speed work): it finds the root Brent's method finds, far
/// inside the estimator's 1e-10 tolerance, on random 1–4PL patterns; and the tabulated grid rows are the kernels' values.
/// </summary>
public class NewtonRefinementTests
{
    /// <summary>The ML equation of a pattern, refined either way.</summary>
    private readonly ref struct Equation(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<int> categories) : IModeFunction
    {
        private readonly EstimatingEquation _equation = new(items, categories, 1.0, ScorePenalty.None);

        public double Evaluate(double x)
        {
            var e = _equation;
            return e.Evaluate(x);
        }

        public double Objective(double theta) => 0;

        public bool HasDerivative => true;

        public double EvaluateWithDerivative(double x, out double derivative)
        {
            var e = _equation;
            return e.ScoreAndDerivative(x, out derivative);
        }
    }

    [Fact]
    public void NewtonRoot_InEveryCrossingCellOfRandomPatterns_IsBrentsRootWithin1e12()
    {
        var random = new Random(20);
        var grid = ThetaGrid.Points(ThetaRange.Default);
        int cells = 0;
        for (int pattern = 0; pattern < 300; pattern++)
        {
            int n = random.Next(1, 60);
            var items = new ItemParameters[n];
            var categories = new int[n];
            for (int i = 0; i < n; i++)
            {
                double d = random.NextDouble() < 0.2 ? 0.85 + 0.15 * random.NextDouble() : 1.0;
                items[i] = new ItemParameters(0.4 + 2.0 * random.NextDouble(), 3 * (random.NextDouble() * 2 - 1), 0.3 * random.NextDouble(), d);
                categories[i] = random.NextDouble() < 0.55 ? 1 : 0;
            }

            var f = new Equation(items, categories);
            for (int k = 0; k + 1 < grid.Length; k++)
            {
                double left = f.Evaluate(grid[k]), right = f.Evaluate(grid[k + 1]);
                if (!(left > 0 && right <= 0)) continue;
                cells++;
                double brent = BrentRootFinder.FindRoot(ref f, grid[k], grid[k + 1], left, right, 1e-14);
                double newton = HighestMode.NewtonRoot(ref f, grid[k], grid[k + 1], left, right, 1e-10);
                Assert.True(Math.Abs(brent - newton) <= 1e-12, $"pattern {pattern} cell {k}: Brent {brent:R}, Newton {newton:R}");
            }
        }

        Assert.True(cells >= 250, $"only {cells} crossing cells were exercised");
    }

    [Fact]
    public void ItemGridTable_Rows_AreTheKernelsValuesBitForBit()
    {
        var bank = TestBanks.W1Like(40);
        var grid = ThetaGrid.Points(new ThetaRange(-4, 4));
        var ml = ItemGridTable.For(bank.Columns.Parameters, new GridTableKey(GridTableKind.MaximumLikelihoodScore, -4, 4, grid.Length, 1.0), grid)!;
        var log = ItemGridTable.For(bank.Columns.Parameters, new GridTableKey(GridTableKind.LogLikelihood, -4, 4, grid.Length, 1.0), grid)!;
        for (int i = 0; i < bank.Count; i++)
        {
            foreach (bool correct in new[] { true, false })
            {
                var sums = new double[grid.Length];
                GridScore.Add(sums, grid, bank.Items[i].Parameters, correct ? 1 : 0, 1.0);
                Assert.True(ml.TryGetRow(i, correct, out var row));
                var added = new double[grid.Length];
                for (int k = 0; k < grid.Length; k++) added[k] = 0.0 + row[k];
                Assert.Equal(sums, added);

                Assert.True(log.TryGetRow(i, correct, out var logRow));
                for (int k = 0; k < grid.Length; k++)
                {
                    var t = ResponseTerms.At(bank.Items[i].Parameters, grid[k], 1.0);
                    Assert.Equal(Math.Log(correct ? t.P : t.Q), logRow[k]);
                }
            }
        }

        Assert.False(ml.TryGetRow(-1, true, out _));
    }
}
