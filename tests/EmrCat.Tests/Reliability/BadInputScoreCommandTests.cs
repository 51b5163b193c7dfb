using EmrCat.Practice.Commands;
using EmrCat.Tests.Fixtures;
using EmrCat.Tests.Practice;

namespace EmrCat.Tests.Reliability;

/// <summary>
/// The <c>score</c> command on bad CSV inputs: exit 1, <c>error: file:line:column: …</c> on standard error, nothing
/// on standard output, and the output file neither written nor, when it existed, changed (it is replaced atomically
/// only after everything was read). <see cref="ScoreCommandTests"/> covers one bad cell; this is the matrix.
/// </summary>
public class BadInputScoreCommandTests
{
    private const string Params = "id,a,b,c,d\nX1,1.2,-0.5,0.2,1\nX2,0.8,0.3,0,1\n";
    private const string Responses = "examinee,X1,X2\nS1,1,0\nS2,0,\n";

    [Theory]
    [InlineData("", 0, 0, "The file is empty")]
    [InlineData("\uFEFFid,a,b\r\nX1,1,0\r\nX2,1\r\n", 3, 3, "Expected 3 fields")]
    [InlineData("id,a,b\nX1,1,0\nX1,1,0\n", 3, 1, "Item id 'X1' repeats line 2.")]
    [InlineData("id,a,b\n\"X1,1,0\n", 2, 1, "A quoted field is not closed")]
    [InlineData("id,a,b\nX1,0,0\nX2,1,0\n", 2, 2, "Discrimination a must be a finite number > 0")]
    public void Run_MalformedParameters_Exits1NamingThePlaceAndWritesNothing(string csv, int line, int column, string problem) =>
        AssertRefused(csv, Responses, "params.csv", line, column, problem);

    [Theory]
    [InlineData("", 0, 0, "The file is empty")]
    [InlineData("examinee,X1,X2\n", 0, 0, "no examinees")]
    [InlineData("examinee,X1,X2\nS1,1\n", 2, 3, "Expected 3 fields")]
    [InlineData("examinee,X1,X2\nS1,1,yes\n", 2, 3, "Examinee 'S1', item 'X2': a response must be 1, 0 or empty, but was 'yes'.")]
    [InlineData("examinee,X1,X3\nS1,1,0\n", 1, 3, "Item 'X3' is not in the parameter table.")]
    [InlineData("examinee,X1\r\nS1,1\r\nS1,0\r\n", 3, 1, "Examinee 'S1' repeats line 2.")]
    [InlineData("\uFEFFexaminee,X1\nS1,\"1\"x\n", 2, 2, "Unexpected text after a closing quote.")]
    public void Run_MalformedResponses_Exits1NamingThePlaceAndWritesNothing(string csv, int line, int column, string problem) =>
        AssertRefused(Params, csv, "responses.csv", line, column, problem);

    [Fact]
    public void Run_MissingParameterFile_Exits1NamingItAndWritesNothing()
    {
        using var dir = new TempDirectory();
        string responses = dir.Write("responses.csv", Responses), output = Path.Combine(dir.Path, "out.csv");
        string missing = Path.Combine(dir.Path, "params.csv");
        var stderr = new StringWriter();

        Assert.Equal(1, ScoreCommand.Run(missing, responses, output, "eap", 5, TextWriter.Null, stderr));

        Assert.StartsWith($"error: {missing}:0:0: The file does not exist.", stderr.ToString());
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Run_OutputPathIsADirectory_Exits1AndLeavesNoTemporaryFile()
    {
        using var dir = new TempDirectory();
        string parameters = dir.Write("params.csv", Params), responses = dir.Write("responses.csv", Responses);
        string output = Directory.CreateDirectory(Path.Combine(dir.Path, "out.csv")).FullName;
        var stderr = new StringWriter();

        Assert.Equal(1, ScoreCommand.Run(parameters, responses, output, "eap", 5, TextWriter.Null, stderr));

        Assert.StartsWith($"error: cannot write {output}: ", stderr.ToString());
        Assert.Equal(["out.csv", "params.csv", "responses.csv"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Run_ValidInputs_StillScore()
    {
        using var dir = new TempDirectory();
        string output = Path.Combine(dir.Path, "out.csv");
        Assert.Equal(0, ScoreCommand.Run(dir.Write("params.csv", Params), dir.Write("responses.csv", Responses), output, "eap", 5, TextWriter.Null, TextWriter.Null));
        Assert.Equal(3, File.ReadAllLines(output).Length);
    }

    [Fact]
    public void Run_OnTheOracleFixtureWithCrlfAndBom_ScoresTheSame()
    {
        using var dir = new TempDirectory();
        string Crlf(string file) => dir.Write(file, "\uFEFF" + File.ReadAllText(FixturePaths.CatR(file)).Replace("\n", "\r\n", StringComparison.Ordinal));
        string plain = Path.Combine(dir.Path, "plain.csv"), crlf = Path.Combine(dir.Path, "crlf.csv");

        Assert.Equal(0, ScoreCommand.Run(FixturePaths.CatR("params.csv"), FixturePaths.CatR("responses.csv"), plain, "eap,map", 5, TextWriter.Null, TextWriter.Null));
        Assert.Equal(0, ScoreCommand.Run(Crlf("params.csv"), Crlf("responses.csv"), crlf, "eap,map", 5, TextWriter.Null, TextWriter.Null));

        Assert.Equal(File.ReadAllText(plain), File.ReadAllText(crlf));
    }

    private static void AssertRefused(string parameters, string responses, string badFile, int line, int column, string problem)
    {
        using var dir = new TempDirectory();
        string paramsPath = dir.Write("params.csv", parameters), responsesPath = dir.Write("responses.csv", responses);
        string fresh = Path.Combine(dir.Path, "fresh.csv"), existing = dir.Write("existing.csv", "examinee,estimator,theta,se\nkeep,eap,0,1\n");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        Assert.Equal(1, ScoreCommand.Run(paramsPath, responsesPath, fresh, "eap,map,mle,wle", 5, stdout, stderr));
        Assert.Equal(1, ScoreCommand.Run(paramsPath, responsesPath, existing, "eap", 5, TextWriter.Null, TextWriter.Null));

        Assert.StartsWith($"error: {Path.Combine(dir.Path, badFile)}:{line}:{column}: ", stderr.ToString());
        Assert.Contains(problem, stderr.ToString());
        Assert.Empty(stdout.ToString());
        Assert.False(File.Exists(fresh));
        Assert.Equal("examinee,estimator,theta,se\nkeep,eap,0,1\n", File.ReadAllText(existing));
        Assert.Equal(["existing.csv", "params.csv", "responses.csv"], Directory.EnumerateFiles(dir.Path).Select(Path.GetFileName).Order());
    }
}
