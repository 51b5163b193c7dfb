using EmrCat.Banks;
using EmrCat.Irt;
using EmrCat.Sessions;

namespace EmrCat.Tests.Sessions;

/// <summary>Answers a session like a simulated examinee: right with probability P(θ), from a seeded generator.</summary>
internal static class SessionDriver
{
    public static void Run(CatSession session, double trueTheta, int seed, Func<BankItem, bool?>? overrideAnswer = null, int? stopAfter = null)
    {
        var random = new Random(seed);
        while (!session.IsFinished && (stopAfter is null || session.AnsweredCount < stopAfter))
        {
            var item = session.Current;
            session.Bank.TryGetIndex(item.ItemId, out int index);
            var bankItem = session.Bank.Items[index];
            double draw = random.NextDouble();
            bool right = overrideAnswer?.Invoke(bankItem) ?? draw < ItemResponseFunctions.Probability(bankItem.Parameters, trueTheta);
            session.Submit(item.ItemId, right ? bankItem.Key[0] : bankItem.Options.First(o => o.Id != bankItem.Key[0]).Id);
        }
    }
}
