using EmrCat.Banks;
using EmrCat.IO;
using EmrCat.Irt;
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
        Assert.Equal("2.1.0", Bank.Metadata.Version);
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
    public void SingleAnswerItems_HaveFourOptionsOneKeyAndARationale()
    {
        Assert.All(Bank.Items.Where(i => i.Type == ItemType.Single), item =>
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
    public void TechnologyEnhancedItems_ScorePartialCreditWithPolytomousParameters()
    {
        var te = Bank.Items.Where(i => i.Type != ItemType.Single).ToList();
        Assert.True(te.Count >= 60, $"only {te.Count} select-all and ordering items");
        Assert.InRange(te.Count(i => i.Type == ItemType.Multiple), 0.4 * te.Count, 0.6 * te.Count);
        Assert.All(te, item =>
        {
            Assert.Contains(item.Parameters.Model, new[] { IrtModel.GeneralizedPartialCredit, IrtModel.GradedResponse });
            Assert.InRange(item.Parameters.A, 0.6, 1.6);
            if (item.Type == ItemType.Multiple)
            {
                Assert.Equal(ScoringRule.RightMinusWrong, item.Scoring);
                Assert.InRange(item.Options.Count, 5, 6);
                Assert.InRange(item.Key.Count, 2, 4);
                Assert.Equal(item.Key.Count, item.MaxCategory);
            }
            else
            {
                Assert.Equal(ScoringRule.AdjacentPairs, item.Scoring);
                Assert.InRange(item.Options.Count, 4, 5);
                Assert.Equal(item.Options.Count - 1, item.MaxCategory);
                Assert.True(item.HasTag(ItemTags.Sequence), item.Id);
                Assert.False(item.Key.SequenceEqual(item.Options.Select(o => o.Id)), $"{item.Id} shows its steps in key order");
            }

            // Every category can be earned, and only the key earns the top one.
            for (int c = 0; c <= item.MaxCategory; c++) Assert.Equal(c, item.Score(item.AnswerFor(c)));
            Assert.True(item.Rationale.Length > 150, item.Id);
            Assert.Contains("pending EMS-instructor", item.Review!.ReviewerRole, StringComparison.Ordinal);
        });

        // Spread over the domains as the blueprint spreads scored items, with both item types in every domain.
        var scored = te.Where(i => i.Status == ItemStatus.Scored).ToList();
        foreach (var domain in Bank.Blueprint.Domains)
        {
            Assert.InRange(scored.Count(i => i.Domain == domain.Id) / (double)scored.Count, domain.MinShare, domain.MaxShare);
            Assert.Contains(te, i => i.Domain == domain.Id && i.Type == ItemType.Multiple);
            Assert.Contains(te, i => i.Domain == domain.Id && i.Type == ItemType.Ordered);
        }

        Assert.InRange(te.Count(i => i.Status == ItemStatus.Pilot), 1, te.Count / 5);

        // Ordering items where the sequence is the point.
        foreach (string topic in new[] { "primary-assessment", "cpr", "aed-use", "scene-size-up", "start-triage", "bleeding-control" })
        {
            Assert.Contains(te, i => i.Type == ItemType.Ordered && i.Topic == topic);
        }
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
                session.Submit(item.ItemId, bankItem.AnswerFor(right ? bankItem.MaxCategory : 0));
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
