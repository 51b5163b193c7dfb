using EmrCat.Banks;
using EmrCat.Sessions;
using EmrCat.Simulation;

namespace EmrCat.Tests.Simulation;

public class ExposureCalibratorTests
{
    [Fact]
    public void Calibrate_OnAW1Bank_BringsTheHighestRateDownToTheTargetAndTheParametersHoldOnANewSample()
    {
        var bank = TestBanks.W1Like(300);
        var options = CatOptions.W1 with { MinScoredItems = 20, MaxScoredItems = 20, FixedLength = 20 };
        var before = Simulator.Run(bank, options, new SimulationOptions { Examinees = 1000, Seed = 3, Threads = 2 });
        Assert.True(before.MaxExposure > 0.5, $"uncontrolled max {before.MaxExposure}");

        var rounds = new List<ExposureCalibrationRound>();
        var result = ExposureCalibrator.Calibrate(bank, options, new ExposureCalibrationOptions { TargetRate = 0.25, Examinees = 1000, MaxRounds = 15, Threads = 2, Seed = 4 }, new Collect(rounds));

        Assert.True(result.Converged, string.Join("; ", result.Rounds));
        Assert.Equal(result.Rounds, rounds);
        Assert.All(result.Parameters.Values, k => Assert.InRange(k, 1e-6, 1.0));
        var after = Simulator.Run(bank, options with { ExposureParameters = result.Parameters }, new SimulationOptions { Examinees = 1000, Seed = 99, Threads = 2 });
        Assert.InRange(after.MaxExposure, 0.0, 0.25 + 3 * Math.Sqrt(0.25 * 0.75 / 1000));
    }

    [Fact]
    public void Calibrate_InvalidOptions_ThrowsListingThem()
    {
        var e = Assert.Throws<ArgumentException>(() => ExposureCalibrator.Calibrate(TestBanks.W1Like(50), CatOptions.W1, new ExposureCalibrationOptions { TargetRate = 0, Examinees = 5 }));
        Assert.Contains("TargetRate", e.Message, StringComparison.Ordinal);
        Assert.Contains("Examinees", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExposureParameterFile_SavesAndLoads_AndNamesTheFileAndItemOfABadEntry()
    {
        var bank = TestBanks.W1Like(20);
        string dir = Directory.CreateTempSubdirectory("emrcat-exposure-").FullName;
        try
        {
            string path = Path.Combine(dir, "bank.exposure.json");
            var file = new ExposureParameterFile { BankId = bank.Metadata.Id, BankVersion = bank.Metadata.Version, BankFingerprint = bank.Fingerprint, TargetRate = 0.25, Parameters = new Dictionary<string, double> { [bank.Items[3].Id] = 0.4 } };
            file.Save(path);
            var loaded = ExposureParameterFile.Load(path, bank);
            Assert.True(loaded.IsFor(bank));
            Assert.Equal(0.4, loaded.Parameters[bank.Items[3].Id]);

            File.WriteAllText(path, File.ReadAllText(path).Replace(bank.Items[3].Id, "NOPE", StringComparison.Ordinal));
            var missing = Assert.Throws<InputFormatException>(() => ExposureParameterFile.Load(path, bank));
            Assert.Contains(path, missing.Message, StringComparison.Ordinal);
            Assert.Contains("'NOPE'", missing.Message, StringComparison.Ordinal);

            File.WriteAllText(path, File.ReadAllText(path).Replace("0.4", "1.5", StringComparison.Ordinal));
            Assert.Contains("(0, 1]", Assert.Throws<InputFormatException>(() => ExposureParameterFile.Read(path)).Message, StringComparison.Ordinal);
            Assert.Equal("x/emr-practice.exposure.json", ExposureParameterFile.PathFor("x/emr-practice.json"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private sealed class Collect(List<ExposureCalibrationRound> rounds) : IProgress<ExposureCalibrationRound>
    {
        public void Report(ExposureCalibrationRound value) => rounds.Add(value);
    }
}
