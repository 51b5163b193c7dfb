using EmrCat.Banks;
using EmrCat.Sessions;
using EmrCat.Stopping;
using Microsoft.Extensions.Time.Testing;

namespace EmrCat.Tests.Sessions;

/// <summary><see cref="CatSession.Submit(string, IReadOnlyList{string})"/> says what it did, so a host never compares counts.</summary>
public class SubmitOutcomeTests
{
    private static readonly ItemBank Bank = TestBanks.Emr;

    [Fact]
    public void Submit_UntilTheEnd_ContinuesThenEndsWithTheResultsReason()
    {
        var session = CatSession.Start(Bank, CatOptions.Quick, seed: 31);
        var outcomes = new List<SubmitOutcome>();
        while (!session.IsFinished)
        {
            var item = Bank.Items.Single(i => i.Id == session.Current.ItemId);
            outcomes.Add(session.Submit(item.Id, item.Key[0]));
        }

        Assert.All(outcomes[..^1], o => Assert.Equal(new SubmitOutcome(AnswerStatus.Continuing, null), o));
        Assert.All(outcomes[..^1], o => Assert.True(o.Accepted && !o.IsFinished));
        var last = outcomes[^1];
        Assert.Equal(AnswerStatus.Ended, last.Status);
        Assert.Equal(session.Result.Reason, last.Reason);
        Assert.True(last.Accepted && last.IsFinished);
        Assert.Equal(outcomes.Count, session.AnsweredCount);
    }

    [Fact]
    public void Submit_AfterTheTimeLimit_IsNotAcceptedAndEndsByTime()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var session = CatSession.Start(Bank, CatOptions.Quick, 32, clock);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(AnswerStatus.Continuing, session.Submit(session.Current.ItemId, "A").Status);

        clock.Advance(TimeSpan.FromMinutes(25));
        var late = session.Submit(session.Current.ItemId, "A");

        Assert.Equal(new SubmitOutcome(AnswerStatus.TimeExpired, StopReason.TimeLimit), late);
        Assert.False(late.Accepted);
        Assert.True(late.IsFinished);
        Assert.Equal(1, session.AnsweredCount);
        Assert.Equal(StopReason.TimeLimit, session.Result.Reason);
    }
}
