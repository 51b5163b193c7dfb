using System.Text;
using System.Text.Json.Nodes;
using EmrCat.Banks;
using EmrCat.IO;
using EmrCat.Irt;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Banks;

public class ItemBankJsonTests
{
    // small-valid.json, by index: 0 SCN-0001 (3PL), 1 SCN-0002 (2PL), 2 SCN-0003 (pilot), 3 PRI-0001, 4 PRI-0002,
    // 5 PRI-0003 (multiple), 6 SEC-0001 (1PL), 7 SEC-0002, 8 TRT-0001, 9 TRT-0002 (ordered), 10 TRT-0003 (pilot),
    // 11 OPS-0001 (4PL), 12 OPS-0002. It fills tests of up to 5 scored and 2 pilot items exactly.
    private static readonly BankValidationOptions TinyPreset = new() { MaxScoredItems = 5, PilotItems = 2 };

    [Fact]
    public void Load_SmallValidBank_LoadsEveryPart()
    {
        var bank = ItemBankJson.Load(FixturePaths.Bank("small-valid.json"), BankValidationOptions.ConsistencyOnly);

        Assert.Equal(new BankMetadata("fixture-small", "Small fixture bank", "1.0.0", "en-US", CalibrationStatus.Provisional) { Sources = bank.Metadata.Sources }, bank.Metadata);
        Assert.Equal(13, bank.Count);
        Assert.Equal(["scene", "primary", "secondary", "treatment", "operations"], bank.Blueprint.Domains.Select(d => d.Id));
        Assert.Equal(0.37, bank.Blueprint.Domains[1].MinShare);
        Assert.Equal(950, bank.Scale.PassingScore);
        Assert.Equal(100, bank.Scale.PointsPerLogit);
        Assert.Equal([new EnemyGroup("EG-PRI-01", "Both CPR items cue each other's answers."), new EnemyGroup("EG-X-01", "Scene safety items share a point.")], bank.EnemyGroups);
        Assert.Equal([new ContentSource("aha-2025", "2025 AHA Guidelines for CPR and ECC"), new ContentSource("nsopm-2019", "National EMS Scope of Practice Model 2019", "https://www.ems.gov")], bank.Metadata.Sources);

        var first = bank.Items[0];
        Assert.Equal("SCN-0001", first.Id);
        Assert.Equal(ItemType.Single, first.Type);
        Assert.Equal(["B"], first.Key);
        Assert.Equal(["sequence", "safety"], first.Tags);
        Assert.Equal("scene-safety", first.Topic);
        Assert.Equal(new ItemParameters(1.2, -1.1, 0.2, 1.0), first.Parameters);
        Assert.Equal(["EG-X-01"], first.EnemyGroups);
        Assert.Equal(new ItemReview("AHA 2025", new DateOnly(2026, 11, 28), "AI-assisted item writer; pending EMS-instructor review"), first.Review);
        Assert.Null(bank.Items[1].Review);
        Assert.Equal(["EG-PRI-01", "EG-X-01"], bank.Items[4].EnemyGroups);
        Assert.Equal(ItemStatus.Pilot, bank.Items[2].Status);
        Assert.Equal(["EG-PRI-01"], bank.Items[3].EnemyGroups);
        Assert.Equal(ItemType.Multiple, bank.Items[5].Type);
        Assert.Equal(["A", "C"], bank.Items[5].Key);
        Assert.Equal(ItemType.Ordered, bank.Items[9].Type);
        Assert.Equal(IrtModel.OnePL, bank.Items[6].Parameters.Model);
        Assert.Equal(new ItemParameters(1.1, 1.2, 0.2, 0.98), bank.Items[11].Parameters);
        Assert.True(bank.TryGetIndex("OPS-0002", out int index) && index == 12);
    }

    [Fact]
    public void Load_PresetTheBankFillsExactly_Loads() =>
        Assert.Equal(13, ItemBankJson.Load(FixturePaths.Bank("small-valid.json"), TinyPreset).Count);

    [Fact]
    public void Parse_WithoutEnemyGroupsOrSchema_DefaultsToNone()
    {
        var json = Valid();
        json.Remove("$schema");
        json.Remove("enemyGroups");
        foreach (var item in json["items"]!.AsArray()) item!.AsObject().Remove("enemyGroups");

        Assert.Empty(Parse(json).EnemyGroups);
    }

