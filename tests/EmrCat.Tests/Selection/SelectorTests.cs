using EmrCat.Banks;
using EmrCat.Irt;
using EmrCat.Selection;
using EmrCat.Sessions;

namespace EmrCat.Tests.Selection;

public class SelectorTests
{
    private static ItemBank SmallBank() => ItemBank.FromParameters("small",
    [
        new("I1", new ItemParameters(1.0, -2)),
        new("I2", new ItemParameters(2.0, 0.1)),
        new("I3", new ItemParameters(1.5, 0.0)),
        new("I4", new ItemParameters(2.0, 0.1)),
    ]);

    private static int Pick(IItemSelector selector, ItemBank bank, double theta, bool[] available, ulong seed = 1, int step = 0) =>
        selector.TrySelect(new SelectionContext(bank, theta, available, -1, step, seed, 0, []), out int item) ? item : -1;

    [Fact]
    public void MaximumInformation_PicksTheArgmaxWithTiesToTheLowerIndex()
    {
        var bank = SmallBank();
        Assert.Equal(1, Pick(MaximumInformationSelector.Instance, bank, 0.1, [true, true, true, true]));
        Assert.Equal(3, Pick(MaximumInformationSelector.Instance, bank, 0.1, [true, false, true, true]));
        Assert.Equal(-1, Pick(MaximumInformationSelector.Instance, bank, 0.1, [false, false, false, false]));
    }

    [Fact]
    public void Randomesque_ChoosesAmongTheTopK()
    {
        var bank = SmallBank();
        var picks = Enumerable.Range(0, 200).Select(step => Pick(new RandomesqueSelector(2), bank, 0.1, [true, true, true, true], 7, step)).ToHashSet();
        Assert.Equal([1, 3], picks.Order());
    }

    [Fact]
    public void KullbackLeibler_PrefersTheItemNearTheEstimate()
    {
        var bank = SmallBank();
        Assert.Equal(0, Pick(new KullbackLeiblerSelector(), bank, -2.0, [true, true, true, true]));
    }

    [Fact]
    public void SympsonHetter_WithZeroishParameter_PassesTheItemOver()
    {
        var bank = SmallBank();
        var selector = new SympsonHetterSelector(MaximumInformationSelector.Instance, new Dictionary<string, double> { ["I2"] = 1e-9 });
        Assert.Equal(3, Pick(selector, bank, 0.1, [true, true, true, true]));
    }

    [Fact]
    public void SympsonHetter_ExposureRateTracksTheParameter()
    {
        var bank = SmallBank();
        var selector = new SympsonHetterSelector(MaximumInformationSelector.Instance, new Dictionary<string, double> { ["I2"] = 0.3 });
        int given = Enumerable.Range(0, 2000).Count(step => Pick(selector, bank, 0.1, [true, true, true, true], 11, step) == 1);
        Assert.InRange(given / 2000.0, 0.25, 0.35);
    }

    [Fact]
    public void ContentBalancing_PicksTheDomainFurthestBelowItsTarget()
    {
        var bank = TestBanks.Emr;
        var available = bank.Items.Select(i => i.Status == ItemStatus.Scored).ToArray();
        int[] counts = [4, 8, 1, 2, 2]; // treatment (target 22%) is furthest below
        int pick = new ContentBalancingSelector(MaximumInformationSelector.Instance).Select(new SelectionContext(bank, 0, available, -1, 17, 1, 17, counts));
        Assert.Equal("treatment", bank.Items[pick].Domain);
    }

