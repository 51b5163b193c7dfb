using System.Text.Json.Nodes;
using EmrCat.Banks;
using EmrCat.IO;
using EmrCat.Practice.Commands;
using EmrCat.Practice.Storage;
using EmrCat.Tests.Banks;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Reliability;

/// <summary>
/// Bank defects: the exact exception, the place it names (JSON path, item id, field) and that nothing is loaded or
/// stored. Most single defects are already pinned in <see cref="ItemBankJsonTests"/> and are not repeated here:
/// malformed JSON (<c>Parse_MalformedJson_ReportsLineAndByte</c>, <c>Load_MalformedFile_ReportsLineAndByte</c>),
/// missing fields (<c>Parse_MissingRequiredField_NamesPathItemAndField</c>), unknown fields
/// (<c>Parse_UnknownField_NamesPathItemAndField</c>), wrong types and values outside their set
/// (<c>Parse_WrongType_NamesPathItemAndField</c>), duplicate item, option, domain and enemy-group ids
/// (<c>Parse_DuplicateId_NamesPathItemAndField</c>, <c>Parse_DuplicateEnemyGroupId_NamesPathAndField</c>), unknown
/// domain (<c>Parse_UnknownDomain_NamesPathItemAndField</c>), key not among the options
/// (<c>Parse_KeyNotAmongTheOptions_NamesPathItemAndField</c>), invalid IRT parameters
/// (<c>Parse_InvalidIrtParameter_ReusesTheParameterMessage</c>, <c>Parse_ModelDisagreesWithParameters_NamesTheParameter</c>),
/// blueprint ranges that cannot sum to 100% (<c>Parse_BlueprintRangesThatCannotSumTo100_IsAProblem</c>), enemy
/// references to unknown groups (<c>Parse_UndeclaredEnemyGroup_NamesPathItemAndField</c>), a domain with too few
/// items for the preset (<c>Parse_DomainWithTooFewScoredItemsForThePreset_IsAProblem</c>), nesting, size, encoding
/// and unreadable files. This class adds the remaining item rules, all defects at once, and what the host does with a
/// bad bank (exit 1, the place named, no session stored or changed).
/// </summary>
public class BadInputBankTests
{
    private static readonly BankValidationOptions TinyPreset = new() { MaxScoredItems = 5, PilotItems = 2 };

    [Fact]
    public void Parse_EmptyStem_NamesPathItemAndField()
    {
        var json = ItemBankJsonTests.Valid();
        json["items"]![4]!["stem"] = "  ";
        AssertSingle(Fails(json), "$.items[4].stem", "PRI-0002", "stem", "The stem must not be empty.");
    }

    [Fact]
    public void Parse_OneOption_NamesPathItemAndField()
    {
        var json = ItemBankJsonTests.Valid();
        json["items"]![1]!["options"] = new JsonArray(new JsonObject { ["id"] = "A", ["text"] = "Only answer" });
        AssertSingle(Fails(json), "$.items[1].options", "SCN-0002", "options", "An item needs at least 2 options, but has 1.");
    }

    [Fact]
    public void Parse_EmptyOptionText_NamesPathItemAndField()
    {
        var json = ItemBankJsonTests.Valid();
        json["items"]![4]!["options"]![1]!["text"] = "";
        AssertSingle(Fails(json), "$.items[4].options[1].text", "PRI-0002", "options[1].text", "An option's text must not be empty.");
    }

    [Fact]
    public void Parse_KeyNamingAnOptionTwice_NamesPathItemAndField()
    {
        var json = ItemBankJsonTests.Valid();
        json["items"]![5]!["key"] = new JsonArray("A", "A");
        AssertSingle(Fails(json), "$.items[5].key", "PRI-0003", "key", "The key names an option twice.");
    }

    [Fact]
    public void Parse_NoItems_NamesTheItemsArray()
    {
        var json = ItemBankJsonTests.Valid();
        json["items"] = new JsonArray();
        AssertSingle(Fails(json), "$.items", null, null, "The bank has no items.");
    }