    [Fact]
    public void Parse_ByteOrderMarkAndCAndDOmitted_Loads()
    {
        var json = Valid();
        json["items"]![1]!["irt"]!.AsObject().Remove("d");
        var bank = Parse("\uFEFF" + json.ToJsonString());
        Assert.Equal(new ItemParameters(0.9, -1.8, 0, 1), bank.Items[1].Parameters);
    }

    [Fact]
    public void Load_ThreeDifferentDefects_ReportsAllThreeAtOnce()
    {
        var ex = Assert.Throws<BankValidationException>(() => ItemBankJson.Load(FixturePaths.Bank("three-defects.json"), BankValidationOptions.ConsistencyOnly));

        Assert.Equal(3, ex.Problems.Count);
        AssertProblem(ex.Problems[0], "$.items[3].difficulty", "PRI-0001", "difficulty", "Unknown field 'difficulty'");
        AssertProblem(ex.Problems[1], "$.items[7].id", "SCN-0001", "id", "already used by $.items[0]");
        AssertProblem(ex.Problems[2], "$.items[11].irt.c", "OPS-0001", "irt.c", "Lower asymptote c must be in [0, 1), but was 1.5");
        Assert.EndsWith("three-defects.json", ex.Source);
        Assert.Contains("3 problem(s)", ex.Message);
    }

    [Fact]
    public void Load_MalformedFile_ReportsLineAndByte()
    {
        var ex = Assert.Throws<BankValidationException>(() => ItemBankJson.Load(FixturePaths.Bank("malformed.json")));
        AssertProblem(Assert.Single(ex.Problems), "$", null, null, "Malformed JSON at line 5, byte 3:");
    }

    [Theory]
    [InlineData("", "line 1, byte 1")]
    [InlineData("{\n  \"id\": x\n}", "line 2, byte 9: 'x' is an invalid start of a value.")]
    [InlineData("{\"id\": \"a\",}", "line 1, byte 12")]
    [InlineData("// comment\n{}", "line 1, byte 1")]
    [InlineData("{} {}", "line 1, byte 4")]
    [InlineData("{\"items\": [", "line 1, byte 12")]
    public void Parse_MalformedJson_ReportsLineAndByte(string json, string where)
    {
        var ex = Fails(json);
        AssertProblem(Assert.Single(ex.Problems), "$", null, null, "Malformed JSON at " + where);
    }

    [Theory]
    [InlineData("title", "$.title", null, "title")]
    [InlineData("scale.cutTheta", "$.scale.cutTheta", null, "cutTheta")]
    [InlineData("blueprint.domains[2].maxShare", "$.blueprint.domains[2].maxShare", null, "maxShare")]
    [InlineData("items[1].rationale", "$.items[1].rationale", "SCN-0002", "rationale")]
    [InlineData("items[4].key", "$.items[4].key", "PRI-0002", "key")]
    [InlineData("items[4].irt.b", "$.items[4].irt.b", "PRI-0002", "irt.b")]
    [InlineData("items[4].options[1].text", "$.items[4].options[1].text", "PRI-0002", "options[1].text")]
    public void Parse_MissingRequiredField_NamesPathItemAndField(string field, string path, string? itemId, string name)
    {
        var json = Valid();
        var (parent, last) = Navigate(json, field);
        parent.AsObject().Remove(last);

        var ex = Fails(json);

        AssertProblem(Assert.Single(ex.Problems), path, itemId, name, $"Required field '{last}' is missing.");
        Assert.Contains(path, ex.Message);
    }

