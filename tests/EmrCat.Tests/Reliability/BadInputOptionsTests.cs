using EmrCat.Estimation;
using EmrCat.Scoring;
using EmrCat.Selection;
using EmrCat.Sessions;
using EmrCat.Simulation;

namespace EmrCat.Tests.Reliability;

/// <summary>
/// Invalid options of sessions, simulations and estimators: an <see cref="ArgumentException"/> (exactly that type)
/// whose parameter is the options and whose message names the option and the value, raised before anything runs.
/// </summary>
public class BadInputOptionsTests
{
    private static readonly CatOptions Quick = CatOptions.Quick;

    private static readonly Dictionary<string, (CatOptions Options, string Problem)> CatCases = new()
    {
        ["MinAboveMax"] = (Quick with { MinScoredItems = 21 }, "MaxScoredItems (20) must be at least MinScoredItems (21)."),
        ["MinZero"] = (Quick with { MinScoredItems = 0 }, "MinScoredItems must be at least 1, but was 0."),
        ["MaxAboveTheCap"] = (Quick with { MaxScoredItems = 10_001 }, "MaxScoredItems must be at most 10000, but was 10001."),
        ["MaxHuge"] = (Quick with { MinScoredItems = int.MaxValue, MaxScoredItems = int.MaxValue }, "MaxScoredItems must be at most 10000, but was 2147483647."),
        ["PilotsNegative"] = (Quick with { PilotItems = -1 }, "PilotItems must be 0 or more, but was -1."),
        ["PilotsAboveTheCap"] = (Quick with { PilotItems = int.MaxValue }, "PilotItems must be at most 10000, but was 2147483647."),
        ["ConfidenceZero"] = (Quick with { Confidence = 0 }, "Confidence must be in (0, 1), but was 0."),
        ["ConfidenceOne"] = (Quick with { Confidence = 1 }, "Confidence must be in (0, 1), but was 1."),
        ["ConfidenceNegative"] = (Quick with { Confidence = -0.95 }, "Confidence must be in (0, 1), but was -0.95."),
        ["ConfidencePercent"] = (Quick with { Confidence = 95 }, "Confidence must be in (0, 1), but was 95."),
        ["ConfidenceNaN"] = (Quick with { Confidence = double.NaN }, "Confidence must be in (0, 1), but was NaN."),
        ["TimeLimitNegative"] = (Quick with { TimeLimit = TimeSpan.FromMinutes(-1) }, "TimeLimit must be positive, but was -00:01:00."),
        ["TimeLimitZero"] = (Quick with { TimeLimit = TimeSpan.Zero }, "TimeLimit must be positive, but was 00:00:00."),
        ["RandomesqueZero"] = (Quick with { RandomesqueK = 0 }, "RandomesqueK must be in 1..64, but was 0."),
        ["RandomesqueTooLarge"] = (Quick with { RandomesqueK = 65 }, "RandomesqueK must be in 1..64, but was 65."),
        ["ExposureZero"] = (Quick with { ExposureParameters = new Dictionary<string, double> { ["PRI-0001"] = 0 } }, "ExposureParameters['PRI-0001'] must be in (0, 1], but was 0."),
        ["ExposureAboveOne"] = (Quick with { ExposureParameters = new Dictionary<string, double> { ["PRI-0001"] = 1.5 } }, "ExposureParameters['PRI-0001'] must be in (0, 1], but was 1.5."),
        ["ExposureNaN"] = (Quick with { ExposureParameters = new Dictionary<string, double> { ["PRI-0001"] = double.NaN } }, "ExposureParameters['PRI-0001'] must be in (0, 1], but was NaN."),
        ["ExposureNull"] = (Quick with { ExposureParameters = null! }, "ExposureParameters must not be null (use an empty dictionary)."),
        ["StandardErrorZero"] = (Quick with { StandardErrorTarget = 0 }, "StandardErrorTarget must be finite and > 0, but was 0."),
        ["StandardErrorInfinite"] = (Quick with { StandardErrorTarget = double.PositiveInfinity }, "StandardErrorTarget must be finite and > 0, but was Infinity."),
        ["FixedLengthNotMinAndMax"] = (Quick with { FixedLength = 18 }, "FixedLength (18) must equal MinScoredItems (15) and MaxScoredItems (20)."),
        ["StartThetaNaN"] = (Quick with { StartTheta = double.NaN }, "StartTheta must be finite, but was NaN."),
        ["StartThetaOutsideTheRange"] = (Quick with { StartTheta = 6 }, "StartTheta (6) must lie inside EstimatorRange [-5.5, 5.5]."),
        ["EmptyEstimatorRange"] = (Quick with { EstimatorRange = default }, "EstimatorRange must have Lower < Upper."),
        ["QuadratureOnePoint"] = (Quick with { QuadraturePoints = 1 }, "QuadraturePoints must be in 2..100000, but was 1."),
        ["QuadratureTooMany"] = (Quick with { QuadraturePoints = 100_001 }, "QuadraturePoints must be in 2..100000, but was 100001."),
        ["UnknownSelection"] = (Quick with { Selection = (SelectionMethod)9 }, "Unknown Selection 9."),
        ["UnknownEstimator"] = (Quick with { Estimator = (EstimatorKind)9 }, "Unknown Estimator 9."),
        ["UnknownIncompleteOutcome"] = (Quick with { IncompleteOutcome = (IncompleteOutcome)9 }, "Unknown IncompleteOutcome 9."),
    };

