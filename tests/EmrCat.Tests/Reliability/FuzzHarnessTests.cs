using EmrCat.Fuzz;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Reliability;

/// <summary>
/// The long-run fuzzing harness (<c>fuzz/EmrCat.Fuzz</c>, see docs/reliability.md) works: every target finds its seeds
/// in the repository and a short run of its mutation loop loads some inputs, refuses others, and finds nothing.
/// </summary>
public class FuzzHarnessTests
{
    [Theory]
    [InlineData("bank")]
    [InlineData("snapshot")]
    [InlineData("snapshot-resigned")]
    [InlineData("params")]
    [InlineData("responses")]
    public void MutationLoop_ThreeHundredInputs_RefusesMutantsAndFindsNothing(string name)
    {
        var target = FuzzTargets.Create(name, FixturePaths.Repository);
        Assert.All(target.Seeds, seed => Assert.Equal(FuzzOutcome.Loaded, target.Run(seed)));

        var report = MutationLoop.Run(target, duration: null, maxInputs: 300, seed: 7, findingsDir: null, TextWriter.Null);

        Assert.Equal(300, report.Inputs);
        Assert.Empty(report.Findings);
        Assert.Equal(300, report.Loaded + report.Refused);
        Assert.True(report.Refused > 0);
    }

    [Fact]
    public void Create_UnknownTarget_NamesTheTargets()
    {
        var ex = Assert.Throws<ArgumentException>(() => FuzzTargets.Create("csv", FixturePaths.Repository));
        Assert.Contains("bank, snapshot, snapshot-resigned, params, responses", ex.Message);
    }
}