    [Theory]
    [InlineData("author", "$.author", null, "author", "a bank has only the fields $schema, formatVersion")]
    [InlineData("items[3].keys", "$.items[3].keys", "PRI-0001", "keys", "did you mean 'key'?")]
    [InlineData("items[3].Stem", "$.items[3].Stem", "PRI-0001", "Stem", "did you mean 'stem'?")]
    [InlineData("items[3].irt.e", "$.items[3].irt.e", "PRI-0001", "irt.e", "the irt object has only the fields model, a, b, c, d, steps and thresholds")]
    [InlineData("items[3].options[0].correct", "$.items[3].options[0].correct", "PRI-0001", "options[0].correct", "an option has only the fields id and text")]
    [InlineData("blueprint.domains[0].weight", "$.blueprint.domains[0].weight", null, "weight", "a blueprint domain has only")]
    [InlineData("scale.offset", "$.scale.offset", null, "offset", "the scale has only")]
    [InlineData("enemyGroups[0].items", "$.enemyGroups[0].items", null, "items", "an enemy group has only the fields id and description")]
    public void Parse_UnknownField_NamesPathItemAndField(string field, string path, string? itemId, string name, string hint)
    {
        var json = Valid();
        var (parent, last) = Navigate(json, field);
        parent[last] = 1;

        var ex = Fails(json);

        AssertProblem(Assert.Single(ex.Problems), path, itemId, name, $"Unknown field '{last}'");
        Assert.Contains(hint, ex.Problems[0].Message);
    }

    [Fact]
    public void Parse_UnknownFieldWithOddName_QuotesItInThePath()
    {
        var json = Valid();
        json["items"]![0]!["the key"] = "B";
        AssertProblem(Assert.Single(Fails(json).Problems), "$.items[0]['the key']", "SCN-0001", "the key", "Unknown field 'the key'");
    }

    [Theory]
    [InlineData("items[4].irt.a", "\"1.1\"", "$.items[4].irt.a", "PRI-0002", "irt.a", "'irt.a' must be a number, but is a string.")]
    [InlineData("items[4].tags", "\"cpr\"", "$.items[4].tags", "PRI-0002", "tags", "'tags' must be an array, but is a string.")]
    [InlineData("items[4].tags", "[\"triage\", 3]", "$.items[4].tags[1]", "PRI-0002", "tags[1]", "'tags[1]' must be a string, but is a number.")]
    [InlineData("items[4].options[1]", "\"B\"", "$.items[4].options[1]", "PRI-0002", "options[1]", "'options[1]' must be an object, but is a string.")]
    [InlineData("items[4].key", "3", "$.items[4].key", "PRI-0002", "key", "'key' must be a string or an array of strings, but is a number.")]
    [InlineData("items[4].stem", "null", "$.items[4].stem", "PRI-0002", "stem", "'stem' must be a string, but is null.")]
    [InlineData("items[4].irt", "true", "$.items[4].irt", "PRI-0002", "irt", "'irt' must be an object, but is a boolean.")]
    [InlineData("items[4].type", "\"Single\"", "$.items[4].type", "PRI-0002", "type", "'type' must be one of \"single\", \"multiple\", \"ordered\", but is \"Single\".")]
    [InlineData("items[4].status", "\"beta\"", "$.items[4].status", "PRI-0002", "status", "\"scored\", \"pilot\"")]
    [InlineData("items[4].irt.model", "\"Rasch\"", "$.items[4].irt.model", "PRI-0002", "irt.model", "\"1PL\", \"2PL\", \"3PL\", \"4PL\"")]
    [InlineData("items[4].irt.b", "1e400", "$.items[4].irt.b", "PRI-0002", "irt.b", "must be a finite number, but 1e400 is out of range")]
    [InlineData("calibration", "\"judged\"", "$.calibration", null, "calibration", "\"provisional\", \"calibrated\"")]
    [InlineData("formatVersion", "1", "$.formatVersion", null, "formatVersion", "'formatVersion' must be 2, but is 1. Version 1 files are not read any more")]
    [InlineData("id", "\" \"", "$.id", null, "id", "'id' must not be empty.")]
    [InlineData("scale", "[]", "$.scale", null, "scale", "'scale' must be an object, but is an array.")]
    [InlineData("blueprint.domains", "[]", "$.blueprint.domains", null, "domains", "needs at least 1 element(s), but has 0")]
    [InlineData("items[2]", "\"SCN-0003\"", "$.items[2]", null, "items[2]", "'items[2]' must be an object, but is a string.")]
    public void Parse_WrongType_NamesPathItemAndField(string field, string value, string path, string? itemId, string name, string message)
    {
        var json = Valid();
        Set(json, field, JsonNode.Parse(value));

        var ex = Fails(json);

        AssertProblem(Assert.Single(ex.Problems), path, itemId, name, message);
    }

