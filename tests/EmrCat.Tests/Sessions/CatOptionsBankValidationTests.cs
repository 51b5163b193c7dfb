using EmrCat.Practice.Commands;
using EmrCat.Sessions;
using EmrCat.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EmrCat.Tests.Sessions;

/// <summary>One check of an options/bank pair, used alike by CatSession.Start, AddEmrCat and simulate.</summary>
public class CatOptionsBankValidationTests
{
    private const string TooFew = "The options may give 30 scored items but bank 'w1-20' has 20.";

    [Fact]
    public void Validate_BankOfTwentyItemsWithW1_ReportsTheShortfall()
    {
        var bank = Bank20();
        Assert.Equal([TooFew], CatOptions.W1.Validate(bank));
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOneAtOnce()
    {
        var bank = Bank20();
        var options = CatOptions.W1 with { PilotItems = 2, RandomesqueK = 0, ExposureParameters = new Dictionary<string, double> { ["nope"] = 0.5 } };

        var problems = options.Validate(bank);

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("RandomesqueK", StringComparison.Ordinal));
        Assert.Contains("The options ask for 2 pilot items but bank 'w1-20' has 0.", problems);
        Assert.Contains(TooFew, problems);
        Assert.Contains("ExposureParameters names item 'nope', which is not in bank 'w1-20'.", problems);
    }

    [Fact]
    public void Start_AddEmrCatAndSimulate_RefuseTheSamePairWithTheSameMessage()
    {
        var bank = Bank20();

        var start = Assert.Throws<ArgumentException>(() => CatSession.Start(bank, CatOptions.W1, 1));
        Assert.Contains(TooFew, start.Message, StringComparison.Ordinal);

        using var provider = new ServiceCollection().AddEmrCat(o => { o.Bank = bank; o.Session = CatOptions.W1; }).BuildServiceProvider();
        var register = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate());
        Assert.Equal([TooFew], register.Failures);

        var library = Assert.Throws<ArgumentException>(() => Simulator.Run(bank, CatOptions.W1, new SimulationOptions { Examinees = 5, Threads = 1 }));
        Assert.Contains(TooFew, library.Message, StringComparison.Ordinal);

        string dir = Directory.CreateTempSubdirectory("emrcat-w1-20-").FullName;
        try
        {
            string csv = Path.Combine(dir, "w1-20.csv");
            File.WriteAllLines(csv, new[] { "id,a,b,c,d" }.Concat(Enumerable.Range(1, 20).Select(i => $"I{i},1.2,{(i - 10) / 5.0},0.2,1")));
            var stderr = new StringWriter();
            Assert.Equal(2, SimulateCommand.Create(TextWriter.Null, stderr).Parse(["--bank", csv, "--workload", "w1", "--examinees", "10", "--threads", "1"]).Invoke());
            Assert.Contains(TooFew, stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ThrowIfInvalid_ValidOnOneBank_StillRefusesABankThatCannotServeThemEveryTime()
    {
        // A pair found valid is remembered; another bank is checked afresh, and a refused pair is refused every time.
        var big = EmrCat.Banks.ItemBank.FromParameters("w1-40", Enumerable.Range(1, 40).Select(i => new EmrCat.Banks.CalibratedItem($"I{i}", new EmrCat.Irt.ItemParameters(1.2, (i - 20) / 10.0, 0.2))).ToList());
        var options = CatOptions.W1 with { };
        options.ThrowIfInvalid(big);
        options.ThrowIfInvalid(big);
        for (int attempt = 0; attempt < 2; attempt++)
        {
            var refused = Assert.Throws<ArgumentException>(() => options.ThrowIfInvalid(Bank20()));
            Assert.Contains(TooFew, refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void HeldBackItems_AreACopy_SoALaterChangeToTheCallersListCannotReachValidatedOptions()
    {
        var bank = EmrCat.Banks.ItemBank.FromParameters("w1-40", Enumerable.Range(1, 40).Select(i => new EmrCat.Banks.CalibratedItem($"I{i}", new EmrCat.Irt.ItemParameters(1.2, (i - 20) / 10.0, 0.2))).ToList());
        var held = new List<string> { "I1" };
        var options = CatOptions.W1 with { HeldBackItems = held };
        options.ThrowIfInvalid(bank);
        held.Add("not-in-the-bank");
        Assert.Equal(["I1"], options.HeldBackItems);
        Assert.Empty(options.Validate(bank));
    }

    private static EmrCat.Banks.ItemBank Bank20()
    {
        var items = Enumerable.Range(1, 20).Select(i => new EmrCat.Banks.CalibratedItem($"I{i}", new EmrCat.Irt.ItemParameters(1.2, (i - 10) / 5.0, 0.2))).ToList();
        return EmrCat.Banks.ItemBank.FromParameters("w1-20", items);
    }
}
