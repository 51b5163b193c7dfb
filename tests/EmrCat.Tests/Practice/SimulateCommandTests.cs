using System.Globalization;
using System.Text;
using EmrCat.Practice.Commands;

namespace EmrCat.Tests.Practice;

public class SimulateCommandTests
{
    [Fact]
    public void Workload_W1_IsTheLibrarysW1Workload()
    {
        Assert.Equal(EmrCat.Sessions.CatOptions.W1, SimulateCommand.Workload("w1"));
    }

    [Fact]
    public void Run_W1WithOneOrTwoThreads_ReportsTheSameFiguresAndTheThreadCount()
    {
        string dir = Directory.CreateTempSubdirectory("emrcat-simulate-").FullName;
        try
        {
            string bank = Path.Combine(dir, "bank.csv");
            var csv = new StringBuilder("id,a,b,c,d\n");
            var random = new Random(3);
            for (int i = 0; i < 200; i++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"B{i:D3},{0.8 + 1.2 * random.NextDouble():F4},{4 * random.NextDouble() - 2:F4},0.2,1\n");
            }

            File.WriteAllText(bank, csv.ToString());
            string[] Figures(int threads)
            {
                var stdout = new StringWriter();
                Assert.Equal(0, SimulateCommand.Create(stdout, TextWriter.Null).Parse(["--bank", bank, "--workload", "w1", "--examinees", "300", "--seed", "4", "--threads", $"{threads}"]).Invoke());
                var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
                string summary = lines.Single(l => l.StartsWith("emrcat mode=", StringComparison.Ordinal));
                Assert.Equal(summary, lines[^1]);
                Assert.Contains($" threads={threads}", summary, StringComparison.Ordinal);

                // Everything but the timing fields must agree whatever the thread count.
                string figures = System.Text.RegularExpressions.Regex.Replace(summary, @" (seconds|us_per_examinee|threads)=\S+", "");
                return [.. lines[..^1], figures];
            }

            Assert.Equal(Figures(1), Figures(2));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Run_BankWithSelectAllAndOrderingItems_ReportsAndKeepsPartialCredit()
    {
        string dir = Directory.CreateTempSubdirectory("emrcat-simulate-").FullName;
        try
        {
            var (bank, keys) = TechnologyEnhancedItemsHostTests.WriteBank(dir);
            string sessions = Path.Combine(dir, "sessions.jsonl");
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int code = SimulateCommand.Create(stdout, stderr).Parse(["--bank", bank, "--workload", "quick", "--examinees", "200", "--seed", "5", "--sessions-out", sessions]).Invoke();

            Assert.True(code == 0, stderr.ToString());
            Assert.Contains("precision: bias=", stdout.ToString(), StringComparison.Ordinal);
            Assert.Contains("classification vs true theta: accuracy=", stdout.ToString(), StringComparison.Ordinal);
            var items = File.ReadLines(sessions).Select(EmrCat.Simulation.SimulationJson.FromJsonLine).SelectMany(s => s.Items).ToList();
            Assert.Equal(200, File.ReadLines(sessions).Count());
            Assert.Contains(items, i => keys[i.ItemId].Type == "ordered" && i.Category is > 0 and < 3); // partial credit on an order
            Assert.Contains(items, i => keys[i.ItemId].Type == "multiple" && i.Category == 1);
            Assert.All(items, i => Assert.Equal(i.Correct, i.Category == (keys[i.ItemId].Type switch { "ordered" => 3, "multiple" => 2, _ => 1 })));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
