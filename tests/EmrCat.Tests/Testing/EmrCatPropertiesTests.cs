using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.Irt;
using EmrCat.Scoring;
using EmrCat.Sessions;
using EmrCat.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace EmrCat.Tests.Testing;

/// <summary>Every ready-made property holds on the EMR-like test bank, and the scale and estimator ones catch a broken input.</summary>
public class EmrCatPropertiesTests
{
    private static readonly ItemBank Bank = TestBanks.Emr;

    public static TheoryData<string> Presets => ["Emr", "Quick", "W1"];

    private static CatOptions Preset(string name) => name switch
    {
        "Emr" => CatOptions.Emr,
        "Quick" => CatOptions.Quick,
        _ => CatOptions.W1,
    };

    private static void Holds(Property property, int maxTest = 100) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithQuietOnSuccess(true), property);

    [Fact]
    public void ScaledScoreIsMonotoneWith950AtTheCut_HoldsForTheEmrScaleAndTheTestBanksScale()
    {
        Holds(EmrCatProperties.ScaledScoreIsMonotoneWith950AtTheCut(ReportingScale.Emr), 500);
        Holds(EmrCatProperties.ScaledScoreIsMonotoneWith950AtTheCut(Bank.Scale), 200);
    }

    [Fact]
    public void ScaledScoreIsMonotoneWith950AtTheCut_HoldsForAShiftedCutAndSteeperSlope() =>
        Holds(EmrCatProperties.ScaledScoreIsMonotoneWith950AtTheCut(ReportingScale.Emr with { CutTheta = -0.37, PointsPerLogit = 173.3 }), 500);

    [Fact]
    public void ScaledScoreIsMonotoneWith950AtTheCut_FailsForAnotherPassingScore()
    {
        var ex = Assert.ThrowsAny<Exception>(() => Holds(EmrCatProperties.ScaledScoreIsMonotoneWith950AtTheCut(ReportingScale.Emr with { PassingScore = 900 })));
        Assert.Contains("not 950", ex.Message);
    }

    [Fact]
    public void ScaledScoreIsMonotoneWith950AtTheCut_FailsForAnInvalidScale()
    {
        var ex = Assert.ThrowsAny<Exception>(() => Holds(EmrCatProperties.ScaledScoreIsMonotoneWith950AtTheCut(ReportingScale.Emr with { PointsPerLogit = -100 })));
        Assert.Contains("PointsPerLogit", ex.Message);
    }

    [Fact]
    public void ResponseModelIsCoherent_HoldsForGeneratedItemsAndForAMixedBank()
    {
        Holds(EmrCatProperties.ResponseModelIsCoherent(), 500);
        Holds(EmrCatProperties.ResponseModelIsCoherent(EmrCat.Tests.Simulation.MixedBankSimulationTests.MixedBank(60, 0)), 300);
    }

    [Fact]
    public void EapPosteriorMeanIsWithinRange_HoldsForTheDefaultsAndANarrowGrid()
    {
        Holds(EmrCatProperties.EapPosteriorMeanIsWithinRange(), 100);
        Holds(EmrCatProperties.EapPosteriorMeanIsWithinRange(new EapOptions { Range = new ThetaRange(-1, 1.5), QuadraturePoints = 41, PriorMean = 3 }), 100);
    }

    [Fact]
    public void ScoringRulesAreConsistent_HoldsForGeneratedSelectAllAndOrderingItems() =>
        Holds(EmrCatProperties.ScoringRulesAreConsistent(), 500);

    [Fact]
    public void TechnologyEnhancedItem_FitsItsScoringRule_InAValidBank()
    {
        var items = Gen.Sample(EmrCatGen.TechnologyEnhancedItem, 50).Select((item, i) => item with { Id = $"TE-{i}" }).ToArray();

        var bank = ItemBank.Create(new BankMetadata("te", "te", "1", "en-US", CalibrationStatus.Provisional), ReportingScale.Emr, Blueprint.None, items);

        Assert.Contains(bank.Items, i => i.Type == ItemType.Ordered);
        Assert.Contains(bank.Items, i => i.Type == ItemType.Multiple && i.MaxCategory > 1);
        Assert.All(bank.Items, i => Assert.True(i.Parameters.IsPolytomous));
    }

    [Theory]
    [InlineData(EstimatorKind.MaximumAPosteriori)]
    [InlineData(EstimatorKind.ExpectedAPosteriori)]
    public void MixedPatternEstimatesAreFiniteAndMonotone_HoldsForEapAndMap(EstimatorKind kind) =>
        Holds(EmrCatProperties.MixedPatternEstimatesAreFiniteAndMonotone(AbilityEstimators.Create(kind)), 60);

    [Theory]
    [InlineData(EstimatorKind.MaximumLikelihood)]
    [InlineData(EstimatorKind.MaximumAPosteriori)]
    [InlineData(EstimatorKind.ExpectedAPosteriori)]
    [InlineData(EstimatorKind.WeightedLikelihood)]
    public void EstimatesAreFinite_HoldsForEveryEstimator(EstimatorKind kind) =>
        Holds(EmrCatProperties.EstimatesAreFinite(AbilityEstimators.Create(kind)), 150);

    [Fact]
    public void EstimatesAreFinite_FailsForAnEstimatorThatReturnsNaN()
    {
        var ex = Assert.ThrowsAny<Exception>(() => Holds(EmrCatProperties.EstimatesAreFinite(new NaNWhenAllRight())));
        Assert.Contains("θ̂ is NaN", ex.Message);
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void PilotAnswersNeverChangeTheScore_HoldsOnTheTestBank(string preset) =>
        Holds(EmrCatProperties.PilotAnswersNeverChangeTheScore(Bank, Preset(preset)), 60);

    [Theory]
    [MemberData(nameof(Presets))]
    public void PassIffThetaAtLeastCut_HoldsOnTheTestBank(string preset) =>
        Holds(EmrCatProperties.PassIffThetaAtLeastCut(Bank, Preset(preset)));

    [Fact]
    public void PassIffThetaAtLeastCut_HoldsWhenIncompleteSessionsFail() =>
        Holds(EmrCatProperties.PassIffThetaAtLeastCut(EnemyBank, CatOptions.Quick with { IncompleteOutcome = IncompleteOutcome.Fail, MinScoredItems = 40, MaxScoredItems = 50 }), 30);

    [Theory]
    [MemberData(nameof(Presets))]
    public void NoRepeatsAndNoEnemies_HoldsOnTheTestBank(string preset) =>
        Holds(EmrCatProperties.NoRepeatsAndNoEnemies(Bank, Preset(preset)));

    [Fact]
    public void NoRepeatsAndNoEnemies_HoldsOnABankFullOfEnemies() =>
        Holds(EmrCatProperties.NoRepeatsAndNoEnemies(EnemyBank, CatOptions.Quick), 50);

    [Fact]
    public void SessionProperties_HoldOnGeneratedBanks()
    {
        var banks = EmrCatGen.Bank(scoredItems: 60, pilotItems: 8, enemyGroups: 10).Sample(6, 50);
        foreach (var bank in banks)
        {
            Holds(EmrCatProperties.PilotAnswersNeverChangeTheScore(bank, CatOptions.Quick), 10);
            Holds(EmrCatProperties.PassIffThetaAtLeastCut(bank, CatOptions.Quick), 10);
            Holds(EmrCatProperties.NoRepeatsAndNoEnemies(bank, CatOptions.Quick), 10);
        }
    }

    [Fact]
    public void SessionProperties_TooFewPilotItems_ThrowWhenBuilt()
    {
        var options = CatOptions.Emr with { PilotItems = 41 };
        Assert.Throws<ArgumentException>(() => EmrCatProperties.PilotAnswersNeverChangeTheScore(Bank, options));
        Assert.Throws<ArgumentException>(() => EmrCatProperties.PassIffThetaAtLeastCut(Bank, options));
        Assert.Throws<ArgumentException>(() => EmrCatProperties.NoRepeatsAndNoEnemies(Bank, options));
    }

    [Fact]
    public void SessionProperties_InvalidOptions_ThrowWhenBuilt() =>
        Assert.Throws<ArgumentException>(() => EmrCatProperties.PassIffThetaAtLeastCut(Bank, CatOptions.Quick with { MinScoredItems = 30 }));

    /// <summary>A bank too small for the minimum: sessions run out of items and end incomplete.</summary>

    /// <summary>Every scored item is in one of a few large enemy groups, so most of the bank is shut out after a few items.</summary>
    private static ItemBank EnemyBank
    {
        get
        {
            var bank = TestBanks.Build(seed: 5, scoredPerDomain: [12, 20, 4, 12, 8], pilotsPerDomain: [2, 2, 1, 2, 1], enemyPairs: 0);
            var groups = Enumerable.Range(1, 8).Select(g => new EnemyGroup($"G{g}", "big")).ToArray();
            var items = bank.Items.Select((item, i) => item.Status == ItemStatus.Scored && i % 3 != 0 ? item with { EnemyGroups = [$"G{i % 8 + 1}"] } : item);
            return ItemBank.Create(bank.Metadata, bank.Scale, bank.Blueprint, items, groups);
        }
    }

    private sealed class NaNWhenAllRight : IAbilityEstimator
    {
        private readonly EapEstimator _inner = new();

        public AbilityEstimate Estimate(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<bool> correct) =>
            items.Length > 0 && !correct.Contains(false) ? new AbilityEstimate(double.NaN, 1, EstimateStatus.Converged) : _inner.Estimate(items, correct);
    }
}
