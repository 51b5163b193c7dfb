using EmrCat.Banks;
using EmrCat.IO;
using EmrCat.Sessions;
using EmrCat.Selection;
using EmrCat.Simulation;

namespace EmrCat.Tests.Selection;

/// <summary>Conditional (θ-band) Sympson–Hetter: bands, the selector's use of the interim θ's band, options, the file and the calibration.</summary>
public class ConditionalSympsonHetterTests
{
    private static ConditionalExposureParameters Conditional(double edge, IReadOnlyDictionary<string, double> below, IReadOnlyDictionary<string, double> above) =>
        new([edge], [below, above]);

    [Fact]
    public void BandOf_CountsTheEdgesAtOrBelowTheta()
    {
        var c = new ConditionalExposureParameters([-1, 0, 1], [new Dictionary<string, double>(), new Dictionary<string, double>(), new Dictionary<string, double>(), new Dictionary<string, double>()]);
        Assert.Equal([0, 1, 1, 2, 3, 3], new[] { -5, -1, -0.5, 0, 1, 4 }.Select(c.BandOf));
        Assert.Empty(c.Validate());
    }

    [Fact]
    public void Validate_ReportsEdgesBandsAndValuesAtOnce()
    {
        var c = new ConditionalExposureParameters([0.5, 0.5], [new Dictionary<string, double> { ["A"] = 0 }]);
        var problems = c.Validate();
        Assert.Contains(problems, p => p.Contains("strictly ascending", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("needs 3 bands", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Bands[0]['A']", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_RejectBothKindsAtOnceAndItemsNotInTheBank()
    {
        var bank = TestBanks.W1Like(40);
        var options = CatOptions.W1 with
        {
            ExposureParameters = new Dictionary<string, double> { [bank.Items[0].Id] = 0.5 },
            ConditionalExposure = Conditional(0, new Dictionary<string, double>(), new Dictionary<string, double> { ["NOPE"] = 0.5 }),
        };
        var problems = options.Validate(bank);
        Assert.Contains(problems, p => p.Contains("not both", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ConditionalExposure names item 'NOPE'", StringComparison.Ordinal));
    }

    [Fact]
    public void Selector_TakesKFromTheBandOfTheInterimTheta()
    {
        var bank = TestBanks.W1Like(60);
        var available = Enumerable.Repeat(true, bank.Count).ToArray();
        int best = MaximumInformationSelector.Instance.Select(new SelectionContext(bank, 1.5, available, -1, 0, 1, 0, []));
        string id = bank.Items[best].Id;
        var nearZero = new Dictionary<string, double> { [id] = 1e-9 };
        var none = new Dictionary<string, double>();

        // K ≈ 0 in the band of θ = 1.5: the best item is turned down; K ≈ 0 only in the other band: it is given.
        for (int step = 0; step < 20; step++)
        {
            var heldAbove = new SympsonHetterSelector(MaximumInformationSelector.Instance, Conditional(0, none, nearZero));
            var heldBelow = new SympsonHetterSelector(MaximumInformationSelector.Instance, Conditional(0, nearZero, none));
            Assert.NotEqual(best, heldAbove.Select(new SelectionContext(bank, 1.5, available, -1, step, 7, 0, [])));
            Assert.Equal(best, heldBelow.Select(new SelectionContext(bank, 1.5, available, -1, step, 7, 0, [])));
        }
    }

    [Fact]
    public void File_CarriesConditionalParameters_AndNamesABadBandValue()
    {
        var bank = TestBanks.W1Like(40);
        string dir = Directory.CreateTempSubdirectory("emrcat-conditional-").FullName;
        try
        {
            string path = Path.Combine(dir, "bank.exposure.json");
            var conditional = Conditional(0.25, new Dictionary<string, double> { [bank.Items[3].Id] = 0.4 }, new Dictionary<string, double> { [bank.Items[5].Id] = 0.7, [bank.Items[1].Id] = 0.2 });
            new ExposureParameterFile { BankId = bank.Metadata.Id, BankVersion = bank.Metadata.Version, BankFingerprint = bank.Fingerprint, TargetRate = 0.2, Parameters = new Dictionary<string, double>(), Conditional = conditional }.Save(path);
            var read = ExposureParameterFile.Load(path, bank);
            Assert.Equal([0.25], read.Conditional!.Edges);
            Assert.Equal(conditional.Bands.Select(b => b.OrderBy(p => p.Key, StringComparer.Ordinal)), read.Conditional.Bands.Select(b => b.OrderBy(p => p.Key, StringComparer.Ordinal)));
            Assert.Equal(read.Conditional.Bands[1].Keys.Order(StringComparer.Ordinal), read.Conditional.Bands[1].Keys);

            File.WriteAllText(path, File.ReadAllText(path).Replace("0.7", "1.7", StringComparison.Ordinal));
            var error = Assert.Throws<InputFormatException>(() => ExposureParameterFile.Load(path, bank));
            Assert.Contains($"$.conditional.bands[1]['{bank.Items[5].Id}']", error.Message, StringComparison.Ordinal);
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Calibrate_WithBandEdges_BringsEveryBandDown_AndTheSimulationAtAFixedThetaAgrees()
    {
        var bank = TestBanks.Emr;
        var options = CatOptions.Quick with { PilotItems = 0, RandomesqueK = 1 };
        var calibration = ExposureCalibrator.Calibrate(bank, options, new ExposureCalibrationOptions { TargetRate = 0.4, Tolerance = 0.1, Examinees = 250, MaxRounds = 10, StableRounds = 10, Seed = 3, Threads = 2, BandEdges = [-0.5, 0.5] });
        // On this small bank the thin Secondary domain keeps one item above the target in the middle band (when every
        // eligible item of a domain is turned down, the last one proposed is given regardless of K), so the
        // calibration need not converge; the rates still fall from every examinee to about half.
        Assert.Equal(10, calibration.Rounds.Count);
        Assert.True(calibration.Rounds[^1].MaxScoredRate < 0.65 && calibration.Rounds[^1].ItemsAboveTarget <= 3, string.Join("; ", calibration.Rounds));
        Assert.Empty(calibration.Parameters);
        var conditional = calibration.Conditional!;
        Assert.Equal(3, conditional.Bands.Count);
        Assert.All(conditional.Bands, b => Assert.NotEmpty(b));
        Assert.True(calibration.Rounds[0].MaxScoredRate > 0.9, $"without control the top item should be well above the target: {calibration.Rounds[0].MaxScoredRate}");

        // At a fixed true θ inside the middle band, the conditional parameters hold the top rate down there too.
        var at = new SimulationOptions { Examinees = 400, Seed = 99, Threads = 2, FixedTrueTheta = 0 };
        double without = Simulator.Run(bank, options, at).ScoredExposure.MaxRate;
        double with = Simulator.Run(bank, options with { ConditionalExposure = conditional }, at).ScoredExposure.MaxRate;
        Assert.True(without > 0.9, $"without: {without}");
        Assert.True(with < 0.65, $"with: {with}");
    }
}
