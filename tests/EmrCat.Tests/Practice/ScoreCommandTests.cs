using System.Globalization;
using EmrCat.Practice.Commands;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Practice;

public class ScoreCommandTests
{
    [Fact]
    public void Run_OnTheOracle_WritesTheOracleRowsWithin1em4()
    {
        string output = Path.Combine(Path.GetTempPath(), $"emrcat-score-{Guid.NewGuid():N}.csv");
        try
        {
            int code = ScoreCommand.Run(FixturePaths.CatR("params.csv"), FixturePaths.CatR("responses.csv"), output, "eap,map,mle,wle", 5, TextWriter.Null, TextWriter.Null);
            Assert.Equal(0, code);
            var got = Read(output);
            var expected = Read(FixturePaths.CatR("expected.csv"));
            Assert.Equal(expected.Keys.OrderBy(k => k), got.Keys.OrderBy(k => k));
            foreach (var (key, (theta, se)) in expected)
            {
                Assert.InRange(got[key].Theta, theta - 1e-4, theta + 1e-4);
                if (se is { } s) Assert.InRange(got[key].Se!.Value, s - 1e-4, s + 1e-4);
            }
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void Run_MalformedResponses_ReportsThePlaceAndWritesNothing()
    {
        string dir = Directory.CreateTempSubdirectory("emrcat-score-").FullName;
        string responses = Path.Combine(dir, "r.csv");
        File.WriteAllText(responses, "examinee,EMR-0001,EMR-0002\nS1,1,0\nS2,1,2\n");
        string output = Path.Combine(dir, "out.csv");
        var stderr = new StringWriter();

        int code = ScoreCommand.Run(FixturePaths.CatR("params.csv"), responses, output, "eap", 5, TextWriter.Null, stderr);

        Assert.Equal(1, code);
        Assert.Contains("r.csv:3:3", stderr.ToString());
        Assert.Contains("EMR-0002", stderr.ToString());
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Run_UnknownEstimator_IsAUsageError()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, ScoreCommand.Run("p", "r", "o", "eap,foo", 5, TextWriter.Null, stderr));
        Assert.Contains("foo", stderr.ToString());
    }

    private static Dictionary<(string, string), (double Theta, double? Se)> Read(string path) =>
        File.ReadLines(path).Skip(1).Select(l => l.Split(',')).ToDictionary(
            f => (f[0], f[1]),
            f => (double.Parse(f[2], CultureInfo.InvariantCulture), f[3].Length == 0 ? (double?)null : double.Parse(f[3], CultureInfo.InvariantCulture)));
}
