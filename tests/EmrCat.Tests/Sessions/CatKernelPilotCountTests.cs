using EmrCat.Banks;
using EmrCat.Internal;
using EmrCat.IO;
using EmrCat.Selection;
using EmrCat.Sessions;
using EmrCat.Simulation;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Sessions;

/// <summary>
/// The kernel counts its available pilot items as giving, enemy groups and held-back releases change the pilot mask,
/// and the pilot draw trusts that count: it must equal a recount of the mask at every step.
/// </summary>
public class CatKernelPilotCountTests
{
    private static readonly Lazy<ItemBank> Bundled = new(() => ItemBankJson.Load(Path.Combine(FixturePaths.Repository, "item-bank", "emr-practice.json")));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void AvailablePilotCount_EqualsARecountOfTheMaskAtEveryStep(int keepEvery)
    {
        var bank = Bundled.Value;
        var pilots = BankSubsets.For(bank).Pilots;

        // Hold back most pilots (keepEvery 3: two in three; 0: every one) and some scored items, so the pilot pool runs
        // dry and held-back pilots are released in the middle of sessions; the bank's enemy groups withdraw others.
        var held = pilots.Where((_, k) => keepEvery == 0 || k % keepEvery != 0).Select(i => bank.Items[i].Id)
            .Concat(bank.Items.Where((item, i) => !bank.Columns.IsPilot[i] && i % 7 == 0).Select(item => item.Id))
            .ToArray();
        var options = CatOptions.Emr with { HeldBackItems = held };
        var kernel = new CatKernel(bank, options, CatStrategies.For(bank, options));
        int released = 0;
        for (ulong seed = 1; seed <= 12; seed++)
        {
            kernel.Reset(seed);
            var random = new SessionRandom(seed);
            while (!kernel.IsFinished)
            {
                Assert.Equal(pilots.Count(kernel.IsPilotAvailable), kernel.AvailablePilotCount);
                int index = kernel.Pending;
                kernel.Record(ResponseDraw.Category(bank.Columns.Parameters[index], 0.3, bank.Metric.ScalingConstant, random.Uniform(kernel.AnsweredCount, SessionRandom.Simulee)), TimeSpan.Zero);
            }

            Assert.Equal(options.PilotItems, kernel.PilotCount);
            for (int k = 0; k < kernel.AnsweredCount; k++)
            {
                if (kernel.IsPilotAt(k) && held.Contains(bank.Items[kernel.GivenAt(k)].Id)) released++;
            }
        }

        // The sessions did give released pilots, so the count went through releases.
        Assert.True(released > 0);
    }
}
