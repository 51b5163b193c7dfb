using System.Globalization;
using System.Text;
using EmrCat.Practice.Commands;

namespace EmrCat.Tests.Practice;

public class SimulateCommandTests
{
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
                Assert.Equal(0, SimulateCommand.Run(bank, "w1", 300, 4, threads, null, null, stdout, TextWriter.Null));
                var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.Contains($" threads={threads}", lines.Single(l => l.StartsWith("emrcat mode=", StringComparison.Ordinal)), StringComparison.Ordinal);
                return lines.Skip(1).ToArray();
            }

            Assert.Equal(Figures(1), Figures(2));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
