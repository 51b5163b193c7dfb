using EmrCat.Banks;
using EmrCat.Internal;
using EmrCat.Irt;
using EmrCat.Selection;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmrCat.Tests.Selection;

/// <summary>The branch-and-bound randomesque pick is the pick of a plain scan of every item (the selector as it was).</summary>
public class RandomesqueSelectorTests
{
    /// <summary>The plain top-k: every eligible item in bank order into a sorted buffer, then the seeded draw among them.</summary>
    private static int PlainScan(int k, in SelectionContext context)
    {
        var columns = context.Bank.Columns;
        double scaling = context.Bank.Metric.ScalingConstant;
        var top = new List<(int Index, double Information)>();
        for (int i = 0; i < columns.Count; i++)
        {
            if (!context.IsEligible(i)) continue;
            double information = columns.Information(i, context.Theta, scaling);
            int position = top.Count;
            while (position > 0 && top[position - 1].Information < information) position--;
            if (position >= k) continue;
            top.Insert(position, (i, information));
            if (top.Count > k) top.RemoveAt(k);
        }

        return top.Count == 0 ? -1 : top[new SessionRandom(context.Seed).Below(top.Count, context.Step, SessionRandom.Randomesque)].Index;
    }

    private static Property PicksAsThePlainScan(MaximumInformationSelectorTests.Case c)
    {
        var bank = TestBanks.Of(c.Items, c.Blueprint ? c.Domains : null, metric: c.NormalOgive ? IrtMetric.NormalOgive : IrtMetric.Logistic);
        int[] counts = new int[bank.Blueprint.Domains.Count];
        foreach (int k in new[] { 1, 2, 4, 7 })
        {
            var selector = new RandomesqueSelector(k);
            foreach (double theta in c.Thetas)
            {
                foreach (var mask in c.Masks)
                {
                    for (int step = 0; step < 3; step++)
                    {
                        var context = new SelectionContext(bank, theta, mask, c.DomainFilter, step, 11, 0, counts);
                        int fast = selector.Select(context), plain = PlainScan(k, context);
                        if (fast != plain) return false.Label($"k={k} θ={theta:R} step {step}: selector chose {fast}, plain scan {plain}");
                    }
                }
            }
        }

        return true.ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property Select_PicksWhatAPlainScanPicks_ForAnyBankThetaMaskDomainAndK() =>
        Prop.ForAll(MaximumInformationSelectorTests.Cases.ToArbitrary(), PicksAsThePlainScan);

    [Property(MaxTest = 80)]
    public Property Select_OnAMixedBank_PicksWhatAPlainScanPicks() =>
        Prop.ForAll(MaximumInformationSelectorTests.MixedCases.ToArbitrary(), PicksAsThePlainScan);

    [Fact]
    public void Select_AfterMostOfADomainIsGiven_StillMatchesThePlainScan()
    {
        // Exhausts the cells' prefixes of each domain, so the search continues in the domain's global order.
        var w1 = TestBanks.W1Like(1000);
        var bank = TestBanks.Of(w1.Items.Select(i => i.Parameters).ToArray(), Enumerable.Range(0, 1000).Select(i => i % 5).ToArray());
        var available = new bool[1000];
        for (int i = 0; i < 1000; i += 7) available[i] = true;
        var selector = new RandomesqueSelector(4);
        for (int domain = -1; domain < 5; domain++)
        {
            for (double theta = -7; theta <= 7; theta += 0.37)
            {
                var context = new SelectionContext(bank, theta, available, domain, 3, 5, 0, new int[5]);
                Assert.Equal(PlainScan(4, context), selector.Select(context));
            }
        }
    }

    [Fact]
    public void RandomSelector_SelectAmongThePilots_PicksWhatTheFullScanPicks()
    {
        var w1 = TestBanks.W1Like(200);
        var pilot = Enumerable.Range(0, 200).Select(i => i % 3 == 0).ToArray();
        var bank = TestBanks.Of(w1.Items.Select(i => i.Parameters).ToArray(), pilot: pilot);
        var available = pilot.Select((p, i) => p && i % 4 != 0).ToArray();
        for (int step = 0; step < 50; step++)
        {
            var context = new SelectionContext(bank, 0, available, -1, step, 99, 0, []);
            int eligible = available.Count(a => a);
            Assert.Equal(RandomSelector.Instance.Select(context), RandomSelector.SelectAmong(context, BankSubsets.For(bank).Pilots, eligible));
        }
    }
}
