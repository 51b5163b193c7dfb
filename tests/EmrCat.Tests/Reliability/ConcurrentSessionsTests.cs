using EmrCat.Banks;
using EmrCat.Internal;
using EmrCat.Irt;
using EmrCat.Sessions;
using EmrCat.Simulation;

namespace EmrCat.Tests.Reliability;

/// <summary>
/// One bank shared by 10,000 sessions that are all open at once and advanced in interleaved steps on the thread
/// pool: every result equals the result of the same seed run alone, one after another.
/// </summary>
public class ConcurrentSessionsTests
{
    private const int Sessions = 10_000;

    [Fact]
    public async Task TenThousandSessionsOnOneBank_Interleaved_GiveTheResultsOfTheSameSeedsOneByOne()
    {
        // A fresh bank, so its lazily built parts (fingerprint) are first touched by the concurrent sessions too.
        var bank = TestBanks.Build(seed: 7, scoredPerDomain: [76, 140, 22, 79, 43], pilotsPerDomain: [8, 16, 2, 9, 5], enemyPairs: 12);

        var concurrent = await Task.WhenAll(Enumerable.Range(0, Sessions).Select(i => Task.Run(() => RunInterleaved(bank, i))));

        int checkedCount = 0;
        for (int i = 0; i < Sessions; i++)
        {
            string alone = SessionJson.Serialize(Run(bank, i));
            Assert.True(alone == concurrent[i], $"Session {i} differs when run among the others.");
            checkedCount++;
        }

        Assert.Equal(Sessions, checkedCount);
        Assert.True(concurrent.Distinct().Count() > Sessions / 2, "The seeds should give mostly different sessions.");
    }

    /// <summary>One simulated examinee, yielding the thread after every answer so that thousands of sessions interleave.</summary>
    private static async Task<string> RunInterleaved(ItemBank bank, int examinee)
    {
        var (session, answer) = Begin(bank, examinee);
        while (!session.IsFinished)
        {
            answer(session);
            if (session.AnsweredCount == examinee % 7) _ = session.Snapshot().ToJson(); // the bank's fingerprint, from many threads
            await Task.Yield();
        }

        return SessionJson.Serialize(session.Result);
    }

    private static SessionResult Run(ItemBank bank, int examinee)
    {
        var (session, answer) = Begin(bank, examinee);
        while (!session.IsFinished) answer(session);
        return session.Result;
    }

    /// <summary>A session with a distinct seed and a simulated examinee with its own θ and random answers (from the same seed).</summary>
    private static (CatSession Session, Action<CatSession> Answer) Begin(ItemBank bank, int examinee)
    {
        ulong seed = Simulator.ExamineeSeed(20_251_124, examinee);
        var random = new Random((int)(seed % int.MaxValue));
        double theta = -2.5 + 5 * random.NextDouble();
        var session = CatSession.Start(bank, CatOptions.Quick, seed, FrozenTimeProvider.Instance);
        return (session, s =>
        {
            var item = s.Current;
            bank.TryGetIndex(item.ItemId, out int index);
            var bankItem = bank.Items[index];
            bool right = random.NextDouble() < ItemResponseFunctions.Probability(bankItem.Parameters, theta);
            s.Submit(item.ItemId, right ? bankItem.Key[0] : bankItem.Options.First(o => o.Id != bankItem.Key[0]).Id);
        });
    }
}
