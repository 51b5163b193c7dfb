using EmrCat.Banks;
using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;
using EmrCat.Estimation;
using EmrCat.Irt;
using EmrCat.Scoring;
using EmrCat.Sessions;
using EmrCat.Stopping;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.Distributions;

namespace EmrCat.Tests.Reporting;

public class ScoreReporterTests
{
    private static readonly ScoreReporter Reporter = new();

    private static AnsweredItem Item(string id, string domain, double b, bool correct, bool pilot = false, double a = 1.2) =>
        new(id, domain, new ItemParameters(a, b), correct, pilot);

    private static IEnumerable<AnsweredItem> Block(string prefix, string domain, int n, double b, Func<int, bool> correct) =>
        Enumerable.Range(0, n).Select(i => Item($"{prefix}{i}", domain, b + 0.1 * (i % 3), correct(i)));

    private static ScoreReportInput Input(IEnumerable<AnsweredItem> responses, double theta = -0.3, PassFailDecision decision = PassFailDecision.Fail) => new()
    {
        Decision = decision,
        Reason = StopReason.ConfidenceClassification,
        Theta = theta,
        StandardError = 0.25,
        Responses = [.. responses],
    };

    [Fact]
    public void Create_EmrScale_ReportsScaledScoreAgainst950()
    {
        var r = Reporter.Create(Input(Block("s", "primary", 6, 0, i => i % 2 == 0)));
        Assert.Equal(PassFailDecision.Fail, r.Decision);
        Assert.False(r.Passed);
        Assert.Equal(StopReason.ConfidenceClassification, r.Reason);
        Assert.Equal(-0.3, r.Theta);
        Assert.Equal(0.25, r.StandardError);
        Assert.Equal(920, r.ScaledScore, 9);
        Assert.Equal(920, r.ReportedScore);
        Assert.Equal((950.0, 100.0, 1500.0), (r.PassingScore, r.MinimumScore, r.MaximumScore));
    }

    [Fact]
    public void Create_CountsScoredRightAndPilotSeparately()
    {
        var responses = Block("s", "primary", 6, 0, i => i < 4).Append(Item("p1", "primary", 0, true, pilot: true)).Append(Item("p2", "scene", 0, false, pilot: true));
        var r = Reporter.Create(Input(responses));
        Assert.Equal((6, 4, 2), (r.ScoredCount, r.ScoredCorrect, r.PilotCount));
        var primary = r.Domains.Single(d => d.DomainId == "primary");
        Assert.Equal((4, 6), (primary.Correct, primary.Total));
    }

    [Fact]
    public void Create_EmrBlueprint_ListsEveryDomainInOrderWithDisplayNames()
    {
        var r = Reporter.Create(Input(Block("s", "treatment", 5, 0, _ => true)));
        Assert.Equal(["scene", "primary", "secondary", "treatment", "operations"], r.Domains.Select(d => d.DomainId));
        Assert.Equal(["Scene Size-up & Safety", "Primary Assessment", "Secondary Assessment", "Patient Treatment & Transport", "Operations"], r.Domains.Select(d => d.Name));
        Assert.Equal((0, 0, DomainLevel.InsufficientData), (r.Domains[0].Correct, r.Domains[0].Total, r.Domains[0].Level));
    }

    [Fact]
    public void Create_FourScoredItemsInADomain_SaysInsufficientDataWithoutAnEstimate()
    {
        var r = Reporter.Create(Input(Block("s", "scene", 4, -3, _ => true)));
        var scene = r.Domains[0];
        Assert.Equal(DomainLevel.InsufficientData, scene.Level);
        Assert.Equal((4, 4), (scene.Correct, scene.Total));
        Assert.Null(scene.Estimate);
        Assert.Null(scene.Lower);
        Assert.Null(scene.Upper);
    }

    [Fact]
    public void Create_PilotItemsDoNotCountTowardTheMinimum()
    {
        var responses = Block("s", "scene", 4, 0, _ => true).Concat(Block("p", "scene", 10, 0, _ => true).Select(p => p with { IsPilot = true }));
        Assert.Equal(DomainLevel.InsufficientData, Reporter.Create(Input(responses)).Domains[0].Level);
    }

    [Fact]
    public void Create_MostlyRightAtTheCut_Above()
    {
        var r = Reporter.Create(Input(Enumerable.Range(0, 20).Select(i => Item($"s{i}", "primary", 0, i >= 2))));
        var primary = r.Domains[1];
        Assert.Equal(DomainLevel.AbovePassingStandard, primary.Level);
        Assert.True(primary.Lower > 0);
        Assert.Equal((18, 20), (primary.Correct, primary.Total));
    }