    [Fact]
    public void SympsonHetter_WithTheSessionsMask_WithdrawsARejectedItemForTheRestOfTheTestAndCountsIt()
    {
        var bank = SmallBank();
        var selector = new SympsonHetterSelector(MaximumInformationSelector.Instance, new Dictionary<string, double> { ["I2"] = 1e-9 });
        bool[] available = [true, true, true, true];
        var rejections = new int[4];

        int first = selector.Select(new SelectionContext(bank, 0.1, available, -1, 0, 1, 0, [], available, rejections));

        Assert.Equal(3, first);
        Assert.False(available[1]);
        Assert.Equal([0, 1, 0, 0], rejections);

        // Later steps never propose it again, so it is never given (nor counted again).
        available[3] = false;
        int second = selector.Select(new SelectionContext(bank, 0.1, available, -1, 1, 1, 0, [], available, rejections));
        Assert.Equal(2, second);
        Assert.Equal([0, 1, 0, 0], rejections);
    }

    /// <summary>Hides the randomesque selector's type, so Sympson–Hetter takes its general path (one full selection per proposal).</summary>
    private sealed class Opaque(IItemSelector inner) : IItemSelector
    {
        public bool TrySelect(in SelectionContext context, out int item) => inner.TrySelect(context, out item);
    }

    [Fact]
    public void SympsonHetter_OverRandomesque_ReproposesFromItsRankingAsTheFullSelectionWould()
    {
        // Low K_i and thinned masks force long rejection runs, lists that run short (ranked again) and domains that
        // run dry (the last proposal given); the ranked path must give the same item, mask and counts every time.
        var bank = TestBanks.Emr;
        var random = new Random(20);
        var parameters = bank.Items.ToDictionary(i => i.Id, _ => random.NextDouble() < 0.2 ? 1.0 : 0.02 + 0.5 * random.NextDouble());
        int checkedRuns = 0;
        foreach (int k in new[] { 1, 2, 4, 7 })
        {
            var ranked = new SympsonHetterSelector(new RandomesqueSelector(k), parameters);
            var general = new SympsonHetterSelector(new Opaque(new RandomesqueSelector(k)), parameters);
            for (int step = 0; step < 150; step++)
            {
                double theta = -4.5 + 9.0 * random.NextDouble();
                double keep = random.NextDouble();
                var start = bank.Items.Select(_ => random.NextDouble() < keep).ToArray();
                int filter = random.Next(-1, bank.Blueprint.Domains.Count + 1);
                ulong seed = (ulong)random.NextInt64();
                bool[] maskA = (bool[])start.Clone(), maskB = (bool[])start.Clone();
                int[] rejectionsA = new int[bank.Count], rejectionsB = new int[bank.Count];

                int a = ranked.Select(new SelectionContext(bank, theta, maskA, filter, step, seed, 0, [], maskA, rejectionsA));
                int b = general.Select(new SelectionContext(bank, theta, maskB, filter, step, seed, 0, [], maskB, rejectionsB));

                Assert.Equal(b, a);
                Assert.Equal(maskB, maskA);
                Assert.Equal(rejectionsB, rejectionsA);
                if (rejectionsA.Sum() > k) checkedRuns++;
            }
        }

        Assert.True(checkedRuns > 50, $"only {checkedRuns} selections rejected more than k items");
    }

    [Fact]
    public void SympsonHetter_InASession_GivesEachItemAtRateKTimesItsSelectionRate()
    {
        // With withdrawal an item is proposed at most once per test, so P(given) = K·P(selected): here I2 is always
        // selected first, so it must be given in about 30% of tests, and a rejected I2 never comes back.
        var bank = SmallBank();
        var options = CatOptions.W1 with { MinScoredItems = 2, MaxScoredItems = 2, FixedLength = 2, ExposureParameters = new Dictionary<string, double> { ["I2"] = 0.3 } };
        int given = 0;
        for (ulong seed = 0; seed < 1000; seed++)
        {
            var session = CatSession.Start(bank, options, seed, new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
            var ids = new List<string>();
            while (!session.IsFinished)
            {
                ids.Add(session.Current.ItemId);
                session.Submit(session.Current.ItemId, session.Current.Options[0].Id);
            }

            if (ids.Contains("I2")) given++;
            Assert.Equal(ids.Distinct().Count(), ids.Count);
        }

        Assert.InRange(given / 1000.0, 0.25, 0.35);
    }
}
