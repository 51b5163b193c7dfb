using System.Text.Json.Nodes;
using EmrCat.Banks;
using EmrCat.IO;
using EmrCat.Irt;

namespace EmrCat.Tests.Banks.Json;

/// <summary>
/// Technology-enhanced items in the bank file: <c>scoring</c> and GPCM/PCM/GRM <c>irt</c> objects, read, written back and
/// refused with one problem naming the item and field. In small-valid.json item 5 (PRI-0003) is a select-all item with
/// the key [A, C] of 4 options and item 9 (TRT-0002) an ordering item of 4 options.
/// </summary>
public class PartialCreditJsonTests
{
    [Fact]
    public void Parse_SelectAllWithGpcmSteps_LoadsRightMinusWrongItem()
    {
        var json = Valid();
        json["items"]![5]!["scoring"] = "rightMinusWrong";
        json["items"]![5]!["irt"] = Irt("""{"model": "GPCM", "a": 1.1, "steps": [-0.5, 0.7]}""");

        var item = Parse(json).Items[5];

        Assert.Equal(ScoringRule.RightMinusWrong, item.Scoring);
        Assert.Equal(ItemParameters.GeneralizedPartialCredit(1.1, [-0.5, 0.7]), item.Parameters);
        Assert.Equal(2, item.MaxCategory);
        Assert.Equal(1, item.Score(["A", "C", "B"]));
    }

    [Fact]
    public void Parse_OrderingWithPcmAndGrm_LoadsAdjacentPairsItems()
    {
        var json = Valid();
        json["items"]![9]!["scoring"] = "adjacentPairs";
        json["items"]![9]!["irt"] = Irt("""{"model": "PCM", "steps": [-1, 0, 1]}""");
        var pcm = Parse(json).Items[9];
        json["items"]![9]!["irt"] = Irt("""{"model": "GRM", "a": 1.2, "thresholds": [-1, 0, 1.5]}""");
        var grm = Parse(json).Items[9];

        Assert.Equal(ItemParameters.PartialCredit([-1, 0, 1]), pcm.Parameters);
        Assert.Equal(ItemParameters.Graded(1.2, [-1, 0, 1.5]), grm.Parameters);
        Assert.Equal(ScoringRule.AdjacentPairs, grm.Scoring);
        Assert.Equal(2, grm.Score(["A", "B", "D", "C"])); // A→B and B→C in order, C→D not
    }

    [Fact]
    public void Parse_AllOrNothingWithOneGpcmStep_Loads()
    {
        var json = Valid();
        json["items"]![5]!["scoring"] = "allOrNothing";
        json["items"]![5]!["irt"] = Irt("""{"model": "GPCM", "a": 1.1, "steps": [0.3]}""");

        var item = Parse(json).Items[5];

        Assert.Equal(1, item.MaxCategory);
        Assert.Equal(0, item.Score(["A"]));
        Assert.Equal(1, item.Score(["C", "A"]));
    }