    [Fact]
    public void Parse_WrongTypeWhereTheBankIsExpected_IsOneProblem()
    {
        var ex = Fails("[1, 2]");
        AssertProblem(Assert.Single(ex.Problems), "$", null, null, "The bank must be an object, but is an array.");
    }

    [Fact]
    public void Parse_RepeatedField_IsAProblem()
    {
        string json = Valid().ToJsonString().Replace("\"key\":\"B\"", "\"key\":\"B\",\"key\":\"C\"", StringComparison.Ordinal);

        var ex = Fails(json);

        Assert.All(ex.Problems, p => Assert.Contains("appears more than once", p.Message));
        AssertProblem(ex.Problems[0], "$.items[0].key", "SCN-0001", "key", "Field 'key' appears more than once");
    }

    [Theory]
    [InlineData("items[1].id", "SCN-0001", "$.items[1].id", "SCN-0001", "id", "Item id 'SCN-0001' is already used by $.items[0].")]
    [InlineData("items[1].options[1].id", "A", "$.items[1].options[1].id", "SCN-0002", "options[1].id", "Option id 'A' is used twice.")]
    [InlineData("blueprint.domains[1].id", "scene", "$.blueprint.domains[1].id", null, "id", "Domain id 'scene' is declared twice.")]
    public void Parse_DuplicateId_NamesPathItemAndField(string field, string value, string path, string? itemId, string name, string message)
    {
        var json = Valid();
        Set(json, field, value);

        var problems = Fails(json).Problems;

        AssertProblem(problems[0], path, itemId, name, message);
    }

    [Fact]
    public void Parse_UnknownTag_NamesPathItemFieldAndTheAllowedTags()
    {
        var json = Valid();
        json["items"]![4]!["tags"] = new JsonArray("triage", "sequnce");
        AssertProblem(Assert.Single(Fails(json).Problems), "$.items[4].tags[1]", "PRI-0002", "tags[1]",
            "'tags[1]' must be one of \"safety\", \"sequence\", \"scope\", \"reading\", \"pacing\", \"pediatric\", \"geriatric\", \"obstetric\", \"legal\", \"behavioral\", \"triage\", but is \"sequnce\".");
    }

    [Fact]
    public void Parse_RepeatedTagOrEnemyGroup_NamesTheSecondEntry()
    {
        var json = Valid();
        json["items"]![4]!["tags"] = new JsonArray("scope", "scope");
        json["items"]![4]!["enemyGroups"] = new JsonArray("EG-PRI-01", "EG-PRI-01");
        var problems = Fails(json).Problems;
        Assert.Equal(2, problems.Count);
        AssertProblem(problems[0], "$.items[4].tags[1]", "PRI-0002", "tags[1]", "Tag 'scope' is listed twice.");
        AssertProblem(problems[1], "$.items[4].enemyGroups[1]", "PRI-0002", "enemyGroups[1]", "Enemy group 'EG-PRI-01' is listed twice.");
    }

    [Fact]
    public void Parse_VersionOneSingleEnemyGroup_IsAnUnknownFieldThatPointsToTheList()
    {
        var json = Valid();
        json["items"]![4]!.AsObject().Remove("enemyGroups");
        json["items"]![4]!["enemyGroup"] = "EG-PRI-01";
        AssertProblem(Assert.Single(Fails(json).Problems), "$.items[4].enemyGroup", "PRI-0002", "enemyGroup", "Unknown field 'enemyGroup'; did you mean 'enemyGroups'?");
    }

    [Theory]
    [InlineData("28/11/2026")]
    [InlineData("2026-02-30")]
    public void Parse_ReviewDateNotACalendarDate_NamesPathItemAndField(string date)
    {
        var json = Valid();
        json["items"]![0]!["review"]!["date"] = date;
        AssertProblem(Assert.Single(Fails(json).Problems), "$.items[0].review.date", "SCN-0001", "review.date",
            $"The review date must be a calendar date written yyyy-mm-dd, e.g. \"2026-11-28\", but is \"{date}\".");
    }

    [Fact]
    public void Parse_ReviewWithoutRole_IsAMissingField()
    {
        var json = Valid();
        json["items"]![0]!["review"]!.AsObject().Remove("reviewerRole");
        AssertProblem(Assert.Single(Fails(json).Problems), "$.items[0].review.reviewerRole", "SCN-0001", "review.reviewerRole", "Required field 'reviewerRole' is missing.");
    }

