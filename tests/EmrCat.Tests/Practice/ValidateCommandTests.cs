using System.Text.Json.Nodes;
using EmrCat.Practice.Commands;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Practice;

public class ValidateCommandTests
{
    [Fact]
    public void Run_ValidBank_PrintsTheSummaryAndExits0()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        int code = ValidateCommand.Run(FixturePaths.Bank("small-valid.json"), "auto", "none", stdout, stderr);

        Assert.Equal(0, code);
        Assert.Empty(stderr.ToString());
        string output = stdout.ToString();
        Assert.Contains("bank fixture-small \"Small fixture bank\" version 1.0.0 (en-US), provisional parameters", output);
        Assert.Contains("13 items: 11 scored, 2 pilot; capacity not checked", output);
        Assert.Matches(@"primary\s+Primary Assessment\s+3\s+0\s+27\.3%\s+37–41%", output);
        Assert.Matches(@"scene\s+Scene Size-up & Safety\s+2\s+1\s+18\.2%\s+19–23%", output);
        Assert.Matches(@"a\s+0\.80\s+1\.11\s+1\.50", output);
        Assert.Matches(@"c\s+0\.00\s+0\.14\s+0\.20", output);
        Assert.Contains("enemy groups: 2 (3 items)", output);
        Assert.Contains("best length strategy: picking the longest option scores 40.9% over 11 single-answer items (chance is 25.0%)", output);
        Assert.Matches(@"all\s+11\s+3\s+2\.1\s+40\.9%\s+31\.8%\s+13\.6%\s+13\.6%\s+40\.9%\s+4\s+5\s+2\s+0", output);
        Assert.Matches(@"scored items by b: < -2\.0: \d+, .*≥ 2\.0: \d+", output);
        Assert.Contains("tags: sequence 3, safety 2, legal 1, scope 1, (none) 7", output);
    }

    [Fact]
    public void Run_ValidBankForAFittingPreset_ShowsWhatEachDomainNeeds()
    {
        var stdout = new StringWriter();
        Assert.Equal(1, ValidateCommand.Run(FixturePaths.Bank("small-valid.json"), "json", "emr", stdout, TextWriter.Null));

        string path = WriteTemp(BigEnoughBank());
        try
        {
            Assert.Equal(0, ValidateCommand.Run(path, "json", "emr", stdout, TextWriter.Null));
            Assert.Contains("capacity checked for tests of up to 80 scored and 30 pilot items", stdout.ToString());
            Assert.Matches(@"primary\s+Primary Assessment\s+33\s+6\s+20\.0%\s+37–41%\s+33", stdout.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Run_BrokenBank_PrintsEveryProblemOnePerLineAndExits1()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        int code = ValidateCommand.Run(FixturePaths.Bank("three-defects.json"), "auto", "none", stdout, stderr);

        Assert.Equal(1, code);
        Assert.Empty(stdout.ToString());
        var lines = stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("three-defects.json: 3 problems; nothing was loaded.", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("$.items[3].difficulty\tPRI-0001\tdifficulty\tUnknown field 'difficulty'", lines[1]);
        Assert.StartsWith("$.items[7].id\tSCN-0001\tid\tItem id 'SCN-0001' is already used by $.items[0].", lines[2]);
        Assert.StartsWith("$.items[11].irt.c\tOPS-0001\tirt.c\tLower asymptote c", lines[3]);
    }

    [Fact]
    public void Run_EmrPresetOnASmallBank_ReportsCapacity()
    {
        var stderr = new StringWriter();
        Assert.Equal(1, ValidateCommand.Run(FixturePaths.Bank("small-valid.json"), "auto", "emr", TextWriter.Null, stderr));
        Assert.Contains("$.items\t-\tstatus\tThe bank has 2 pilot items, but each test delivers 30", stderr.ToString());
    }

    [Fact]
    public void Run_MalformedOrMissingFile_ReportsAndExits1()
    {
        var stderr = new StringWriter();
        Assert.Equal(1, ValidateCommand.Run(FixturePaths.Bank("malformed.json"), "auto", "none", TextWriter.Null, stderr));
        Assert.Contains("$\t-\t-\tMalformed JSON at line 5, byte 3", stderr.ToString());
        Assert.Equal(1, ValidateCommand.Run(FixturePaths.Bank("missing.json"), "auto", "none", TextWriter.Null, stderr));
        Assert.Contains("Cannot read the bank file", stderr.ToString());
    }

    [Fact]
    public void Run_CsvTable_PrintsItsParametersAndExits0()
    {
        var stdout = new StringWriter();

        int code = ValidateCommand.Run(FixturePaths.CatR("params.csv"), "auto", "emr", stdout, TextWriter.Null);

        Assert.Equal(0, code);
        Assert.Contains("valid id,a,b,c,d table", stdout.ToString());
        Assert.Matches(@"\nb\s+-?\d+\.\d\d\s+-?\d+\.\d\d\s+-?\d+\.\d\d", stdout.ToString());
    }

    [Fact]
    public void Run_MalformedCsv_NamesLineAndColumnAndExits1()
    {
        string path = Path.Combine(Path.GetTempPath(), $"emrcat-validate-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "id,a,b\nX1,-1,0\n");
        try
        {
            var stderr = new StringWriter();
            Assert.Equal(1, ValidateCommand.Run(path, "csv", "emr", TextWriter.Null, stderr));
            Assert.Contains(":2:2: Item 'X1': Discrimination a", stderr.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("xml", "emr")]
    [InlineData("json", "nremt")]
    public void Run_UnknownFormatOrPreset_IsAUsageError(string format, string preset)
    {
        var stderr = new StringWriter();
        Assert.Equal(2, ValidateCommand.Run("bank.json", format, preset, TextWriter.Null, stderr));
        Assert.Contains("--format", stderr.ToString());
    }

    /// <summary>The small fixture with enough copies of its items for the EMR preset: 33 scored items per domain, 30 pilot.</summary>
    private static JsonObject BigEnoughBank()
    {
        var json = Banks.ItemBankJsonTests.Valid();
        var items = json["items"]!.AsArray();
        var originals = items.Select(i => i!.DeepClone()).ToList();
        items.Clear();
        json["enemyGroups"] = new JsonArray();
        foreach (string domain in new[] { "scene", "primary", "secondary", "treatment", "operations" })
        {
            var template = originals.First(i => i!["domain"]!.GetValue<string>() == domain && i["type"]!.GetValue<string>() == "single")!;
            for (int n = 0; n < 39; n++)
            {
                var copy = template.DeepClone().AsObject();
                copy["id"] = $"{domain}-{n}";
                copy["status"] = n < 33 ? "scored" : "pilot";
                copy.Remove("enemyGroups");
                items.Add(copy);
            }
        }

        return json;
    }

    private static string WriteTemp(JsonNode json)
    {
        string path = Path.Combine(Path.GetTempPath(), $"emrcat-validate-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }
}