    [Fact]
    public void SaveThenLoad_PartialCreditItems_SameBankAndFingerprint()
    {
        var json = Valid();
        json["items"]![5]!["scoring"] = "rightMinusWrong";
        json["items"]![5]!["irt"] = Irt("""{"model": "GPCM", "a": 1.1, "steps": [-0.5, 0.7]}""");
        json["items"]![9]!["scoring"] = "adjacentPairs";
        json["items"]![9]!["irt"] = Irt("""{"model": "GRM", "a": 1.2, "thresholds": [-1, 0, 1.5]}""");
        var bank = Parse(json);

        var again = ItemBankJson.Parse("saved.json", ItemBankJson.ToJson(bank), BankValidationOptions.ConsistencyOnly);

        Assert.Equal(bank.Fingerprint, again.Fingerprint);
        Assert.Equal(bank.Items.Select(i => (i.Scoring, i.Parameters)), again.Items.Select(i => (i.Scoring, i.Parameters)));
        Assert.Contains("\"thresholds\": [", ItemBankJson.ToJson(bank), StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_StepsWithTheSameMean_Differ()
    {
        var json = Valid();
        json["items"]![5]!["scoring"] = "rightMinusWrong";
        json["items"]![5]!["irt"] = Irt("""{"model": "GPCM", "a": 1.1, "steps": [-0.5, 0.5]}""");
        string first = Parse(json).Fingerprint;
        json["items"]![5]!["irt"] = Irt("""{"model": "GPCM", "a": 1.1, "steps": [-1.5, 1.5]}""");

        Assert.NotEqual(first, Parse(json).Fingerprint);
    }

    [Theory]
    [InlineData(5, "rightMinusWrong", """{"model": "GPCM", "a": 1.1, "steps": [0, 1, 2]}""", "irt.steps",
        "Scoring 'rightMinusWrong' with 2 right options gives scores 0..2, so the GPCM item needs 2 steps, but has 3.")]
    [InlineData(9, "adjacentPairs", """{"model": "PCM", "steps": [0, 1]}""", "irt.steps",
        "Scoring 'adjacentPairs' with 4 options (3 adjacent pairs) gives scores 0..3, so the PCM item needs 3 steps, but has 2.")]
    [InlineData(9, "adjacentPairs", """{"model": "GRM", "a": 1, "thresholds": [0, 1]}""", "irt.thresholds",
        "so the GRM item needs 3 thresholds, but has 2.")]
    [InlineData(9, "adjacentPairs", """{"model": "GRM", "a": 1, "thresholds": [0, 1, 0.5]}""", "irt.thresholds[2]",
        "GRM thresholds must increase (b1 < b2 < …), but thresholds[2] = 0.5 is not above thresholds[1] = 1.")]
    [InlineData(9, "adjacentPairs", """{"model": "GRM", "a": 1, "thresholds": [0, 1, 1]}""", "irt.thresholds[2]", "must increase")]
    [InlineData(5, "rightMinusWrong", """{"model": "2PL", "a": 1, "b": 0}""", "irt.model",
        "Scoring 'rightMinusWrong' with 2 right options gives scores 0..2, but the item has right/wrong (1-4PL) parameters; give GPCM or PCM 'steps' or GRM 'thresholds', 2 of them.")]
    [InlineData(5, "allOrNothing", """{"model": "GPCM", "a": 1, "steps": [0, 1]}""", "irt.steps",
        "Scoring 'allOrNothing' with right or wrong gives scores 0..1, so the GPCM item needs 1 step, but has 2.")]
    [InlineData(9, "rightMinusWrong", """{"model": "2PL", "a": 1, "b": 0}""", "scoring",
        "Scoring 'rightMinusWrong' is for select-all (multiple) items, but the item is ordered")]
    [InlineData(5, "adjacentPairs", """{"model": "2PL", "a": 1, "b": 0}""", "scoring",
        "Scoring 'adjacentPairs' is for ordering (ordered) items, but the item is multiple")]
    [InlineData(1, "rightMinusWrong", """{"model": "2PL", "a": 0.9, "b": -1.8}""", "scoring", "but the item is single")]
    [InlineData(5, "bestOf", """{"model": "2PL", "a": 1, "b": 0}""", "scoring",
        "'scoring' must be one of \"allOrNothing\", \"rightMinusWrong\", \"adjacentPairs\", but is \"bestOf\".")]
    [InlineData(5, "rightMinusWrong", """{"model": "GPCM", "steps": [0, 1]}""", "irt.a",
        "Required field 'a' is missing. The GPCM model needs a discrimination 'a' > 0.")]
    [InlineData(5, "rightMinusWrong", """{"model": "GPCM", "a": 1, "b": 0, "steps": [0, 1]}""", "irt.b",
        "The GPCM model has no 'b'; it takes 'a' and 'steps'.")]
    [InlineData(5, "rightMinusWrong", """{"model": "GPCM", "a": 1, "thresholds": [0, 1]}""", "irt.thresholds",
        "The GPCM model has no 'thresholds'; its step parameters go in 'steps'.")]
    [InlineData(9, "adjacentPairs", """{"model": "GRM", "a": 1, "steps": [0, 1, 2]}""", "irt.steps",
        "The GRM model has no 'steps'; its category boundaries go in 'thresholds'.")]
    [InlineData(9, "adjacentPairs", """{"model": "PCM", "a": 1.3, "steps": [0, 1, 2]}""", "irt.a",
        "The PCM model fixes a = 1, but a is 1.3; declare \"GPCM\" for another slope, or leave 'a' out.")]
    [InlineData(9, "adjacentPairs", """{"model": "GRM", "a": 1}""", "irt.thresholds", "Required field 'thresholds' is missing.")]
    [InlineData(5, "rightMinusWrong", """{"model": "GPCM", "a": 1, "steps": []}""", "irt.steps", "'steps' must hold 1 to 5 numbers (one per score above 0), but has 0.")]
    [InlineData(5, "rightMinusWrong", """{"model": "GPCM", "a": -1, "steps": [0, 1]}""", "irt.a", "Discrimination a must be a finite number > 0, but was -1.")]
    [InlineData(5, "rightMinusWrong", """{"model": "GPCM", "a": 1, "steps": [0, "x"]}""", "irt.steps[1]", "'irt.steps[1]' must be a number, but is a string.")]
    [InlineData(5, "rightMinusWrong", """{"model": "2PL", "a": 1, "b": 0, "steps": [0, 1]}""", "irt.steps", "The 2PL model has no 'steps'")]
    [InlineData(5, "rightMinusWrong", """{"model": "GPCM", "a": 1, "step": [0, 1]}""", "irt.step", "Unknown field 'step'; did you mean 'steps'?")]
    public void Parse_PartialCreditDefect_IsOneProblemNamingItemAndField(int index, string scoring, string irt, string field, string message)
    {
        var json = Valid();
        json["items"]![index]!["scoring"] = scoring;
        json["items"]![index]!["irt"] = Irt(irt);

        var problem = Assert.Single(Fails(json).Problems);

        Assert.Equal($"$.items[{index}].{field}", problem.Path);
        Assert.Equal(json["items"]![index]!["id"]!.GetValue<string>(), problem.ItemId);
        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OrderingKeyMissingAnOption_IsOneProblem()
    {
        var json = Valid();
        json["items"]![9]!["scoring"] = "adjacentPairs";
        json["items"]![9]!["irt"] = Irt("""{"model": "GPCM", "a": 1, "steps": [0, 1, 2]}""");
        json["items"]![9]!["key"] = new JsonArray("A", "B", "C");

        var problem = Assert.Single(Fails(json).Problems);

        Assert.Equal("$.items[9].key", problem.Path);
        Assert.Equal("An ordered item's key must list all 4 options in order.", problem.Message);
    }

    [Fact]
    public void Parse_MoreRightOptionsThanFiveSteps_IsOneProblemOnTheKey()
    {
        var json = Valid();
        var options = new JsonArray();
        foreach (string id in new[] { "A", "B", "C", "D", "E", "F", "G" }) options.Add(new JsonObject { ["id"] = id, ["text"] = "Option " + id });
        json["items"]![5]!["options"] = options;
        json["items"]![5]!["key"] = new JsonArray("A", "B", "C", "D", "E", "F");
        json["items"]![5]!["scoring"] = "rightMinusWrong";
        json["items"]![5]!["irt"] = Irt("""{"model": "GPCM", "a": 1, "steps": [0, 1, 2, 3, 4]}""");

        var problem = Assert.Single(Fails(json).Problems);

        Assert.Equal("$.items[5].key", problem.Path);
        Assert.Contains("gives scores 0..6, but a partial-credit item has at most 5 steps", problem.Message, StringComparison.Ordinal);
    }

    private static JsonObject Valid() => ItemBankJsonTests.Valid();

    private static JsonNode Irt(string json) => JsonNode.Parse(json)!;

    private static ItemBank Parse(JsonNode json) => ItemBankJson.Parse("bank.json", json.ToJsonString(), BankValidationOptions.ConsistencyOnly);

    private static BankValidationException Fails(JsonNode json) =>
        Assert.Throws<BankValidationException>(() => ItemBankJson.Parse("bank.json", json.ToJsonString(), BankValidationOptions.ConsistencyOnly));
}