    [Fact]
    public void Parse_DuplicateSourceId_NamesPathAndField()
    {
        var json = Valid();
        json["sources"]!.AsArray().Add(new JsonObject { ["id"] = "aha-2025", ["title"] = "again" });
        AssertProblem(Assert.Single(Fails(json).Problems), "$.sources[2].id", null, "id", "Source id 'aha-2025' is already used by $.sources[0].");
    }

    [Fact]
    public void Parse_DuplicateEnemyGroupId_NamesPathAndField()
    {
        var json = Valid();
        json["enemyGroups"]!.AsArray().Add(new JsonObject { ["id"] = "EG-PRI-01", ["description"] = "again" });
        AssertProblem(Assert.Single(Fails(json).Problems), "$.enemyGroups[2].id", null, "id", "Enemy group 'EG-PRI-01' is declared twice.");
    }

    [Fact]
    public void Parse_UnknownDomain_NamesPathItemAndField()
    {
        var json = Valid();
        json["items"]![8]!["domain"] = "cardiology";
        AssertProblem(Assert.Single(Fails(json).Problems), "$.items[8].domain", "TRT-0001", "domain", "Domain 'cardiology' is not in the blueprint (scene, primary, secondary, treatment, operations).");
    }

    [Theory]
    [InlineData(1, "\"E\"", "Key 'E' is not among the options (A, B, C, D).")]
    [InlineData(5, "[\"A\", \"F\"]", "Key 'F' is not among the options")]
    [InlineData(9, "[\"A\", \"B\", \"C\"]", "An ordered item's key must list all 4 options in order.")]
    [InlineData(1, "\"\"", "Key '' is not among the options")]
    public void Parse_KeyNotAmongTheOptions_NamesPathItemAndField(int index, string key, string message)
    {
        var json = Valid();
        json["items"]![index]!["key"] = JsonNode.Parse(key);
        var problem = Assert.Single(Fails(json).Problems);
        AssertProblem(problem, $"$.items[{index}].key", json["items"]![index]!["id"]!.GetValue<string>(), "key", message);
    }

    [Theory]
    [InlineData(0, "[\"B\"]", "A single-answer item's key is one option id written as a string")]
    [InlineData(5, "\"A\"", "A multiple-answer item's key is an array of option ids")]
    [InlineData(9, "\"A\"", "A ordered-answer item's key is an array of option ids")]
    public void Parse_KeyWrittenInTheWrongFormForTheType_NamesPathItemAndField(int index, string key, string message)
    {
        var json = Valid();
        json["items"]![index]!["key"] = JsonNode.Parse(key);
        var problem = Fails(json).Problems[0];
        AssertProblem(problem, $"$.items[{index}].key", json["items"]![index]!["id"]!.GetValue<string>(), "key", message);
    }

    [Theory]
    [InlineData("a", -0.5, "irt.a", "Discrimination a must be a finite number > 0, but was -0.5.")]
    [InlineData("a", 0, "irt.a", "Discrimination a must be a finite number > 0, but was 0.")]
    [InlineData("c", 1.0, "irt.c", "Lower asymptote c must be in [0, 1), but was 1.")]
    [InlineData("c", -0.1, "irt.c", "Lower asymptote c must be in [0, 1), but was -0.1.")]
    [InlineData("d", 0.1, "irt.d", "Upper asymptote d must be in (c, 1] with c = 0.2, but was 0.1.")]
    [InlineData("d", 1.2, "irt.d", "Upper asymptote d must be in (c, 1] with c = 0.2, but was 1.2.")]
    public void Parse_InvalidIrtParameter_ReusesTheParameterMessage(string parameter, double value, string field, string message)
    {
        var json = Valid();
        json["items"]![11]!["irt"]![parameter] = value; // OPS-0001, 4PL: c = 0.2, d = 0.98
        AssertProblem(Assert.Single(Fails(json).Problems), $"$.items[11].{field}", "OPS-0001", field, message);
        Assert.Equal(message, ItemParameters.Validate(
            parameter == "a" ? value : 1.1, 1.2, parameter == "c" ? value : 0.2, parameter == "d" ? value : 0.98)!.Message);
    }

