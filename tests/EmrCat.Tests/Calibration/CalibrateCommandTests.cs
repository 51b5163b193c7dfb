using EmrCat.IO;
using EmrCat.Calibration;
using EmrCat.Practice.Commands;
using EmrCat.Tests.Fixtures;
using EmrCat.Tests.Practice;

namespace EmrCat.Tests.Calibration;

/// <summary>The host's calibrate, bank update and export-responses commands, end to end.</summary>
public class CalibrateCommandTests
{
    private static string Temp(string name) => Path.Combine(Directory.CreateTempSubdirectory("emrcat-calib-").FullName, name);

    [Fact]
    public void Calibrate_RealHostOnPilotDesign_WritesMirtsEstimatesAndScoreReadsThem()
    {
        string output = Temp("pilots.csv");
        var (code, stdout, stderr) = HostProcess.Run(null, "calibrate",
            "--responses", FixturePaths.Mirt("pilot-fixed", "responses.csv"),
            "--model", "2pl",
            "--fixed", FixturePaths.Mirt("pilot-fixed", "truth.csv"),
            "--out", output);

        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("calibrating 20 2pl items (60 fixed) from 3000 examinees", stdout);
        Assert.Contains("converged yes", stdout);
        var ours = OracleTable.Parse(File.ReadAllText(output));
        var mirt = OracleTable.Load("pilot-fixed", "mirt.csv");
        foreach (string id in mirt.Ids.Where(id => id.StartsWith("PL", StringComparison.Ordinal)))
        {
            Assert.Equal(mirt[id, "a"], ours[id, "a"], 0.01);
            Assert.Equal(mirt[id, "b"], ours[id, "b"], 0.01);
            Assert.Equal(mirt[id, "se_a"], ours[id, "se_a"], 0.002);
            Assert.Equal(mirt[id, "se_b"], ours[id, "se_b"], 0.002);
            Assert.False(ours.Rows[id].ContainsKey("se_c"));
        }

        Assert.False(ours.Rows["OP001"].ContainsKey("se_a")); // fixed: no SE

        // The table is an input for score as it stands (IRT form; se_*, n and fixed are ignored there).
        string scores = Temp("scores.csv");
        Assert.Equal(0, ScoreCommand.Run(output, FixturePaths.Mirt("pilot-fixed", "responses.csv"), scores, "eap", 5, TextWriter.Null, TextWriter.Null));
        Assert.Equal(3001, File.ReadAllLines(scores).Length);
    }

    [Fact]
    public void Calibrate_ThreePlWithBetaPrior_MatchesTheExactPosteriorMode()
    {
        string output = Temp("3pl.csv");
        var stdout = new StringWriter();
        int code = CalibrateCommand.Run(new CalibrateCommand.Request(FixturePaths.Mirt("3pl", "responses.csv"), "3pl", "beta:5,17", null, output), stdout, TextWriter.Null);

        Assert.Equal(0, code);
        Assert.Contains("logPrior 52.73", stdout.ToString());
        var ours = OracleTable.Parse(File.ReadAllText(output));
        var target = OracleTable.Load("3pl", "direct_map.csv");
        foreach (string id in target.Ids)
        {
            foreach (string column in new[] { "a", "b", "c" }) Assert.Equal(target[id, column], ours[id, column], 0.01);
        }
    }

    [Fact]
    public void Calibrate_GpcmWithFitOut_WritesStepsAndItemFit()
    {
        string output = Temp("gpcm.csv"), fit = Temp("fit.csv");
        var stdout = new StringWriter();
        int code = CalibrateCommand.Run(new CalibrateCommand.Request(FixturePaths.Mirt("gpcm", "responses.csv"), "gpcm", null, null, output, FitOut: fit), stdout, TextWriter.Null);

        Assert.Equal(0, code);
        Assert.StartsWith("id,a,t1,t2,t3,", File.ReadAllText(output));
        var fitRows = File.ReadAllLines(fit);
        Assert.Equal("id,sx2,df,p", fitRows[0]);
        Assert.Equal(21, fitRows.Length);
        Assert.All(fitRows.Skip(1), line => Assert.Equal(4, line.Split(',').Count(f => f.Length > 0)));
    }

