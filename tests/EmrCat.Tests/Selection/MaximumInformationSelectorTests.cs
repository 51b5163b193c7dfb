using EmrCat.Banks;
using EmrCat.Irt;
using EmrCat.Selection;
using EmrCat.Testing;
using EmrCat.Tests.Fixtures;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmrCat.Tests.Selection;

public class MaximumInformationSelectorTests
{
    /// <summary>A random bank (some items repeated, so exact ties occur), a metric, θ values and availability masks.</summary>
    public sealed record Case(ItemParameters[] Items, int[] Domains, bool Blueprint, bool NormalOgive, double[] Thetas, bool[][] Masks, int DomainFilter)
    {
        public override string ToString() =>
            $"n={Items.Length} blueprint={Blueprint} ogive={NormalOgive} filter={DomainFilter} thetas=[{string.Join(", ", Thetas)}] " +
            $"available=[{string.Join(" | ", Masks.Select(m => m.Count(x => x)))}] items: {string.Join("; ", Items.Select(i => i.ToString()))}";
    }

    private static readonly Gen<double> Theta = Gen.Frequency(
        (6, EmrCatGen.Theta),
        (2, Gen.Choose(0, InformationBounds.CellCount).Select(k => InformationBounds.GridLower + k * InformationBounds.CellWidth)),
        (1, Gen.Elements(-10.0, -6.0000001, 6.0000001, 9.5, -4.0, 4.0)));

    private static Gen<bool[]> Mask(int n) =>
        from density in Gen.Elements(0.0, 0.02, 0.3, 0.9, 1.0)
        from draws in EmrCatGen.Uniform(0, 1).ArrayOf(n)
        select draws.Select(u => u >= density).ToArray();

    internal static readonly Gen<Case> Cases = CasesOf(EmrCatGen.Item);

    /// <summary>Banks mixing 1–4PL with GRM, GPCM and PCM items.</summary>
    internal static readonly Gen<Case> MixedCases = CasesOf(EmrCatGen.MixedItem);

    private static Gen<Case> CasesOf(Gen<ItemParameters> item) =>
        from n in Gen.Frequency((3, Gen.Choose(1, 40)), (2, Gen.Choose(41, 300)))
        from distinct in item.ArrayOf(n)
        from copyFrom in Gen.Choose(-3 * n, n - 1).ArrayOf(n)
        from domains in Gen.Choose(0, 4).ArrayOf(n)
        from blueprint in Gen.Elements(true, false)
        from ogive in Gen.Elements(true, false)
        from thetas in Theta.ArrayOf(4)
        from masks in Mask(n).ArrayOf(3)
        from filter in Gen.Choose(-3, 4)
        select new Case(
            distinct.Select((item, i) => copyFrom[i] >= 0 && copyFrom[i] < i ? distinct[copyFrom[i]] : item).ToArray(),
            domains, blueprint, ogive, thetas, masks, blueprint ? Math.Max(-1, filter) : -1);

    [Property(MaxTest = 300)]
    public Property Select_PicksThePlainArgmaxOfInformation_ForAnyBankThetaAndAdministeredSet() =>
        Prop.ForAll(Cases.ToArbitrary(), SelectsThePlainArgmax);

    [Property(MaxTest = 150)]
    public Property Select_OnAMixedBank_PicksThePlainArgmaxOfInformation() =>
        Prop.ForAll(MixedCases.ToArbitrary(), SelectsThePlainArgmax);

    private static Property SelectsThePlainArgmax(Case c)
    {
        {
            var bank = TestBanks.Of(c.Items, c.Blueprint ? c.Domains : null, metric: c.NormalOgive ? IrtMetric.NormalOgive : IrtMetric.Logistic);
            int[] counts = new int[bank.Blueprint.Domains.Count];
            foreach (double theta in c.Thetas)
            {
                foreach (var mask in c.Masks)
                {
                    var context = new SelectionContext(bank, theta, mask, c.DomainFilter, 0, 1, 0, counts);
                    int fast = MaximumInformationSelector.Instance.Select(context);
                    int plain = MaximumInformationReference.Select(context);
                    if (fast != plain) return false.Label($"θ={theta:R}: selector chose {fast}, plain argmax {plain}");
                }
            }

            return true.ToProperty();
        }
    }

    [Fact]
    public void Select_AmongIdenticalItems_TakesTheLowestIndex()
    {
        var item = new ItemParameters(1.3, 0.2, 0.2);
        var bank = TestBanks.Of([new ItemParameters(0.5, 3), item, item, item]);
        bool[] available = [true, false, true, true];
        var context = new SelectionContext(bank, 0.1, available, -1, 0, 1, 0, []);
        Assert.Equal(2, MaximumInformationSelector.Instance.Select(context));
    }

    [Fact]
    public void Select_WithNothingAvailable_ReturnsMinusOne()
    {
        var bank = TestBanks.W1Like(50);
        var context = new SelectionContext(bank, 0.0, new bool[50], -1, 0, 1, 0, []);
        Assert.Equal(-1, MaximumInformationSelector.Instance.Select(context));
    }

    [Fact]
    public void Select_AfterMostOfTheBankIsGiven_StillMatchesThePlainScan()
    {
        // Exhausts every cell's prefix, so the search must continue in the global order.
        var bank = TestBanks.W1Like(1000);
        var available = new bool[1000];
        for (int i = 0; i < 1000; i += 97) available[i] = true;
        for (double theta = -7; theta <= 7; theta += 0.37)
        {
            var context = new SelectionContext(bank, theta, available, -1, 0, 1, 0, []);
            Assert.Equal(MaximumInformationReference.Select(context), MaximumInformationSelector.Instance.Select(context));
        }
    }
}
