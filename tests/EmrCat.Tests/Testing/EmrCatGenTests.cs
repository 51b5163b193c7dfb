using EmrCat.Banks;
using EmrCat.Sessions;
using EmrCat.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmrCat.Tests.Testing;

public class EmrCatGenTests
{
    [Property(MaxTest = 300)]
    public Property ValidBlueprint_SharesCanReach100PercentAndEveryRangeIsOrdered() =>
        Prop.ForAll(EmrCatGen.ValidBlueprint.ToArbitrary(), blueprint =>
            blueprint.Domains.Count is >= 1 and <= 6
            && blueprint.CanReachOneHundredPercent
            && blueprint.Domains.All(d => d.MinShare >= 0 && d.MinShare <= d.MaxShare && d.MaxShare <= 1)
            && blueprint.Domains.Select(d => d.Id).Distinct().Count() == blueprint.Domains.Count);

    [Property(MaxTest = 40)]
    public Property Bank_HasTheAskedCountsEnemyGroupsAndScoredItemsInEveryDomain() =>
        Prop.ForAll(EmrCatGen.Bank(scoredItems: 50, pilotItems: 7, enemyGroups: 5).ToArbitrary(), bank =>
            bank.Items.Count(i => i.Status == ItemStatus.Scored) == 50
            && bank.Items.Count(i => i.Status == ItemStatus.Pilot) == 7
            && bank.EnemyGroups.Count == 5
            && bank.EnemyGroups.All(g => bank.Items.Count(i => i.EnemyGroups.Contains(g.Id)) is 2 or 3)
            && bank.Blueprint.Domains.All(d => bank.Items.Any(i => i.Domain == d.Id && i.Status == ItemStatus.Scored))
            && BankValidator.Validate(bank.Scale, bank.Blueprint, bank.Items, bank.EnemyGroups).Count == 0);

    [Fact]
    public void Bank_DrawsBothTheEmrBlueprintAndRandomOnes()
    {
        var banks = EmrCatGen.Bank(scoredItems: 20, pilotItems: 0, enemyGroups: 0).Sample(40, 10);
        Assert.Contains(banks, b => b.Blueprint == Blueprint.Emr2025);
        Assert.Contains(banks, b => b.Blueprint != Blueprint.Emr2025);
        Assert.All(banks, b => Assert.Empty(b.EnemyGroups));
    }

    [Fact]
    public void EmrBank_SpreadsScoredItemsByTheEmrTargetShares()
    {
        var bank = EmrCatGen.EmrBank(scoredItems: 200, pilotItems: 30, enemyGroups: 4).Sample(1, 10).Single();
        Assert.Equal(Blueprint.Emr2025, bank.Blueprint);
        foreach (var domain in Blueprint.Emr2025.Domains)
        {
            int scored = bank.Items.Count(i => i.Domain == domain.Id && i.Status == ItemStatus.Scored);
            Assert.InRange(scored / 200.0, domain.MinShare, domain.MaxShare);
        }
    }

    [Fact]
    public void EmrBank_ServesTheEmrPreset()
    {
        var bank = EmrCatGen.EmrBank().Sample(1, 10).Single();
        var session = CatSession.Start(bank, CatOptions.Emr, 1);
        Assert.False(session.IsFinished);
    }

    [Fact]
    public void Bank_WithAnEmptyBlueprint_PutsEveryItemInOneDomain()
    {
        var bank = EmrCatGen.Bank(Gen.Constant(Blueprint.None), 10, 2, 1).Sample(1, 10).Single();
        Assert.True(bank.Blueprint.IsEmpty);
        Assert.All(bank.Items, i => Assert.Equal("all", i.Domain));
    }

    [Fact]
    public void Bank_ImpossibleCounts_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EmrCatGen.Bank(scoredItems: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmrCatGen.Bank(pilotItems: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmrCatGen.Bank(scoredItems: 5, pilotItems: 1, enemyGroups: 3));
    }

    [Property(MaxTest = 200)]
    public Property ConstantPattern_IsAllRightOrAllWrong() =>
        Prop.ForAll(EmrCatGen.ConstantPattern(1, 30).ToArbitrary(), p =>
            p.Items.Length == p.Correct.Length && (p.Correct.All(x => x) || p.Correct.All(x => !x)));

    [Property(MaxTest = 300)]
    public Property Examinee_HasAFiniteThetaWithinSixOfTheCut() =>
        Prop.ForAll(EmrCatGen.Examinee(0.4).ToArbitrary(), e => double.IsFinite(e.TrueTheta) && Math.Abs(e.TrueTheta - 0.4) <= 6.4);

    [Fact]
    public void Seed_CoversTheHighBits() =>
        Assert.Contains(EmrCatGen.Seed.Sample(50, 10), s => s > uint.MaxValue);

    [Property(MaxTest = 20)]
    public Property Session_IsFinishedOnTheGivenBankAndOptions() =>
        Prop.ForAll(EmrCatGen.Session(TestBanks.Emr, CatOptions.Quick).ToArbitrary(), s =>
            s.Session.IsFinished && s.Session.Bank == TestBanks.Emr && s.Session.Options == CatOptions.Quick && s.Session.Seed == s.Examinee.Seed);

    [Fact]
    public void Session_TooFewPilotItems_ThrowsWhenBuilt() =>
        Assert.Throws<ArgumentException>(() => EmrCatGen.Session(TestBanks.Emr, CatOptions.Emr with { PilotItems = 41 }));
}