    [Fact]
    public void Create_MostlyWrongAtTheCut_Below()
    {
        var r = Reporter.Create(Input(Enumerable.Range(0, 20).Select(i => Item($"s{i}", "operations", 0, i < 2))));
        var operations = r.Domains[4];
        Assert.Equal(DomainLevel.BelowPassingStandard, operations.Level);
        Assert.True(operations.Upper < 0);
    }

    [Fact]
    public void Create_AllRightOrAllWrong_EstimateIsFiniteInsideTheDefaultRange()
    {
        var r = Reporter.Create(Input(Block("s", "primary", 8, -1.5, _ => true).Concat(Block("t", "scene", 8, 1.5, _ => false))));
        foreach (var line in r.Domains.Take(2))
        {
            var e = line.Estimate!.Value;
            Assert.True(double.IsFinite(e.Theta) && e.Theta >= -4 && e.Theta <= 4);
            Assert.True(e.StandardError > 0);
        }
    }

    [Fact]
    public void Create_HalfRightAtTheCut_Near()
    {
        var r = Reporter.Create(Input(Enumerable.Range(0, 10).Select(i => Item($"s{i}", "scene", 0, i % 2 == 0))));
        var scene = r.Domains[0];
        Assert.Equal(DomainLevel.NearPassingStandard, scene.Level);
        Assert.True(scene.Lower < 0 && scene.Upper > 0);
    }

    [Fact]
    public void Create_EmptyBlueprint_DomainsOfScoredItemsInFirstSeenOrderNamedById()
    {
        var responses = Block("a", "beta", 5, 0, _ => true).Concat(Block("b", "alpha", 2, 0, _ => true)).Append(Item("p", "gamma", 0, true, pilot: true));
        var r = Reporter.Create(Input(responses) with { Blueprint = Blueprint.None });
        Assert.Equal(["beta", "alpha"], r.Domains.Select(d => d.DomainId));
        Assert.Equal(["beta", "alpha"], r.Domains.Select(d => d.Name));
    }

    [Fact]
    public void Create_PilotResponsesChanged_ReportIsUnchangedButForThePilotCount()
    {
        var scored = Block("s", "primary", 12, 0, i => i % 3 != 0).Concat(Block("t", "scene", 6, 0.5, i => i % 2 == 0)).ToList();
        var without = Reporter.Create(Input(scored));
        var pilots = new[]
        {
            Item("p1", "primary", -4, false, pilot: true, a: 3.5),
            Item("p2", "scene", 4, true, pilot: true, a: 3.5),
            Item("p3", "experimental", 0, true, pilot: true),
        };
        var with = Reporter.Create(Input(pilots.Concat(scored).Append(Item("p4", "primary", 3, true, pilot: true))));
        AssertSameButPilotCount(without, with);
        Assert.Equal(4, with.PilotCount);
    }

    [Fact]
    public void Create_UsesTheInjectedDomainEstimator()
    {
        var reporter = new ScoreReporter(new ScoreReportOptions { DomainEstimator = new FixedEstimator(new AbilityEstimate(1.0, 0.4, EstimateStatus.Converged)) });
        var r = reporter.Create(Input(Block("s", "primary", 5, 0, _ => false)));
        Assert.Equal(1.0, r.Domains[1].Estimate!.Value.Theta);
        Assert.Equal(DomainLevel.AbovePassingStandard, r.Domains[1].Level); // 1.0 − 1.96·0.4 = 0.216 > 0
    }

    [Fact]
    public void Create_CutFromTheScale_IsTheDomainCut()
    {
        var reporter = new ScoreReporter(new ScoreReportOptions { DomainEstimator = new FixedEstimator(new AbilityEstimate(1.0, 0.4, EstimateStatus.Converged)) });
        var input = Input(Block("s", "primary", 5, 0, _ => false), theta: 0.5) with { Scale = ReportingScale.Emr with { CutTheta = 0.8 } };
        Assert.Equal(DomainLevel.NearPassingStandard, reporter.Create(input).Domains[1].Level);
    }

    [Fact]
    public void Create_InfiniteDomainStandardError_Near()
    {
        var reporter = new ScoreReporter(new ScoreReportOptions { DomainEstimator = new FixedEstimator(new AbilityEstimate(3.0, double.PositiveInfinity, EstimateStatus.NoFiniteEstimate)) });
        var line = reporter.Create(Input(Block("s", "primary", 5, 0, _ => true))).Domains[1];
        Assert.Equal(DomainLevel.NearPassingStandard, line.Level);
        Assert.Equal(double.NegativeInfinity, line.Lower);
    }