    [Theory]
    [InlineData("4pl", null, null, "--model takes 1pl, 2pl, 3pl, gpcm, grm")]
    [InlineData("2pl", "beta:5,17", null, "--c-prior applies to --model 3pl only")]
    [InlineData("3pl", "beta:5", null, "--c-prior must be beta:ALPHA,BETA")]
    public void Calibrate_BadArguments_ExitTwoAndWriteNothing(string model, string? prior, string? fixedPath, string message)
    {
        string output = Temp("never.csv");
        var stderr = new StringWriter();

        int code = CalibrateCommand.Run(new CalibrateCommand.Request(FixturePaths.Mirt("2pl", "responses.csv"), model, prior, fixedPath, output), TextWriter.Null, stderr);

        Assert.Equal(2, code);
        Assert.Contains(message, stderr.ToString());
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Calibrate_PolytomousResponsesForA2plModel_ExitOneNamingTheCell()
    {
        string output = Temp("never.csv");
        var stderr = new StringWriter();

        int code = CalibrateCommand.Run(new CalibrateCommand.Request(FixturePaths.Mirt("gpcm", "responses.csv"), "2pl", null, null, output), TextWriter.Null, stderr);

        Assert.Equal(1, code);
        Assert.Contains("gpcm/responses.csv:2:2: Examinee 'S0001', item 'I001': a response must be 1, 0 or empty, but was '2'.", stderr.ToString());
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Calibrate_ConstantItem_ExitOneNamingTheItem()
    {
        string responses = Temp("r.csv"), output = Temp("never.csv");
        File.WriteAllText(responses, "examinee,I1,I2\nP1,1,0\nP2,1,1\nP3,1,0\n");
        var stderr = new StringWriter();

        int code = CalibrateCommand.Run(new CalibrateCommand.Request(responses, "2pl", null, null, output), TextWriter.Null, stderr);

        Assert.Equal(1, code);
        Assert.Contains("Item 'I1': No response is in category 0", stderr.ToString());
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Calibrate_RealHostBadArgument_ExitsTwoWithoutAStackTrace()
    {
        var (code, _, stderr) = HostProcess.Run(null, "calibrate", "--responses", "x.csv", "--model", "rasch", "--out", Temp("o.csv"));

        Assert.Equal(2, code);
        Assert.Contains("--model takes", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void BankUpdate_CalibratedPilots_ChangesOnlyTheirIrtValuesAndPromotesWellAnsweredOnes()
    {
        string bank = FixturePaths.Repository + "/item-bank/emr-practice.json";
        string original = File.ReadAllText(bank);
        var pilots = EmrCat.IO.ItemBankJson.Load(bank).Items.Where(i => i.Status == EmrCat.Banks.ItemStatus.Pilot).Take(2).Select(i => i.Id).ToList();
        string table = Temp("p.csv");
        File.WriteAllText(table, $"id,a,b,c,fixed,se_a,se_b,se_c,n\n{pilots[0]},1.2345,-0.5,0.18,0,0.1,0.1,0.01,800\n{pilots[1]},0.9,0.25,0,0,0.1,0.1,,120\n");
        string output = Temp("bank.json");
        var stdout = new StringWriter();

        int code = BankUpdateCommand.Run(bank, table, 500, output, stdout, TextWriter.Null);

        Assert.Equal(0, code);
        Assert.Contains($"promoted: {pilots[0]}", stdout.ToString());
        var updated = EmrCat.IO.ItemBankJson.Load(output, EmrCat.Banks.BankValidationOptions.ConsistencyOnly);
        var first = updated.Items.Single(i => i.Id == pilots[0]);
        Assert.Equal(EmrCat.Banks.ItemStatus.Scored, first.Status);
        Assert.Equal(new EmrCat.Irt.ItemParameters(1.2345, -0.5, 0.18), first.Parameters);
        var second = updated.Items.Single(i => i.Id == pilots[1]);
        Assert.Equal(EmrCat.Banks.ItemStatus.Pilot, second.Status); // 120 responses < 500
        Assert.Equal(new EmrCat.Irt.ItemParameters(0.9, 0.25), second.Parameters);

        // Everything else byte for byte: the only changed lines are those two items' irt values and one status.
        var before = original.Split('\n');
        var after = File.ReadAllText(output).Split('\n');
        Assert.Equal(before.Length, after.Length);
        var changed = before.Zip(after).Where(p => p.First != p.Second).ToList();
        Assert.InRange(changed.Count, 4, 9);
        Assert.All(changed, p => Assert.Matches("^\\s*\"(model|a|b|c|status)\": ", p.Second));
    }

    [Fact]
    public void BankUpdate_PolytomousTable_ExitOneAndTheBankIsUntouched()
    {
        string bank = Temp("bank.json");
        File.Copy(FixturePaths.Repository + "/item-bank/emr-practice.json", bank);
        string before = File.ReadAllText(bank);
        string table = Temp("g.csv");
        File.WriteAllText(table, "id,a,t1,t2\nSCN-0001,1,0,1\n");
        var stderr = new StringWriter();

        Assert.Equal(1, BankUpdateCommand.Run(bank, table, null, null, TextWriter.Null, stderr));
        Assert.Contains("Item 'SCN-0001': A Gpcm item cannot go into a bank of dichotomous items.", stderr.ToString());
        Assert.Equal(before, File.ReadAllText(bank));
    }

    [Fact]
    public void ExportResponses_AfterAPracticeRun_GivesAMatrixCalibrateReads()
    {
        string data = HostProcess.TempDataDir();
        string answers = string.Join('\n', Enumerable.Range(0, 40).Select(i => "ABCD"[(i * 7 + i / 3) % 4])); // lone letters: single-answer items
        Assert.Equal(0, HostProcess.Run(answers, "--preset", "quick", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "11", "--data-dir", data).ExitCode);
        Assert.Equal(0, HostProcess.Run(answers, "--preset", "quick", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "12", "--data-dir", data).ExitCode);
        string matrix = Temp("history.csv");
        var stdout = new StringWriter();

        int code = ExportResponsesCommand.Run(matrix, SingleAnswerBank.Path, data, stdout, TextWriter.Null);

        Assert.Equal(0, code);
        Assert.Contains("exported 2 run(s)", stdout.ToString());
        var parsed = CalibrationData.Load(matrix, 1);
        Assert.Equal(["run-1", "run-2"], parsed.Examinees);
        using var store = EmrCat.Practice.Storage.PracticeStore.Open(data);
        Assert.Equal(store.AllAnswers().Count, parsed.ResponseTotal);
        var result = store.Sessions()[0].Result!;
        foreach (var item in result.Items)
        {
            Assert.Equal(item.Correct ? 1 : 0, parsed[0, parsed.ItemIds.ToList().IndexOf(item.ItemId)]);
        }

        Assert.Contains(result.Items, i => i.IsPilot); // pilots are in the matrix too
    }

    [Fact]
    public void ExportResponses_NoHistory_ExitOne()
    {
        var stderr = new StringWriter();

        Assert.Equal(1, ExportResponsesCommand.Run(Temp("x.csv"), FixturePaths.Repository + "/item-bank/emr-practice.json", HostProcess.TempDataDir(), TextWriter.Null, stderr));
        Assert.Contains("No history database here", stderr.ToString());
    }
}
