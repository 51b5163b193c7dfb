// Embedding EmrCat from its NuGet package: register it from appsettings.json, run a seeded session, read the result
// and the meter's counters. The code between the quickstart markers is shown verbatim in README.md and
// docs/embedding.md (.ci/steps/packages.sh checks that it matches).
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EmrCat.Banks;
using EmrCat.Irt;
using EmrCat.Scoring;
using EmrCat.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// <quickstart>
// 1. Register EmrCat from configuration. appsettings.json's "EmrCat" section names the bank ("bundled:emr-practice",
//    the 400-item EMR practice bank inside the package; or a path to your JSON bank) and the preset ("Emr": the
//    EMR exam, 60–80 scored + 30 pilot items; "Quick": 15–20 + 5).
IConfiguration configuration = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json").Build();
var services = new ServiceCollection();
services.AddEmrCat(configuration.GetSection("EmrCat"));
using ServiceProvider provider = services.BuildServiceProvider();
ICatSessionFactory factory = provider.GetRequiredService<ICatSessionFactory>();

// Listen to EmrCat's meter (a real host exports it with OpenTelemetry: .AddMeter("EmrCat")).
var counters = new ConcurrentDictionary<string, long>();
using var listener = new MeterListener();
listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == EmrCatTelemetry.Name) l.EnableMeasurementEvents(instrument); };
listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => counters.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
listener.Start();

// 2. Run a seeded session (the same seed and answers replay the same items). A real host shows session.Current to
//    the candidate and submits the option they chose; here a simulated examinee of ability θ = 0.4 answers right
//    with probability P(θ).
ItemBank bank = factory.Bank;
CatSession session = factory.Start(seed: 2025);
var random = new Random(7);
const double trueTheta = 0.4;
while (!session.IsFinished)
{
    PresentedItem item = session.Current;
    bank.TryGetIndex(item.ItemId, out int index);
    BankItem bankItem = bank.Items[index];
    bool right = random.NextDouble() < ItemResponseFunctions.Probability(bankItem.Parameters, trueTheta, bank.Metric);
    string key = bankItem.Key[0];
    session.Submit(item.ItemId, right ? key : item.Options.First(o => o.Id != key).Id);
}

// 3. Read the result and the counters.
SessionResult result = session.Result;
Console.WriteLine($"Bank:         {bank.Metadata.Title} ({bank.Count} items)");
Console.WriteLine($"Decision:     {result.Decision}");
Console.WriteLine($"Reason:       {result.Reason}: {result.Explanation}");
Console.WriteLine($"Scaled score: {result.ReportedScore} (passing: 950; θ̂ {result.Theta:F2}, SE {result.StandardError:F2})");
Console.WriteLine($"Items:        {result.ScoredCount} scored + {result.PilotCount} pilot in {result.Items.Count} answered");
foreach (DomainTally domain in result.Domains)
{
    Console.WriteLine($"  {domain.Name}: {domain.Correct}/{domain.Given} right");
}

Console.WriteLine($"Counters:     {EmrCatTelemetry.SessionsStarted}={counters.GetValueOrDefault(EmrCatTelemetry.SessionsStarted)} "
    + $"{EmrCatTelemetry.SessionsEnded}={counters.GetValueOrDefault(EmrCatTelemetry.SessionsEnded)} "
    + $"{EmrCatTelemetry.ItemsAdministered}={counters.GetValueOrDefault(EmrCatTelemetry.ItemsAdministered)}");
// </quickstart>

// A bank of your own, built in code, is registered with AddEmrCat(options => options.Bank = BuildBank()).
ItemBank own = BuildBank();
Console.WriteLine($"Own bank:     {own.Metadata.Title}, {own.Count} items");

// <bank>
// A bank built in code on the EMR blueprint: 200 scored items spread by the domains' target shares, 40 pilot items.
static ItemBank BuildBank()
{
    Blueprint blueprint = Blueprint.Emr2025;
    int[] scored = [42, 78, 12, 44, 24];
    int[] pilot = [8, 16, 2, 9, 5];
    var items = new List<BankItem>();
    for (int d = 0; d < blueprint.Domains.Count; d++)
    {
        string domain = blueprint.Domains[d].Id;
        for (int k = 0; k < scored[d] + pilot[d]; k++)
        {
            items.Add(new BankItem
            {
                Id = $"{domain}-{k + 1:D3}",
                Domain = domain,
                Status = k < scored[d] ? ItemStatus.Scored : ItemStatus.Pilot,
                Stem = $"Question {k + 1} on {blueprint.Domains[d].Name}?",
                Options = [new("A", "First"), new("B", "Second"), new("C", "Third"), new("D", "Fourth")],
                Key = [((char)('A' + k % 4)).ToString()],
                Parameters = new ItemParameters(a: 0.8 + 0.1 * (k % 7), b: -2.5 + 5.0 * (k * 37 % 101) / 100.0, c: 0.2),
            });
        }
    }

    // ItemBank.Create validates everything and lists every problem at once.
    return ItemBank.Create(
        new BankMetadata("embedding-demo", "Embedding demo bank", "1.0.0", "en-US", CalibrationStatus.Provisional),
        ReportingScale.Emr, blueprint, items);
}
// </bank>