    [Fact]
    public void Parse_EmptyDomainId_NamesPathAndField()
    {
        var json = ItemBankJsonTests.Valid();
        json["blueprint"]!["domains"]![4]!["id"] = "";
        foreach (var item in json["items"]!.AsArray().Where(i => (string?)i!["domain"] == "operations")) item!["domain"] = "";

        var problems = Fails(json).Problems;

        Assert.Equal(("$.blueprint.domains[4].id", "id", "A domain id must not be empty."), (problems[0].Path, problems[0].Field, problems[0].Message));
        Assert.Equal(["$.items[11].domain", "$.items[12].domain"], problems.Skip(1).Select(p => p.Path)); // their domain is now undeclared
    }

    [Fact]
    public void Parse_EmptyEnemyGroupId_NamesPathAndField()
    {
        var json = ItemBankJsonTests.Valid();
        json["enemyGroups"]![0]!["id"] = "";
        foreach (var item in json["items"]!.AsArray()) item!.AsObject().Remove("enemyGroups");

        AssertSingle(Fails(json), "$.enemyGroups[0].id", null, "id", "An enemy group id must not be empty.");
    }

    [Fact]
    public void Parse_PassingScoreOutsideTheScale_NamesTheScale()
    {
        var json = ItemBankJsonTests.Valid();
        json["scale"]!["passingScore"] = 1500;
        AssertSingle(Fails(json), "$.scale", null, null, "PassingScore must lie strictly inside [100, 1500], but was 1500.");
    }

    [Fact]
    public void Parse_MalformedJsonWithCrlfLineEnds_CountsLinesAndBytes()
    {
        var ex = Fails("{\r\n  \"id\": \"a\",\r\n  \"title\": x\r\n}");
        AssertSingle(ex, "$", null, null, "Malformed JSON at line 3, byte 12:");
    }

    [Fact]
    public void Parse_OneOfEveryDefect_ReportsEachWithItsPlaceInFileOrder()
    {
        var json = ItemBankJsonTests.Valid();
        var items = json["items"]!.AsArray();
        json["blueprint"]!["domains"]![0]!["maxShare"] = 0.1;          // the shares now cannot reach 100% ...
        json["blueprint"]!["domains"]![0]!["minShare"] = 0.1;          // ... (maximums sum to 97%)
        items[0]!["difficulty"] = 1.0;                                  // unknown field
        items[1]!.AsObject().Remove("rationale");                       // missing field
        items[7]!["id"] = "SCN-0001";                                   // duplicate id
        items[8]!["domain"] = "cardiology";                             // unknown domain
        items[9]!["enemyGroups"] = new JsonArray("EG-NOPE");                            // enemy reference to an unknown group
        items[11]!["irt"]!["c"] = 1.5;                                  // invalid IRT parameter
        items[12]!["key"] = "E";                                        // key not among the options
        items[5]!["status"] = "pilot";                                  // primary: 2 scored items, a test of 5 may need 3
                                                                        // (and treatment, with TRT-0001 moved, has 1 of 2)

        var ex = Assert.Throws<BankValidationException>(() => ItemBankJson.Parse("bank.json", json.ToJsonString(), TinyPreset));

        Assert.Equal(
            [
                ("$.blueprint.domains", null, null),
                ("$.blueprint.domains[1].maxShare", null, "maxShare"),
                ("$.blueprint.domains[3].maxShare", null, "maxShare"),
                ("$.items[0].difficulty", "SCN-0001", "difficulty"),
                ("$.items[1].rationale", "SCN-0002", "rationale"),
                ("$.items[7].id", "SCN-0001", "id"),
                ("$.items[8].domain", "TRT-0001", "domain"),
                ("$.items[9].enemyGroups[0]", "TRT-0002", "enemyGroups[0]"),
                ("$.items[11].irt.c", "OPS-0001", "irt.c"),
                ("$.items[12].key", "OPS-0002", "key"),
            ],
            ex.Problems.Select(p => (p.Path, p.ItemId, p.Field)));
        Assert.StartsWith("bank.json: 10 problem(s):", ex.Message);
        Assert.All(ex.Problems, p => Assert.Contains(p.ToString(), ex.Message));
    }

