using System.Xml.Linq;
using EmrCat.Practice.Commands;

namespace EmrCat.Tests.Practice;

public class DiagnoseCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        int code = CommandLineHost.Run(new System.CommandLine.RootCommand { DiagnoseCommand.Create(stdout, stderr) }, ["diagnose", .. args], stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Diagnose_OnTheBundledBank_PrintsTablesTextChartsAndBands_AndWritesAValidSvg()
    {
        string dir = Directory.CreateTempSubdirectory("emrcat-diagnose-").FullName;
        try
        {
            string svg = Path.Combine(dir, "out.svg");
            var (code, output, errors) = Run("--workload", "quick", "--grid", "-1.5:1.5:0.5", "--examinees", "210", "--threads", "2", "--plain", "--svg", svg);
            Assert.True(code == 0, errors);
            Assert.Contains("Expected SE by θ", output, StringComparison.Ordinal);
            Assert.Contains("Simulated by true θ", output, StringComparison.Ordinal);
            Assert.Contains("Scored exposure (", output, StringComparison.Ordinal);
            Assert.Contains("Pilot exposure (", output, StringComparison.Ordinal);
            Assert.Contains("No 95% decision is possible", output, StringComparison.Ordinal);
            Assert.Contains("Wrong decisions exceed 5%", output, StringComparison.Ordinal);
            Assert.Contains("* pass %   x wrong %", output, StringComparison.Ordinal);
            Assert.All(output.Split('\n'), line => Assert.True(line.Length <= 100, $"wider than 100 columns: {line}"));

            var document = XDocument.Load(svg);
            XNamespace ns = "http://www.w3.org/2000/svg";
            Assert.Equal(ns + "svg", document.Root!.Name);
            var lines = document.Descendants(ns + "polyline").ToArray();
            Assert.True(lines.Length >= 3 + 5, $"{lines.Length} lines");
            Assert.All(lines, l => Assert.Equal(7, l.Attribute("points")!.Value.Split(' ').Length));
            Assert.Contains(document.Descendants(ns + "text"), t => t.Value == "Pass and wrong-decision rates by true θ");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Diagnose_AtATerminal_DrawsBarChartsAndTheSeChart()
    {
        var (code, output, errors) = Run("--workload", "quick", "--grid", "-1:1:1", "--examinees", "60", "--threads", "1");
        Assert.True(code == 0, errors);
        Assert.Contains("Pass rate by true θ (%)", output, StringComparison.Ordinal);
        Assert.Contains("Mean scored items by true θ", output, StringComparison.Ordinal);
        Assert.Contains("Expected SE by θ (SE)", output, StringComparison.Ordinal);
        Assert.Contains("█", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "--grid", "1:0:0.5")]
    [InlineData(2, "--grid", "a:b")]
    [InlineData(2, "--examinees", "3")]
    [InlineData(2, "--wrong-limit", "0.7")]
    [InlineData(2, "--workload", "nope")]
    [InlineData(2, "--svg", "/no/such/folder/out.svg")]
    [InlineData(1, "--bank", "/no/such/bank.json")]
    public void Diagnose_WithBadArguments_SaysOneClearErrorAndTheExitCode(int expected, string option, string value)
    {
        string[] args = option == "--examinees" ? [option, value, "--threads", "1"] : [option, value, "--examinees", "100", "--threads", "1"];
        var (code, output, errors) = Run(args);
        Assert.Equal(expected, code);
        Assert.Equal("", output);
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(option == "--bank" ? value : option.TrimStart('-').Split('-')[0], errors, StringComparison.OrdinalIgnoreCase);

        // A bad argument is one line; a bad bank is the bank loader's report (the file, then each problem).
        if (expected == 2) Assert.Single(lines);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
    }
}
