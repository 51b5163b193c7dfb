using EmrCat.Banks;
using EmrCat.IO;
using EmrCat.Sessions;
using EmrCat.Stopping;
using EmrCat.Testing;
using EmrCat.Tests.Fixtures;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmrCat.Tests.Banks;

/// <summary>The bank candidates actually use: item-bank/emr-practice.json.</summary>
public class BundledBankTests
{
    private static readonly Lazy<ItemBank> Lazy = new(() => ItemBankJson.Load(Path.Combine(FixturePaths.Repository, "item-bank", "emr-practice.json")));

    private static ItemBank Bank => Lazy.Value;

    [Fact]
    public void Load_ValidatesUnderTheEmrPreset()
    {
        Assert.Equal("emr-practice", Bank.Metadata.Id);
        Assert.Equal(CalibrationStatus.Provisional, Bank.Metadata.Calibration);
        Assert.True(Bank.Items.Count(i => i.Status == ItemStatus.Scored) >= 720);
        Assert.True(Bank.Items.Count(i => i.Status == ItemStatus.Pilot) >= 80);
        Assert.Equal("2.0.0", Bank.Metadata.Version);
    }

    [Fact]
    public void Counts_FitTheBlueprintByItemCount()
    {
        foreach (var domain in Bank.Blueprint.Domains)
        {
            foreach (var status in new[] { ItemStatus.Scored, (ItemStatus?)null })
            {
                var pool = Bank.Items.Where(i => status is null || i.Status == status).ToList();
                double share = pool.Count(i => i.Domain == domain.Id) / (double)pool.Count;
                Assert.InRange(share, domain.MinShare, domain.MaxShare);
            }
        }
    }

    [Fact]
    public void Items_HaveFourOptionsOneKeyAndARationale()
    {
        Assert.All(Bank.Items, item =>
        {
            Assert.Equal(4, item.Options.Count);
            Assert.Single(item.Key);
            Assert.Contains(item.Options, o => o.Id == item.Key[0]);
            Assert.True(item.Rationale.Length > 40, item.Id);
            Assert.InRange(item.Parameters.A, 0.6, 2.0);
            Assert.InRange(item.Parameters.C, 0.1, 0.3);
        });
        Assert.Equal(Bank.Items.Count, Bank.Items.Select(i => i.Stem).Distinct().Count());
    }

    [Fact]
    public void Coverage_IncludesScopeSequencePediatricReadingAndTriage()
    {
        foreach (var tag in new[] { "scope", "sequence", "pediatric", "reading", "triage" })
        {
            Assert.True(Bank.Items.Count(i => i.HasTag(tag)) >= 5, tag);
        }
    }

    [Fact]
    public void EmrSession_CanReachItsMaximumWithoutExhaustingAnyDomain()
    {
        // An examinee exactly at the cut answering alternately right and wrong never gets a confident decision.
        var options = CatOptions.Emr with { ConfidenceStop = false };
        for (ulong seed = 1; seed <= 5; seed++)
        {
            var session = CatSession.Start(Bank, options, seed);
            int k = 0;
            while (!session.IsFinished)
            {
                var item = session.Current;
                Bank.TryGetIndex(item.ItemId, out int index);
                var bankItem = Bank.Items[index];
                bool right = k++ % 2 == 0;
                session.Submit(item.ItemId, right ? bankItem.Key[0] : bankItem.Options.First(o => o.Id != bankItem.Key[0]).Id);
            }

            var result = session.Result;
            Assert.Equal(StopReason.MaximumItems, result.Reason);
            Assert.Equal(80, result.ScoredCount);
            Assert.Equal(30, result.PilotCount);
            foreach (var d in result.Domains)
            {
                Assert.InRange(d.Given, Math.Floor(d.MinShare * 80) - 1, Math.Ceiling(d.MaxShare * 80) + 1);
            }
        }
    }

    [Property(MaxTest = 20)]
    public Property PilotAnswersNeverChangeTheScore() => EmrCatProperties.PilotAnswersNeverChangeTheScore(Bank, CatOptions.Emr);

    [Property(MaxTest = 20)]
    public Property PassIffThetaAtLeastCut() => EmrCatProperties.PassIffThetaAtLeastCut(Bank, CatOptions.Emr);

    [Property(MaxTest = 20)]
    public Property NoRepeatsAndNoEnemies() => EmrCatProperties.NoRepeatsAndNoEnemies(Bank, CatOptions.Emr);

    [Fact]
    public void Scale_IsMonotoneWith950AtTheCut() =>
        Check.QuickThrowOnFailure(EmrCatProperties.ScaledScoreIsMonotoneWith950AtTheCut(Bank.Scale));
}