    [Fact]
    public void Practice_BankWithADefect_Exits1NamingThePlaceAndStoresNoSession()
    {
        var json = ItemBankJsonTests.Valid();
        json["items"]![12]!["key"] = "E";
        using var dir = new TempDirectory();
        string bank = dir.Write("bank.json", json.ToJsonString());
        var output = new StringWriter();

        int code = PracticeCommand.Run(Arguments(dir, bank), TextWriter.Null, output);

        Assert.Equal(1, code);
        Assert.Contains("$.items[12].key (item OPS-0002, field key): Key 'E' is not among the options", output.ToString());
        using var store = PracticeStore.Open(dir.Path);
        Assert.Empty(store.Sessions());
    }

    [Fact]
    public void Practice_BankTooSmallForThePreset_Exits1NamingTheDomainAndStoresNoSession()
    {
        using var dir = new TempDirectory();
        var output = new StringWriter();

        int code = PracticeCommand.Run(Arguments(dir, FixturePaths.Bank("small-valid.json")), TextWriter.Null, output);

        Assert.Equal(1, code);
        Assert.Contains("$.blueprint.domains[1].maxShare: Domain 'primary' has 3 scored items", output.ToString());
        using var store = PracticeStore.Open(dir.Path);
        Assert.Empty(store.Sessions());
    }

    [Fact]
    public void PracticeResume_BankChangedSinceTheSessionStarted_Exits1AndLeavesTheSessionAsItWas()
    {
        using var dir = new TempDirectory();
        var bankJson = JsonNode.Parse(File.ReadAllText(SingleAnswerBank.Path))!; // "A B C" answers single-answer items
        string bank = dir.Write("bank.json", bankJson.ToJsonString());
        string answers = dir.Write("answers.txt", "A B C");
        Assert.Equal(PracticeCommand.ExitSaved, PracticeCommand.Run(Arguments(dir, bank) with { Answers = answers }, TextWriter.Null));
        bankJson["items"]![0]!["irt"]!["b"] = 2.5; // same id and version, other parameters: another fingerprint
        File.WriteAllText(bank, bankJson.ToJsonString());
        var output = new StringWriter();

        int code = PracticeCommand.Run(Arguments(dir, bank) with { Answers = answers, Resume = true, Preset = null, Seed = null }, TextWriter.Null, output);

        Assert.Equal(1, code);
        Assert.Contains("The snapshot was taken on bank 'emr-practice'", output.ToString());
        Assert.Contains("(fingerprints differ)", output.ToString());
        using var store = PracticeStore.Open(dir.Path);
        var session = Assert.Single(store.Sessions());
        Assert.Equal("in_progress", session.Status);
        Assert.Equal(3, store.Answers(session.Id).Count);
    }

    private static PracticeArguments Arguments(TempDirectory dir, string bank) =>
        new("quick", bank, "1", dir.Write("none.txt", ""), Plain: true, Resume: false, dir.Path, TimeLimit: null);

    private static BankValidationException Fails(JsonNode json) => Fails(json.ToJsonString());

    private static BankValidationException Fails(string json) =>
        Assert.Throws<BankValidationException>(() => ItemBankJson.Parse("bank.json", json, BankValidationOptions.ConsistencyOnly));

    private static void AssertSingle(BankValidationException ex, string path, string? itemId, string? field, string message)
    {
        var problem = Assert.Single(ex.Problems);
        Assert.Equal((path, itemId, field), (problem.Path, problem.ItemId, problem.Field));
        Assert.Contains(message, problem.Message);
        Assert.Contains(path, ex.Message);
    }
}
