using EmrCat.Banks;
using EmrCat.Irt;
using EmrCat.Scoring;

namespace EmrCat.Tests.Banks;

public class BankShapeTests
{
    private static BankItem Item(string id, string domain, string key, double b, bool pilot = false, params string[] options) => new()
    {
        Id = id,
        Domain = domain,
        Status = pilot ? ItemStatus.Pilot : ItemStatus.Scored,
        Stem = $"Item {id}",
        Options = [.. options.Select((text, i) => new ItemOption(((char)('A' + i)).ToString(), text))],
        Key = [key],
        Parameters = new ItemParameters(1.2, b, 0.2),
    };

    private static readonly Blueprint TwoDomains = new([new BlueprintDomain("x", "X", 0.4, 0.6), new BlueprintDomain("y", "Y", 0.4, 0.6)]);

    private static ItemBank Bank(params BankItem[] items) =>
        ItemBank.Create(new BankMetadata("t", "t", "1", "en", CalibrationStatus.Provisional), ReportingScale.Emr, TwoDomains, items);

    [Fact]
    public void Of_LengthStrategies_CountTheKeysRankAndSplitTies()
    {
        var bank = Bank(
            Item("1", "x", "A", 0.0, false, "longest one", "mid", "mi", "m"),      // key longest
            Item("2", "x", "B", 0.3, false, "long one", "second", "ab", "a"),     // key 2nd longest
            Item("3", "y", "C", 1.0, false, "aaaa", "bbbb", "cccc", "dddd"),       // all tied: 1/4 to every strategy
            Item("4", "y", "D", -2.5, true, "xx", "yyy", "z", "ww"));              // key tied 2nd/3rd with A: 1/2 each

        var cues = BankShape.Of(bank).Cues;

        Assert.Equal(4, cues.Items);
        Assert.Equal([1.25 / 4, 1.75 / 4, 0.75 / 4, 0.25 / 4], cues.LengthStrategyHitRates.Select(r => Math.Round(r, 12)));
        Assert.Equal(1.75 / 4, cues.BestLengthStrategyHitRate, 12);
        Assert.Equal(2, cues.BestLengthStrategyRank);
        Assert.Equal([1, 1, 1, 1], cues.KeyPositions);
        Assert.Equal(0.25, cues.MostCommonKeyPositionShare);
    }

    [Fact]
    public void Of_DomainsBandsAndInformation_CountScoredItemsAroundTheCut()
    {
        var bank = Bank(
            Item("1", "x", "A", 0.0, false, "a", "b"),
            Item("2", "x", "A", 0.5, false, "a", "b"),
            Item("3", "y", "A", 1.0, false, "a", "b"),
            Item("4", "y", "A", -2.5, false, "a", "b"),
            Item("5", "y", "A", 0.1, true, "a", "b"));

        var shape = BankShape.Of(bank);

        Assert.Equal((4, 1, 2), (shape.ScoredItems, shape.PilotItems, shape.NearCut));
        var x = shape.Domains[0];
        Assert.Equal(("x", 2, 0, 0.5, 2), (x.Id, x.ScoredItems, x.PilotItems, x.ScoredShare, x.NearCut));
        Assert.Equal(("y", 2, 1, 0), (shape.Domains[1].Id, shape.Domains[1].ScoredItems, shape.Domains[1].PilotItems, shape.Domains[1].NearCut));
        double expectedX = ItemResponseFunctions.Information(new ItemParameters(1.2, 0.0, 0.2), 0.0) + ItemResponseFunctions.Information(new ItemParameters(1.2, 0.5, 0.2), 0.0);
        Assert.Equal(expectedX, x.InformationAtCut, 12);
        Assert.Equal(shape.Domains.Sum(d => d.InformationAtCut), shape.InformationAtCut, 12);
        Assert.Equal(10, shape.DifficultyBands.Count);
        Assert.Equal(4, shape.DifficultyBands.Sum(b => b.ScoredItems));
        Assert.Equal(1, shape.DifficultyBands[0].ScoredItems);                              // b = -2.5 below -2
        Assert.Equal((0.0, 0.5, 1), (shape.DifficultyBands[5].Low, shape.DifficultyBands[5].High, shape.DifficultyBands[5].ScoredItems));
        Assert.Equal(3, shape.Domains[1].Cues.Items);                                         // cues count pilot items too
    }
}