    public static TheoryData<string> CatCaseNames => new(CatCases.Keys);

    [Theory]
    [MemberData(nameof(CatCaseNames))]
    public void CatSessionStart_InvalidOption_ThrowsNamingTheOptionAndValue(string name)
    {
        var (options, problem) = CatCases[name];

        var ex = Assert.Throws<ArgumentException>(() => CatSession.Start(TestBanks.Emr, options, 1));

        Assert.Equal("options", ex.ParamName);
        Assert.StartsWith("Invalid CatOptions: ", ex.Message);
        Assert.Contains(problem, ex.Message);
        Assert.Equal(problem, Assert.Single(options.Validate()));
    }

    [Fact]
    public void CatSessionStart_SeveralInvalidOptions_ListsEveryOne()
    {
        var options = Quick with { Confidence = 2, RandomesqueK = 0, TimeLimit = TimeSpan.FromSeconds(-5), QuadraturePoints = 0, PilotItems = -3 };
        var ex = Assert.Throws<ArgumentException>(() => CatSession.Start(TestBanks.Emr, options, 1));
        Assert.Equal(5, options.Validate().Count);
        Assert.All(options.Validate(), problem => Assert.Contains(problem, ex.Message));
    }

    [Fact]
    public void CatSessionStart_ExposureParameterForAnItemNotInTheBank_NamesTheItem()
    {
        var options = Quick with { ExposureParameters = new Dictionary<string, double> { ["NOPE-0001"] = 0.5 } };
        var ex = Assert.Throws<ArgumentException>(() => CatSession.Start(TestBanks.Emr, options, 1));
        Assert.Equal("options", ex.ParamName);
        Assert.Contains("ExposureParameters names item 'NOPE-0001', which is not in bank 'test-7'.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CatSessionStart_MorePilotItemsThanTheBankHas_NamesTheCounts()
    {
        var ex = Assert.Throws<ArgumentException>(() => CatSession.Start(TestBanks.Emr, Quick with { PilotItems = 41 }, 1));
        Assert.Equal("options", ex.ParamName);
        Assert.Contains("The options ask for 41 pilot items but bank 'test-7' has 40.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThetaRange_EmptyOrNotFinite_ThrowsNamingTheEnds()
    {
        Assert.Contains("but was [1, 1]", Assert.Throws<ArgumentException>(() => new ThetaRange(1, 1)).Message);
        Assert.Contains("but was [-Infinity, 4]", Assert.Throws<ArgumentException>(() => new ThetaRange(double.NegativeInfinity, 4)).Message);
    }

    [Fact]
    public void ThetaRange_BeyondTheMagnitudeCap_Throws_SoAResumedSnapshotCannotAskForAHugeScanGrid()
    {
        // A fuzzed snapshot once carried estimatorRange.lower = int.MinValue: it passed validation and overflowed the
        // scan grid's point count when the estimator's state was created.
        Assert.Contains("within ±100", Assert.Throws<ArgumentException>(() => new ThetaRange(int.MinValue, 4)).Message);
        Assert.Throws<ArgumentException>(() => new ThetaRange(-4, 100.5));
        Assert.Equal(4001, ThetaGrid.PointCount(new ThetaRange(-ThetaRange.MaxMagnitude, ThetaRange.MaxMagnitude)));
        var json = System.Text.Json.JsonSerializer.Serialize(new ThetaRange(-4, 4)).Replace("-4", "-2147483648");
        Assert.Throws<ArgumentException>(() => System.Text.Json.JsonSerializer.Deserialize<ThetaRange>(json));
    }

    [Theory]
    [InlineData(0, 4, 0, 1, "Examinees must be at least 1, but was 0.")]
    [InlineData(10, 0, 0, 1, "Threads must be at least 1, but was 0.")]
    [InlineData(10, 1, double.NaN, 1, "TrueThetaMean must be finite.")]
    [InlineData(10, 1, 0, -1, "TrueThetaStandardDeviation must be finite and ≥ 0.")]
    [InlineData(10, 1, 0, double.PositiveInfinity, "TrueThetaStandardDeviation must be finite and ≥ 0.")]
    public void SimulatorRun_InvalidSimulationOptions_ThrowsNamingTheOption(int examinees, int threads, double mean, double sd, string problem)
    {
        var simulation = new SimulationOptions { Examinees = examinees, Threads = threads, TrueThetaMean = mean, TrueThetaStandardDeviation = sd };

        var ex = Assert.Throws<ArgumentException>(() => Simulator.Run(TestBanks.Emr, Quick, simulation));

        Assert.Equal(nameof(SimulationOptions), ex.ParamName);
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public void SimulatorRun_FixedTrueThetaNotFinite_ThrowsNamingTheOption()
    {
        var ex = Assert.Throws<ArgumentException>(() => Simulator.Run(TestBanks.Emr, Quick, new SimulationOptions { FixedTrueTheta = double.NaN }));
        Assert.Contains("FixedTrueTheta must be finite.", ex.Message);
    }

    [Fact]
    public void SimulatorRun_InvalidSessionOptions_ThrowsBeforeSimulating()
    {
        var ex = Assert.Throws<ArgumentException>(() => Simulator.Run(TestBanks.Emr, Quick with { Confidence = 0 }, new SimulationOptions { Examinees = 1 }));
        Assert.Equal("options", ex.ParamName);
        Assert.Contains("Confidence must be in (0, 1), but was 0.", ex.Message);
    }

    [Theory]
    [InlineData(0.0, 0.0, "Tolerance must be in (0, 0.1), but was 0.")]
    [InlineData(0.1, 0.0, "Tolerance must be in (0, 0.1), but was 0.1.")]
    [InlineData(double.NaN, 0.0, "Tolerance must be in (0, 0.1), but was NaN.")]
    [InlineData(1e-8, double.NaN, "EmptyPatternTheta must be finite, but was NaN.")]
    public void LikelihoodEstimators_InvalidOptions_ThrowNamingTheOption(double tolerance, double emptyTheta, string problem)
    {
        var ml = Assert.Throws<ArgumentException>(() => new MaximumLikelihoodEstimator(new MaximumLikelihoodOptions { Tolerance = tolerance, EmptyPatternTheta = emptyTheta }));
        var wle = Assert.Throws<ArgumentException>(() => new WeightedLikelihoodEstimator(new WeightedLikelihoodOptions { Tolerance = tolerance, EmptyPatternTheta = emptyTheta }));

        Assert.Equal((nameof(MaximumLikelihoodOptions), nameof(WeightedLikelihoodOptions)), (ml.ParamName, wle.ParamName));
        Assert.Contains(problem, ml.Message);
        Assert.Contains(problem, wle.Message);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, 1.0, 1e-10, "PriorMean must be finite, but was Infinity.")]
    [InlineData(0.0, 0.0, 1e-10, "PriorStandardDeviation must be finite and > 0, but was 0.")]
    [InlineData(0.0, double.NaN, 1e-10, "PriorStandardDeviation must be finite and > 0, but was NaN.")]
    [InlineData(0.0, 1.0, -1.0, "Tolerance must be in (0, 0.1), but was -1.")]
    public void MapEstimator_InvalidOptions_ThrowsNamingTheOption(double mean, double sd, double tolerance, string problem)
    {
        var ex = Assert.Throws<ArgumentException>(() => new MapEstimator(new MapOptions { PriorMean = mean, PriorStandardDeviation = sd, Tolerance = tolerance }));
        Assert.Equal(nameof(MapOptions), ex.ParamName);
        Assert.Contains(problem, ex.Message);
    }

    [Theory]
    [InlineData(100_001, 0.0, "QuadraturePoints must be in 2..100000, but was 100001.")]
    [InlineData(61, double.NaN, "PriorMean must be finite, but was NaN.")]
    public void EapEstimator_InvalidOptions_ThrowsNamingTheOption(int points, double mean, string problem)
    {
        var ex = Assert.Throws<ArgumentException>(() => new EapEstimator(new EapOptions { QuadraturePoints = points, PriorMean = mean }));
        Assert.Equal(nameof(EapOptions), ex.ParamName);
        Assert.Contains(problem, ex.Message);
    }
}
