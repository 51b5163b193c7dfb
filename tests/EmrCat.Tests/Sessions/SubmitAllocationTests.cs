using EmrCat.Selection;
using EmrCat.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace EmrCat.Tests.Sessions;

/// <summary>
/// A mid-session Submit allocates only the answer record: the copy of the chosen option ids and the
/// <see cref="AnswerRecord"/> (bytes counted by the runtime, not time, so the test is deterministic).
/// </summary>
public class SubmitAllocationTests
{
    [Theory]
    [InlineData("emr")]
    [InlineData("quick-kl-sympson-hetter")]
    [InlineData("w1-ml")]
    public void Submit_MidSession_AllocatesOnlyTheAnswerRecord(string preset)
    {
        var bank = preset == "w1-ml" ? TestBanks.W1Like(300) : TestBanks.Emr;
        var options = preset switch
        {
            "emr" => CatOptions.Emr,
            "w1-ml" => CatOptions.W1,
            _ => CatOptions.Quick with { Selection = SelectionMethod.KullbackLeibler, ExposureParameters = bank.Items.Take(50).ToDictionary(i => i.Id, _ => 0.5) },
        };
        var session = CatSession.Start(bank, options, 7, new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero)));
        long most = 0;
        for (int step = 0; step < 20 && !session.IsFinished; step++)
        {
            var current = session.Current;
            bank.TryGetIndex(current.ItemId, out int index);
            IReadOnlyList<string> answer = step % 2 == 0 ? bank.Items[index].Key : [bank.Items[index].Options[^1].Id];
            string id = current.ItemId;
            long before = GC.GetAllocatedBytesForCurrentThread();
            session.Submit(id, answer);
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            if (step >= 2 && !session.IsFinished) most = Math.Max(most, bytes);
        }

        // string[1] (32 B) + AnswerRecord (48 B) on 64-bit; nothing per step in selection, estimation or stopping.
        Assert.Equal(80, most);
    }

    [Fact]
    public void Submit_OnTheBundledBanksSelectAllAndOrderingItems_AllocatesOnlyTheAnswerRecord()
    {
        // Scoring a select-all answer (right minus wrong) or an ordering (adjacent pairs) allocates nothing: a Submit is
        // the copy of the option ids (24 B + 8 B each) and the record (48 B); Submit(id, option) keeps its own array.
        var bank = EmrCat.IO.ItemBankJson.Load(Path.Combine(Fixtures.FixturePaths.Repository, "item-bank", "emr-practice.json"));
        var types = new HashSet<EmrCat.Banks.ItemType>();
        for (ulong seed = 1; seed <= 3; seed++)
        {
            var session = CatSession.Start(bank, CatOptions.Emr, seed, new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero)));
            for (int step = 0; !session.IsFinished; step++)
            {
                var current = session.Current;
                bank.TryGetIndex(current.ItemId, out int index);
                var item = bank.Items[index];
                var answer = item.AnswerFor(step % (item.MaxCategory + 1));
                string id = current.ItemId;
                long before = GC.GetAllocatedBytesForCurrentThread();
                if (answer.Count == 1 && step % 3 == 0) session.Submit(id, answer[0]);
                else session.Submit(id, answer);
                long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
                if (step < 2 || session.IsFinished) continue;
                types.Add(item.Type);
                Assert.Equal(48 + 24 + 8 * answer.Count, bytes);
            }
        }

        Assert.Equal(3, types.Count);
    }
}
