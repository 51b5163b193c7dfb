using EmrCat.Banks;
using EmrCat.Irt;
using EmrCat.Scoring;
using EmrCat.Sessions;
using EmrCat.Simulation;
using EmrCat.Stopping;

namespace EmrCat.Tests.Banks;

/// <summary>Several enemy groups per item, and the rule that a pilot item never keeps a scored item out.</summary>
public class EnemyGroupTests
{
    private static BankItem Item(string id, bool pilot, params string[] groups) => new()
    {
        Id = id,
        Domain = "all",
        Status = pilot ? ItemStatus.Pilot : ItemStatus.Scored,
        Stem = $"Item {id}",
        Options = [new ItemOption("A", "Right"), new ItemOption("B", "Wrong")],
        Key = ["A"],
        Parameters = new ItemParameters(1.0, 0.0),
        EnemyGroups = groups,
    };

    private static ItemBank Bank(IEnumerable<BankItem> items, params string[] groups) =>
        ItemBank.Create(new BankMetadata("t", "t", "1", "en", CalibrationStatus.Calibrated), ReportingScale.Emr, Blueprint.None, items, groups.Select(g => new EnemyGroup(g, "test")));

    private static string[] Excluded(ItemBank bank, string id)
    {
        bank.TryGetIndex(id, out int index);
        int set = bank.Columns.EnemyGroupIndex[index];
        return set < 0 ? [] : [.. bank.Columns.EnemyGroupMembers[set].Select(i => bank.Items[i].Id)];
    }

    [Fact]
    public void Columns_AnItemInTwoGroups_ExcludesTheMembersOfBoth()
    {
        var bank = Bank([Item("S1", false, "G1", "G2"), Item("S2", false, "G1"), Item("S3", false, "G2"), Item("S4", false)], "G1", "G2");

        Assert.Equal(["S2", "S3"], Excluded(bank, "S1"));
        Assert.Equal(["S1"], Excluded(bank, "S2"));
        Assert.Equal(["S1"], Excluded(bank, "S3"));
        Assert.Empty(Excluded(bank, "S4"));
    }

    [Fact]
    public void Columns_APilot_ExcludesOnlyPilots_AndAScoredItemExcludesBoth()
    {
        var bank = Bank([Item("S1", false, "G"), Item("S2", false, "G"), Item("P1", true, "G"), Item("P2", true, "G")], "G");

        Assert.Equal(["P2"], Excluded(bank, "P1"));
        Assert.Equal(["S2", "P1", "P2"], Excluded(bank, "S1"));
    }

    [Fact]
    public void Create_UndeclaredOrRepeatedGroup_IsAProblemNamingTheListEntry()
    {
        var ex = Assert.Throws<BankValidationException>(() => Bank([Item("S1", false, "G", "G", "NOPE"), Item("S2", false)], "G"));
        Assert.Equal(
            [("$.items[0].enemyGroups[1]", "Enemy group 'G' is listed twice."), ("$.items[0].enemyGroups[2]", "Enemy group 'NOPE' is not declared in $.enemyGroups.")],
            ex.Problems.Select(p => (p.Path, p.Message)));
    }

    /// <summary>
    /// Each of 8 scored items shares a group with one pilot item. Were a pilot to keep its scored enemy out, a session
    /// of all 8 scored items could not be completed once a pilot came first; every session completes, including the
    /// ones where a pilot was given before its scored partner.
    /// </summary>
    [Fact]
    public void Simulation_PilotsNeverBlockScoredItems()
    {
        var random = new Random(3);
        var items = new List<BankItem>();
        for (int k = 0; k < 8; k++)
        {
            items.Add(Item($"S{k}", false, $"G{k}") with { Parameters = new ItemParameters(0.8 + random.NextDouble(), 2 * random.NextDouble() - 1) });
            items.Add(Item($"P{k}", true, $"G{k}") with { Parameters = new ItemParameters(1.0, random.NextDouble() - 0.5) });
        }

        var bank = Bank(items, [.. Enumerable.Range(0, 8).Select(k => $"G{k}")]);
        var options = CatOptions.Quick with { MinScoredItems = 8, MaxScoredItems = 8, PilotItems = 4, ConfidenceStop = false, ContentBalancing = false, RandomesqueK = 1 };

        var report = Simulator.Run(bank, options, new SimulationOptions { Examinees = 60, Seed = 2, Threads = 1, KeepSessions = true });

        Assert.All(report.Sessions, s => Assert.Equal((8, StopReason.MaximumItems), (s.ScoredCount, s.Reason)));
        int pilotFirst = report.Sessions.Sum(s => s.Items.Select((item, position) => (item, position))
            .Count(x => x.item.Pilot && s.Items.ToList().FindIndex(i => i.ItemId == "S" + x.item.ItemId[1..]) > x.position));
        Assert.True(pilotFirst > 0, "no session gave a pilot before its scored partner, so the rule was not exercised");

        // The other direction still holds: once a scored item is given, its pilot enemy is not.
        Assert.All(report.Sessions, s => Assert.All(s.Items.Select((item, position) => (item, position)).Where(x => x.item.Pilot),
            x => Assert.DoesNotContain(s.Items.Take(x.position), i => i.ItemId == "S" + x.item.ItemId[1..])));
    }
}
