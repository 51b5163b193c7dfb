using EmrCat.Irt;
using EmrCat.Selection;
using EmrCat.Testing;
using EmrCat.Tests.Fixtures;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmrCat.Tests.Selection;

public class InformationBoundsTests
{
    [Property(MaxTest = 300)]
    public Property CellBound_IsAtLeastTheInformationAnywhereInTheCell() =>
        Prop.ForAll(
            (from item in EmrCatGen.Item
             from cell in Gen.Choose(0, InformationBounds.CellCount - 1)
             from offsets in EmrCatGen.Uniform(0, 1).ArrayOf(20)
             select (item, cell, offsets)).ToArbitrary(),
            s =>
            {
                var bounds = InformationBounds.For(TestBanks.Of([s.item]));
                double bound = bounds.CellBounds(s.cell)[0];
                double left = bounds.GridPoint(s.cell), right = bounds.GridPoint(s.cell + 1);
                return s.offsets.All(u => ItemResponseFunctions.Information(s.item, left + u * (right - left)) <= bound)
                    && ItemResponseFunctions.Information(s.item, left) <= bound
                    && ItemResponseFunctions.Information(s.item, right) <= bound;
            });

    [Property(MaxTest = 300)]
    public Property GlobalBound_IsAtLeastTheInformationAtAnyTheta() =>
        Prop.ForAll(
            (from item in EmrCatGen.Item from thetas in EmrCatGen.Uniform(-12, 12).ArrayOf(50) select (item, thetas)).ToArbitrary(),
            s =>
            {
                double bound = InformationBounds.For(TestBanks.Of([s.item])).GlobalBounds[0];
                double[] peaks = new double[3];
                int count = InformationBounds.CriticalThetas(s.item.A, s.item.B, s.item.C, s.item.D, 1.0, peaks);
                return count > 0
                    && s.thetas.All(t => ItemResponseFunctions.Information(s.item, t) <= bound)
                    && peaks.Take(count).All(t => ItemResponseFunctions.Information(s.item, t) <= bound);
            });

    /// <summary>
    /// The heap-sorted orders against a plain reference: a cell keeps the Prefix items with the largest bound (each
    /// item's bound is the one its own one-item bank gets), by decreasing bound and then increasing index, and the
    /// global order is every item sorted the same way. Banks repeat items, so equal bounds are common.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property CellAndGlobalOrders_AreTheReferenceSortByBoundThenIndex() =>
        Prop.ForAll(
            (from pool in EmrCatGen.Item.ArrayOf(12)
             from picks in Gen.Choose(0, 11).ArrayOf(180).Select(a => a.Take(1 + a[0] * 15).ToArray())
             from cell in Gen.Choose(0, InformationBounds.CellCount - 1)
             select (items: picks.Select(k => pool[k]).ToArray(), cell)).ToArbitrary(),
            s =>
            {
                var bounds = InformationBounds.For(TestBanks.Of(s.items));
                var single = s.items.Select(item => InformationBounds.For(TestBanks.Of([item]))).ToArray();
                static int[] Reference(double[] key) =>
                    Enumerable.Range(0, key.Length).OrderByDescending(i => key[i]).ThenBy(i => i).ToArray();
                var cellReference = Reference(single.Select(b => b.CellBounds(s.cell)[0]).ToArray()).Take(bounds.Prefix).ToArray();
                var globalReference = Reference(single.Select(b => b.GlobalBounds[0]).ToArray());
                return (bounds.CellItems(s.cell).SequenceEqual(cellReference)
                        && bounds.GlobalItems.SequenceEqual(globalReference))
                    .Label($"cell {s.cell}: [{string.Join(",", bounds.CellItems(s.cell).ToArray())}] vs [{string.Join(",", cellReference)}]");
            });

    [Theory]
    [InlineData(1.0, 0.0, 0.0)]
    [InlineData(1.7, 0.5, 0.2)]
    [InlineData(0.4, -2.0, 0.35)]
    public void CriticalThetas_For3PL_IsBirnbaumsMaximum(double a, double b, double c)
    {
        // Birnbaum (1968): θmax = b + ln((1 + √(1 + 8c)) / 2) / (D·a).
        double expected = b + Math.Log((1 + Math.Sqrt(1 + 8 * c)) / 2) / a;
        double[] roots = new double[3];
        int count = InformationBounds.CriticalThetas(a, b, c, 1.0, 1.0, roots);
        Assert.Equal(1, count);
        Assert.Equal(expected, roots[0], 9);
    }

    [Fact]
    public void CellOf_AtGridPointsAndOutside_FindsACellHoldingTheta()
    {
        var bounds = InformationBounds.For(TestBanks.W1Like(10));
        for (int k = 0; k <= InformationBounds.CellCount; k++)
        {
            double t = bounds.GridPoint(k);
            int cell = bounds.CellOf(t);
            Assert.InRange(cell, 0, InformationBounds.CellCount - 1);
            Assert.True(bounds.GridPoint(cell) <= t && t <= bounds.GridPoint(cell + 1));
        }

        Assert.Equal(-1, bounds.CellOf(-6.000001));
        Assert.Equal(-1, bounds.CellOf(6.000001));
        Assert.Equal(-1, bounds.CellOf(double.NaN));
    }
}

public class PolytomousInformationBoundsTests
{
    [Property(MaxTest = 60)]
    public Property CellBounds_OfPolytomousItems_CoverTheirInformationEverywhereInTheCell() =>
        Prop.ForAll(EmrCatGen.PolytomousItem.ArrayOf(3).ToArbitrary(), items =>
        {
            var bank = TestBanks.Of(items);
            var bounds = InformationBounds.For(bank);
            for (int cell = 0; cell < InformationBounds.CellCount; cell += 3)
            {
                var cellItems = bounds.CellItems(cell);
                var cellBounds = bounds.CellBounds(cell);
                for (int j = 0; j < cellItems.Length; j++)
                {
                    for (int s = 0; s <= 20; s++)
                    {
                        double theta = bounds.GridPoint(cell) + s * InformationBounds.CellWidth / 20;
                        double information = ItemResponseFunctions.Information(items[cellItems[j]], theta);
                        if (information > cellBounds[j]) return false.Label($"cell {cell} item {cellItems[j]} θ={theta:R}: I={information:R} > bound {cellBounds[j]:R}");
                    }
                }
            }

            for (int j = 0; j < bounds.GlobalItems.Length; j++)
            {
                for (double theta = -12; theta <= 12; theta += 0.01)
                {
                    if (ItemResponseFunctions.Information(items[bounds.GlobalItems[j]], theta) > bounds.GlobalBounds[j]) return false.Label($"global bound of item {bounds.GlobalItems[j]} below I({theta})");
                }
            }

            return true.ToProperty();
        });
}
