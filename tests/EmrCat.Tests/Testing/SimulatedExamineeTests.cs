using EmrCat.Banks;
using EmrCat.Irt;
using EmrCat.Scoring;
using EmrCat.Sessions;
using EmrCat.Stopping;
using EmrCat.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EmrCat.Tests.Testing;

public class SimulatedExamineeTests
{
    private static readonly ItemBank Bank = TestBanks.Emr;

    [Fact]
    public void Take_TheSameExamineeTwice_GivesTheSameSession()
    {
        var examinee = new SimulatedExaminee(12345678901234UL, 0.3);
        var first = examinee.Take(Bank, CatOptions.Emr);
        var second = examinee.Take(Bank, CatOptions.Emr);
        Assert.Equal(first.Session.Snapshot().ToJson(), second.Session.Snapshot().ToJson());
        Assert.Equal(first.Result.Theta, second.Result.Theta);
    }

    [Fact]
    public void Take_RunsTheSessionToItsEndWithTheExamineesSeed()
    {
        var run = new SimulatedExaminee(99, -0.5).Take(Bank, CatOptions.Quick);
        Assert.True(run.Session.IsFinished);
        Assert.Equal(99UL, run.Session.Seed);
        Assert.Equal(CatOptions.Quick.PilotItems, run.Result.PilotCount);
        Assert.NotEqual(StopReason.TimeLimit, run.Result.Reason);
    }

    [Fact]
    public void Take_StrongAndWeakExaminees_PassAndFail()
    {
        Assert.Equal(PassFailDecision.Pass, new SimulatedExaminee(1, 2.5).Take(Bank, CatOptions.Emr).Result.Decision);
        Assert.Equal(PassFailDecision.Fail, new SimulatedExaminee(1, -2.5).Take(Bank, CatOptions.Emr).Result.Decision);
    }

    [Fact]
    public void Take_AnswersRightAboutAsOftenAsPTheta()
    {
        // Over many W1 sessions (30 scored items each), the share of right answers is the mean of P(θ) over the items given.
        double expected = 0, right = 0, count = 0;
        for (ulong seed = 1; seed <= 40; seed++)
        {
            var result = new SimulatedExaminee(seed, 0.7).Take(Bank, CatOptions.W1).Result;
            foreach (var item in result.Items)
            {
                Bank.TryGetIndex(item.ItemId, out int index);
                expected += ItemResponseFunctions.Probability(Bank.Items[index].Parameters, 0.7);
                right += item.Correct ? 1 : 0;
                count++;
            }
        }

        Assert.InRange(right / count - expected / count, -0.05, 0.05);
    }

    [Fact]
    public void AnswerToEnd_FinishesASessionFromTheFactory()
    {
        using var provider = new ServiceCollection().AddEmrCat(o => { o.Bank = Bank; o.Session = CatOptions.Quick; }).BuildServiceProvider();
        var session = provider.GetRequiredService<ICatSessionFactory>().Start(7);
        var returned = new SimulatedExaminee(7, 0.1).AnswerToEnd(session);
        Assert.Same(session, returned);
        Assert.True(session.IsFinished);
        Assert.InRange(session.Result.ScoredCount, CatOptions.Quick.MinScoredItems, CatOptions.Quick.MaxScoredItems);
    }

    [Fact]
    public void Take_AnswersMultipleAndOrderedItemsRightAndWrong()
    {
        // A bank of select-all and ordering items: the examinee must be able to give both a right and a wrong answer.
        ItemOption[] options = [new("A", "a"), new("B", "b"), new("C", "c")];
        var items = Enumerable.Range(0, 30).Select(i => new BankItem
        {
            Id = $"I{i:D2}",
            Domain = "all",
            Type = i % 3 == 0 ? ItemType.Ordered : ItemType.Multiple,
            Stem = "?",
            Options = options,
            Key = (i % 3) switch { 0 => ["C", "A", "B"], 1 => ["A", "B"], _ => ["A", "B", "C"] },
            Parameters = new ItemParameters(1.2, -2 + 0.15 * i),
        });
        var bank = ItemBank.Create(new BankMetadata("mixed", "Mixed", "1", "en", CalibrationStatus.Provisional), ReportingScale.Emr, Blueprint.None, items);
        var options20 = CatOptions.W1 with { MinScoredItems = 20, MaxScoredItems = 20, FixedLength = 20 };
        var result = new SimulatedExaminee(3, 0).Take(bank, options20).Result;
        Assert.Equal(20, result.ScoredCount);
        Assert.Contains(result.Items, i => i.Correct);
        Assert.Contains(result.Items, i => !i.Correct);
    }

    [Fact]
    public void Take_NonFiniteTheta_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new SimulatedExaminee(1, double.NaN).Take(Bank, CatOptions.Quick));

    [Fact]
    public void ToString_NamesSeedAndTheta() =>
        Assert.Equal("examinee (seed 42, true θ -1.25)", new SimulatedExaminee(42, -1.25).ToString());
}
