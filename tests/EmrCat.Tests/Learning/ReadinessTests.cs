using EmrCat.Learning;
using EmrCat.Sessions;
using EmrCat.Tests.Sessions;

namespace EmrCat.Tests.Learning;

public sealed class ReadinessTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static LearnerRun Run(int day, double chance, double se = 0.3, RunKind kind = RunKind.Practice) =>
        new(kind, Day0.AddDays(day), [], 0, se, chance, [], []);

    [Fact]
    public void The_rule_gives_each_verdict_with_its_numbers()
    {
        Assert.Equal(ReadinessVerdict.TooLittleEvidence, Readiness.Assess(LearnerProfile.Empty).Verdict);
        Assert.Equal(ReadinessVerdict.TooLittleEvidence, Readiness.Assess(new LearnerProfile([Run(0, 0.99)])).Verdict);
        Assert.Equal(ReadinessVerdict.TooLittleEvidence, Readiness.Assess(new LearnerProfile([Run(0, 0.99), Run(1, 0.99, se: 0.8)])).Verdict);

        var likely = Readiness.Assess(new LearnerProfile([Run(0, 0.1), Run(1, 0.85), Run(2, 0.92)]));
        Assert.Equal(ReadinessVerdict.LikelyToPass, likely.Verdict);
        Assert.Equal(0.85, likely.LowestChance);
        Assert.Equal(2, likely.RunsConsidered.Count);

        var notYet = Readiness.Assess(new LearnerProfile([Run(0, 0.95), Run(1, 0.6)]));
        Assert.Equal(ReadinessVerdict.NotYet, notYet.Verdict);
        Assert.Contains("60%", notYet.Reason);

        // Drills never count as evidence.
        Assert.Equal(ReadinessVerdict.NotYet, Readiness.Assess(new LearnerProfile([Run(0, 0.95), Run(1, 0.6), Run(2, 0.99, kind: RunKind.Drill), Run(3, 0.99, kind: RunKind.Drill)])).Verdict);
    }

    [Fact]
    public void The_figures_are_those_of_the_simulated_runs()
    {
        var bank = TestBanks.Emr;
        var profile = LearnerProfile.Empty;
        var results = new List<SessionResult>();
        for (int r = 0; r < 3; r++)
        {
            var session = CatSession.Start(bank, profile.Prepare(CatOptions.Emr, bank, RecencyWindow.Default, Day0.AddDays(r), false), (ulong)(300 + r));
            SessionDriver.Run(session, 1.5, 300 + r);
            var result = session.Result;
            results.Add(result);
            profile = profile.With(new LearnerRun(RunKind.Practice, Day0.AddDays(r), result.Items.Select(i => i.ItemId), result.Theta, result.StandardError, result.PassProbability, [], []));
        }

        var assessment = Readiness.Assess(profile);
        Assert.Equal(results.Skip(1).Min(r => r.PassProbability), assessment.LowestChance);
        Assert.Equal(results[^1].StandardError, assessment.LatestStandardError);
        var expected = results.Skip(1).All(r => r.PassProbability >= Readiness.LikelyChance) ? ReadinessVerdict.LikelyToPass : ReadinessVerdict.NotYet;
        Assert.Equal(expected, assessment.Verdict);
        Assert.Equal(ReadinessVerdict.LikelyToPass, assessment.Verdict); // θ = 1.5 is far above the cut
    }
}
