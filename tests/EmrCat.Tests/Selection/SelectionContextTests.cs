using EmrCat.Banks;
using EmrCat.Selection;
using EmrCat.Sessions;

namespace EmrCat.Tests.Selection;

/// <summary>A custom selector can be built and tested on its own: a public context, and random draws that replay.</summary>
public class SelectionContextTests
{
    private static readonly ItemBank Bank = TestBanks.Emr;

    /// <summary>Picks a random eligible item with the context's own draws (a selector a user might write).</summary>
    private sealed class PickAnyEligible : IItemSelector
    {
        public bool TrySelect(in SelectionContext context, out int item)
        {
            int eligible = 0;
            for (int i = 0; i < context.Bank.Count; i++) if (context.IsEligible(i)) eligible++;
            item = -1;
            if (eligible == 0) return false;
            int target = context.Below(eligible);
            for (item = 0; item < context.Bank.Count; item++)
            {
                if (context.IsEligible(item) && target-- == 0) return true;
            }

            return false;
        }

        public int Pick(in SelectionContext context) => TrySelect(context, out int item) ? item : -1;
    }

    [Fact]
    public void PublicContext_IsForAnyDomain_AndItsDrawsArePureFunctionsOfSeedAndStep()
    {
        var available = Enumerable.Repeat(true, Bank.Count).ToArray();
        var a = new SelectionContext(Bank, 0.3, available, step: 4, seed: 99);

        Assert.Null(a.Domain);
        Assert.Equal(0, a.WithDomain(0).Domain);
        double first = a.Uniform();
        Assert.Equal(first, new SelectionContext(Bank, -1.0, available, step: 4, seed: 99).Uniform());
        Assert.NotEqual(first, new SelectionContext(Bank, 0.3, available, step: 5, seed: 99).Uniform());
        Assert.NotEqual(first, a.Uniform(draw: 1));
        Assert.InRange(a.Below(7), 0, 6);
        Assert.Equal(new PickAnyEligible().Pick(a), new PickAnyEligible().Pick(new SelectionContext(Bank, 0.3, available, step: 4, seed: 99)));
    }

    [Fact]
    public void PublicContext_WithAMaskOfTheWrongLength_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SelectionContext(Bank, 0, new bool[3], step: 0, seed: 1));
        Assert.Contains($"the bank has {Bank.Count} items", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SelectionContext(Bank, 0, new bool[Bank.Count], step: 0, seed: 1, domainCounts: new int[2]));
    }

    [Fact]
    public void CustomSelector_InASession_ReplaysFromTheSeedAcrossAResume()
    {
        var options = CatOptions.Quick with { PilotItems = 0 };
        var strategies = CatStrategies.For(Bank, options) with { Selector = new PickAnyEligible() };
        var first = CatSession.Start(Bank, options, 12, strategies);
        var second = CatSession.Start(Bank, options, 12, strategies);
        for (int k = 0; k < 5; k++)
        {
            Assert.Equal(first.Current.ItemId, second.Current.ItemId);
            first.Submit(first.Current.ItemId, "A");
            second.Submit(second.Current.ItemId, "A");
        }

        var resumed = CatSession.Resume(Bank, first.Snapshot(), strategies: strategies);
        Assert.Equal(first.Current.ItemId, resumed.Current.ItemId);
        Assert.NotEqual(first.Current.ItemId, CatSession.Start(Bank, options, 13, strategies).Current.ItemId);
    }
}