    [Fact]
    public void Create_ScoredItemInAnUnknownDomain_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Reporter.Create(Input([Item("x1", "pharmacology", 0, true)])));
        Assert.Contains("Scored item 'x1' is in domain 'pharmacology', which the blueprint does not have.", ex.Message);
    }

    [Fact]
    public void Create_NullInput_Throws() => Assert.Throws<ArgumentNullException>(() => Reporter.Create((ScoreReportInput)null!));

    [Fact]
    public void CriticalValue_Default_Is1Point959964()
    {
        Assert.Equal(1.959964, Reporter.CriticalValue, 6);
        Assert.Equal(1.959964, Reporter.Create(Input([])).CriticalValue, 6);
        Assert.Equal(0.95, Reporter.Create(Input([])).Confidence);
    }

    [Fact]
    public void CriticalValue_Confidence90_Is1Point644854() =>
        Assert.Equal(1.644854, new ScoreReporter(new ScoreReportOptions { Confidence = 0.90 }).CriticalValue, 6);

    [Theory]
    [InlineData(0.5, 0.2, DomainLevel.AbovePassingStandard)]
    [InlineData(-0.5, 0.2, DomainLevel.BelowPassingStandard)]
    [InlineData(0.3, 0.2, DomainLevel.NearPassingStandard)]
    [InlineData(-0.3, 0.2, DomainLevel.NearPassingStandard)]
    [InlineData(0.0, 0.01, DomainLevel.NearPassingStandard)]
    public void Classify_IntervalRule(double theta, double se, DomainLevel expected) =>
        Assert.Equal(expected, Reporter.Classify(new AbilityEstimate(theta, se, EstimateStatus.Converged), 0.0));

    [Fact]
    public void Classify_LowerEndExactlyAtTheCut_IsNearNotAbove()
    {
        double se = 0.25, cut = 0.1;
        double theta = cut + Reporter.CriticalValue * se;
        var level = Reporter.Classify(new AbilityEstimate(theta, se, EstimateStatus.Converged), theta - Reporter.CriticalValue * se);
        Assert.Equal(DomainLevel.NearPassingStandard, level);
    }

    [Property(MaxTest = 150)]
    public Property Create_DomainLevels_AgreeWithTheIntervalRule() =>
        Prop.ForAll(ResponseGen.ScoredItems(0, 80).ToArbitrary(), items =>
        {
            var report = Reporter.Create(Input(items));
            var estimator = new MapEstimator(new MapOptions { Range = new ThetaRange(-4, 4) });
            return report.Domains.All(line =>
            {
                var mine = items.Where(i => i.Domain == line.DomainId).ToArray();
                if (mine.Length != line.Total || mine.Count(i => i.Correct) != line.Correct) return false;
                if (mine.Length < 5) return line.Level == DomainLevel.InsufficientData && line.Estimate is null;
                var e = estimator.Estimate(mine.Select(i => i.Parameters).ToArray(), mine.Select(i => i.Correct).ToArray());
                double z = Normal.InvCDF(0, 1, 0.975);
                double lower = e.Theta - z * e.StandardError, upper = e.Theta + z * e.StandardError;
                var expected = lower > 0 ? DomainLevel.AbovePassingStandard : upper < 0 ? DomainLevel.BelowPassingStandard : DomainLevel.NearPassingStandard;
                return line.Level == expected && double.IsFinite(line.Estimate!.Value.Theta);
            });
        });

    [Property(MaxTest = 150)]
    public Property Create_PilotResponses_NeverAffectTheReport() =>
        Prop.ForAll(
            (from scored in ResponseGen.ScoredItems(0, 60)
             from pilots in ResponseGen.PilotItems(1, 20)
             from seed in Gen.Choose(0, 1000)
             select (scored, pilots, seed)).ToArbitrary(),
            s =>
            {
                // Pilots are slipped in anywhere and the list is shuffled: neither may change anything but the pilot count.
                var mixed = s.scored.Concat(s.pilots).OrderBy(r => (r.ItemId.Length * 7919 + r.ItemId[^1] * 31 + s.seed) % 101).ToArray();
                var without = Reporter.Create(Input(s.scored));
                var with = Reporter.Create(Input(mixed));
                return with.PilotCount == s.pilots.Length && SameButPilotCount(without, with);
            });

    private static bool SameButPilotCount(ScoreReport a, ScoreReport b) =>
        a with { PilotCount = b.PilotCount, Domains = b.Domains } == b && a.Domains.SequenceEqual(b.Domains);

    private static void AssertSameButPilotCount(ScoreReport a, ScoreReport b)
    {
        Assert.Equal(a.Domains, b.Domains);
        Assert.Equal(a with { PilotCount = b.PilotCount, Domains = b.Domains }, b);
    }

    private sealed class FixedEstimator(AbilityEstimate estimate) : IAbilityEstimator
    {
        public AbilityEstimate Estimate(ReadOnlySpan<ItemParameters> items, ReadOnlySpan<bool> correct) => estimate;
    }
}