    [Theory]
    [InlineData(6, "a", 1.3, "The 1PL model fixes a = 1, but a is 1.3")]
    [InlineData(6, "c", 0.2, "The 1PL model fixes c = 0, but c is 0.2")]
    [InlineData(1, "c", 0.2, "The 2PL model fixes c = 0, but c is 0.2; declare \"3PL\" or higher")]
    [InlineData(1, "d", 0.95, "The 2PL model fixes d = 1, but d is 0.95")]
    [InlineData(0, "d", 0.95, "The 3PL model fixes d = 1, but d is 0.95; declare \"4PL\"")]
    public void Parse_ModelDisagreesWithParameters_NamesTheParameter(int index, string parameter, double value, string message)
    {
        var json = Valid();
        json["items"]![index]!["irt"]![parameter] = value;
        var problem = Assert.Single(Fails(json).Problems);
        AssertProblem(problem, $"$.items[{index}].irt.{parameter}", json["items"]![index]!["id"]!.GetValue<string>(), "irt." + parameter, message);
    }

    [Fact]
    public void Parse_FourPLWithTwoPLValues_IsAllowed()
    {
        var json = Valid();
        json["items"]![1]!["irt"]!["model"] = "4PL";
        Assert.Equal(new ItemParameters(0.9, -1.8), Parse(json).Items[1].Parameters);
    }

