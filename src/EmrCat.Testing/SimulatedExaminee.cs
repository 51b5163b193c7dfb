using System.Globalization;
using EmrCat.Banks;
using EmrCat.Irt;
using EmrCat.Sessions;
using EmrCat.Testing.Internal;
using Microsoft.Extensions.Time.Testing;

namespace EmrCat.Testing;

/// <summary>
/// A simulated examinee of known ability: answers each item right with probability P(<see cref="TrueTheta"/>) under
/// the bank's metric, drawing from a generator seeded by <see cref="Seed"/>. The same examinee on the same bank and
/// options takes exactly the same session, so every counterexample FsCheck reports can be replayed.
/// </summary>
/// <param name="Seed">Seeds both the session (pilot placement, randomesque, exposure) and the examinee's answers.</param>
/// <param name="TrueTheta">The examinee's true ability θ, finite.</param>
public sealed record SimulatedExaminee(ulong Seed, double TrueTheta)
{
    /// <summary>
    /// Starts a session on <paramref name="bank"/> with <paramref name="options"/> and this examinee's seed, on a clock
    /// that never moves (so the time limit never fires), and answers it to its end.
    /// </summary>
    /// <param name="bank">The bank.</param>
    /// <param name="options">The session options.</param>
    /// <returns>The finished session.</returns>
    /// <exception cref="ArgumentException">The options are invalid or the bank cannot serve them.</exception>
    public SimulatedSession Take(ItemBank bank, CatOptions options) => Take(bank, options, pilotAnswer: null);

    /// <summary>
    /// Answers an already started session to its end (for instance one from <see cref="ICatSessionFactory.Start"/>),
    /// right with probability P(<see cref="TrueTheta"/>) per item.
    /// </summary>
    /// <param name="session">The session; nothing happens when it has already ended.</param>
    /// <returns>The same session, now finished.</returns>
    public CatSession AnswerToEnd(CatSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Drive(session, pilotAnswer: null);
        return session;
    }

    /// <summary>
    /// Like <see cref="Take(ItemBank, CatOptions)"/>, but pilot items are answered by <paramref name="pilotAnswer"/>
    /// (given the pilot's 0-based order, the item and the answer P(θ) drew) instead. Scored answers draw exactly as without it.
    /// </summary>
    internal SimulatedSession Take(ItemBank bank, CatOptions options, Func<int, BankItem, bool, bool>? pilotAnswer)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(options);
        if (!double.IsFinite(TrueTheta)) throw new InvalidOperationException($"The true θ must be finite, but was {TrueTheta}.");
        var session = CatSession.Start(bank, options, Seed, new FakeTimeProvider());
        Drive(session, pilotAnswer);
        return new SimulatedSession(this, session);
    }

    private void Drive(CatSession session, Func<int, BankItem, bool, bool>? pilotAnswer)
    {
        var bank = session.Bank;
        var random = new Random(unchecked((int)(Seed ^ (Seed >> 32))));
        int pilots = 0;
        while (!session.IsFinished)
        {
            var presented = session.Current;
            bank.TryGetIndex(presented.ItemId, out int index);
            var item = bank.Items[index];

            // One draw per item, pilot or not, so overriding pilot answers leaves every scored answer as it was.
            bool right = random.NextDouble() < ItemResponseFunctions.Probability(item.Parameters, TrueTheta, bank.Metric);
            if (item.Status == ItemStatus.Pilot && pilotAnswer is not null) right = pilotAnswer(pilots, item, right);
            if (item.Status == ItemStatus.Pilot) pilots++;
            session.Submit(item.Id, right ? Answers.Right(item) : Answers.Wrong(item));
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"examinee (seed {Seed}, true θ {TrueTheta:R})");
}