    [Theory]
    [InlineData(0.1, "maximums to 97.0%")]
    [InlineData(0.6, "minimums sum to 131.0%")]
    public void Parse_BlueprintRangesThatCannotSumTo100_IsAProblem(double share, string message)
    {
        var json = Valid();
        var domains = json["blueprint"]!["domains"]!.AsArray();
        domains[0]!["minShare"] = share;
        domains[0]!["maxShare"] = share;

        var problem = Assert.Single(Fails(json).Problems);

        AssertProblem(problem, "$.blueprint.domains", null, null, "The domain shares cannot sum to 100%");
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void Parse_ShareOutsideItsRange_IsAProblem()
    {
        var json = Valid();
        json["blueprint"]!["domains"]![2]!["minShare"] = 0.1; // above maxShare 0.08
        var problem = Assert.Single(Fails(json).Problems);
        AssertProblem(problem, "$.blueprint.domains[2]", null, "minShare", "Domain 'secondary' needs 0 ≤ minShare ≤ maxShare ≤ 1");
    }

    [Fact]
    public void Parse_UndeclaredEnemyGroup_NamesPathItemAndField()
    {
        var json = Valid();
        json["items"]![9]!["enemyGroups"] = new JsonArray("EG-NOPE");
        AssertProblem(Assert.Single(Fails(json).Problems), "$.items[9].enemyGroups[0]", "TRT-0002", "enemyGroups[0]", "Enemy group 'EG-NOPE' is not declared in $.enemyGroups.");
    }

    [Fact]
    public void Parse_DomainWithTooFewScoredItemsForThePreset_IsAProblem()
    {
        var json = Valid();
        json["items"]![5]!["status"] = "pilot"; // primary now has 2 scored items; ⌈0.41 × 5⌉ = 3

        var ex = Assert.Throws<BankValidationException>(() => ItemBankJson.Parse("bank.json", json.ToJsonString(), TinyPreset));

        AssertProblem(Assert.Single(ex.Problems), "$.blueprint.domains[1].maxShare", null, "maxShare",
            "Domain 'primary' has 2 scored items, but a test of up to 5 scored items may give it up to 3 (maxShare 0.41 × 5, rounded up); add 1 scored items");
    }

    [Fact]
    public void Parse_TooFewPilotItemsForThePreset_IsAProblem()
    {
        var json = Valid();
        json["items"]![2]!["status"] = "scored";

        var ex = Assert.Throws<BankValidationException>(() => ItemBankJson.Parse("bank.json", json.ToJsonString(), TinyPreset));

        AssertProblem(Assert.Single(ex.Problems), "$.items", null, "status", "The bank has 1 pilot items, but each test delivers 2; add 1 pilot items.");
    }

    [Fact]
    public void Parse_DefaultOptions_CheckTheEmrPreset()
    {
        var ex = Fails(Valid().ToJsonString(), BankValidationOptions.Emr);
        Assert.Equal(6, ex.Problems.Count); // five domains short of ⌈maxShare × 80⌉, and 2 of 30 pilot items
        Assert.Equal(ex.Problems.Select(p => p.Message), Assert.Throws<BankValidationException>(() => ItemBankJson.Parse("bank.json", Valid().ToJsonString())).Problems.Select(p => p.Message));
        Assert.Contains(ex.Problems, p => p.Message.StartsWith("Domain 'primary' has 3 scored items, but a test of up to 80 scored items may give it up to 33", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ProblemThatFollowsFromAShapeProblem_IsNotRepeated()
    {
        var json = Valid();
        json["items"]![1]!.AsObject().Remove("key");           // not also "the key is empty"
        json["items"]![7]!["domain"] = 7;                        // not also "domain '' is not in the blueprint"
        json["blueprint"]!["domains"]![0]!.AsObject().Remove("maxShare"); // not also a share-sum or capacity problem

        var ex = Assert.Throws<BankValidationException>(() => ItemBankJson.Parse("bank.json", json.ToJsonString(), TinyPreset));

        Assert.Equal(["$.blueprint.domains[0].maxShare", "$.items[1].key", "$.items[7].domain"], ex.Problems.Select(p => p.Path));
    }

    [Fact]
    public void Parse_NestingDeeperThan32_IsAProblem()
    {
        var ex = Fails(new string('[', 40) + new string(']', 40));
        AssertProblem(Assert.Single(ex.Problems), "$", null, null, "The JSON is nested more than 32 levels deep at line 1, byte 33");
    }

    [Fact]
    public void Parse_NestingDeeperThan32InsideAnItem_IsAProblem()
    {
        string json = Valid().ToJsonString().Replace("\"tags\":[]", "\"tags\":" + new string('[', 30) + new string(']', 30), StringComparison.Ordinal);
        AssertProblem(Assert.Single(Fails(json).Problems), "$", null, null, "nested more than 32 levels deep");
    }

    [Fact]
    public void Parse_InputOver16MiB_IsAProblem()
    {
        var ex = Fails(" " + new string(' ', 16 * 1024 * 1024));
        AssertProblem(Assert.Single(ex.Problems), "$", null, null, "larger than 16 MiB");
    }

    [Fact]
    public void Load_FileOver16MiB_IsAProblemAndIsNotRead()
    {
        string path = Path.Combine(Path.GetTempPath(), $"emrcat-big-{Guid.NewGuid():N}.json");
        try
        {
            using (var file = File.Create(path)) file.SetLength(16L * 1024 * 1024 + 1);
            var ex = Assert.Throws<BankValidationException>(() => ItemBankJson.Load(path));
            AssertProblem(Assert.Single(ex.Problems), "$", null, null, "The file is 16.0 MiB; a bank file may be at most 16 MiB.");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_MissingFile_IsAProblem()
    {
        var ex = Assert.Throws<BankValidationException>(() => ItemBankJson.Load(Path.Combine(Path.GetTempPath(), "no-such-bank.json")));
        AssertProblem(Assert.Single(ex.Problems), "$", null, null, "Cannot read the bank file");
    }

    [Fact]
    public void Load_Directory_IsAProblem()
    {
        var ex = Assert.Throws<BankValidationException>(() => ItemBankJson.Load(Path.GetTempPath()));
        AssertProblem(Assert.Single(ex.Problems), "$", null, null, "Cannot read the bank file");
    }

    [Fact]
    public void FromUtf8_InvalidUtf8_ReportsWhere()
    {
        byte[] bytes = [.. "{\n  \"id\": \""u8, 0xFF, .. "\"\n}"u8];
        var ex = Assert.Throws<BankValidationException>(() => ItemBankJson.FromUtf8("bank.json", bytes, BankValidationOptions.ConsistencyOnly));
        AssertProblem(Assert.Single(ex.Problems), "$", null, null, "The file is not valid UTF-8 text: line 2, byte 10.");
    }

    [Fact]
    public void Parse_LoneSurrogateEscape_IsAProblem()
    {
        var json = Valid();
        string text = json.ToJsonString().Replace("\"stem\":\"What is the compression rate", "\"stem\":\"\\uD800 What is the compression rate", StringComparison.Ordinal);
        text = text.Replace("\"rationale\":", "\"\\uDC00\":1,\"rationale\":", StringComparison.Ordinal);

        var problems = Fails(text).Problems;

        Assert.Contains(problems, p => p.Path == "$.items[4].stem" && p.Message.Contains("unpaired surrogate", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "$.items[0]" && p.Message.Contains("field name with an unpaired surrogate", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ProblemsInSeveralSections_AreInFileOrder()
    {
        var json = Valid();
        json["items"]![12]!["key"] = "Z";
        json["items"]![0]!["key"] = "Z";
        json["scale"]!["pointsPerLogit"] = 0;
        json["extra"] = true;

        var paths = Fails(json).Problems.Select(p => p.Path).ToList();

        Assert.Equal(["$.scale", "$.items[0].key", "$.items[12].key", "$.extra"], paths);
    }

    [Fact]
    public void Parse_SameDefectAsItemBankCreate_GivesTheSameMessage()
    {
        var json = Valid();
        json["items"]![1]!["key"] = "E";
        var fromJson = Assert.Single(Fails(json).Problems);

        var bank = Parse(Valid());
        var items = bank.Items.Select((item, i) => i == 1 ? item with { Key = ["E"] } : item).ToList();
        var fromCode = Assert.Throws<BankValidationException>(() => ItemBank.Create(bank.Metadata, bank.Scale, bank.Blueprint, items, bank.EnemyGroups));

        Assert.Equal(fromJson, Assert.Single(fromCode.Problems));
    }

    [Fact]
    public void Parse_InvalidOptions_ThrowArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => ItemBankJson.Parse("bank.json", "{}", new BankValidationOptions { PilotItems = -1 }));
        Assert.Contains("PilotItems must be ≥ 0, but was -1.", ex.Message);
    }

    [Fact]
    public void Parse_RandomDamage_OnlyEverThrowsBankValidationException()
    {
        // Any input either loads or fails with BankValidationException: cut, spliced, retyped and garbled banks.
        string valid = Valid().ToJsonString();
        var random = new Random(20240611);
        for (int round = 0; round < 1500; round++)
        {
            string damaged = (round % 3) switch
            {
                0 => valid[..random.Next(valid.Length)],
                1 => valid.Remove(random.Next(valid.Length - 10), random.Next(1, 10)),
                _ => EmrCat.Fuzz.JsonEdit.ApplyAll(valid, [new EmrCat.Fuzz.JsonEdit(EmrCat.Fuzz.JsonEditKind.Replace, random.Next(), random.Next())]),
            };
            try
            {
                ItemBankJson.Parse("damaged.json", damaged, BankValidationOptions.ConsistencyOnly);
            }
            catch (BankValidationException e)
            {
                Assert.NotEmpty(e.Problems);
            }
        }
    }

    internal static JsonObject Valid() => JsonNode.Parse(File.ReadAllText(FixturePaths.Bank("small-valid.json")))!.AsObject();

    private static ItemBank Parse(JsonNode json) => Parse(json.ToJsonString());

    private static ItemBank Parse(string json) => ItemBankJson.Parse("bank.json", json, BankValidationOptions.ConsistencyOnly);

    private static BankValidationException Fails(JsonNode json) => Fails(json.ToJsonString());

    private static BankValidationException Fails(string json, BankValidationOptions? options = null) =>
        Assert.Throws<BankValidationException>(() => ItemBankJson.Parse("bank.json", json, options ?? BankValidationOptions.ConsistencyOnly));

    private static void AssertProblem(BankProblem problem, string path, string? itemId, string? field, string message)
    {
        Assert.Equal(path, problem.Path);
        Assert.Equal(itemId, problem.ItemId);
        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message);
    }

    /// <summary>The parent node and last step of a path like <c>items[4].irt.b</c> in <paramref name="root"/>.</summary>
    private static (JsonNode Parent, string Last) Navigate(JsonNode root, string path)
    {
        var steps = path.Replace("[", ".[", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries);
        JsonNode node = root;
        foreach (string step in steps[..^1]) node = step.StartsWith('[') ? node[Index(step)]! : node[step]!;
        return (node, steps[^1]);
    }

    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var (parent, last) = Navigate(root, path);
        if (last.StartsWith('[')) parent[Index(last)] = value;
        else parent[last] = value;
    }

    private static int Index(string step) => int.Parse(step[1..^1], System.Globalization.CultureInfo.InvariantCulture);
}
