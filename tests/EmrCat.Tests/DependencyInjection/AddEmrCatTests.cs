using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.DependencyInjection;
using EmrCat.IO;
using EmrCat.Reporting;
using EmrCat.Sessions;
using EmrCat.Tests.Reliability;
using EmrCat.Tests.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EmrCat.Tests.DependencyInjection;

public class AddEmrCatTests
{
    [Fact]
    public void AddEmrCat_RegistersAFactoryThatRunsSessions()
    {
        using var provider = new ServiceCollection()
            .AddEmrCat(o => { o.Bank = TestBanks.Emr; o.Session = CatOptions.Quick; })
            .BuildServiceProvider();
        var factory = provider.GetRequiredService<ICatSessionFactory>();
        var session = factory.Start(42);
        Assert.Equal(CatOptions.Quick, factory.Options);
        Assert.False(session.IsFinished);
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddEmrCat_RunsConfigureOnce()
    {
        int calls = 0;
        using var provider = new ServiceCollection()
            .AddEmrCat(o => { calls++; o.Bank = TestBanks.Emr; o.Preset = CatPreset.Quick; })
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.Equal(0, calls);
        provider.GetRequiredService<IStartupValidator>().Validate();
        provider.GetRequiredService<ICatSessionFactory>().Start(1);
        provider.GetRequiredService<ScoreReporter>();

        Assert.Equal(1, calls);
    }

    [Fact]
    public void AddEmrCat_ImpossibleConfiguration_FailsAtStartListingEveryProblem()
    {
        using var provider = new ServiceCollection()
            .AddEmrCat(o =>
            {
                o.Bank = TestBanks.Emr;
                o.Session = CatOptions.Emr with { MinScoredItems = 90, MaxScoredItems = 80, PilotItems = 31 };
                o.RepairPlan = o.RepairPlan with { DomainsToReview = 0 };
            })
            .BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(ex.Failures, f => f.Contains("MaxScoredItems", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("RepairPlan: ", StringComparison.Ordinal));
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ICatSessionFactory>());
    }

    [Fact]
    public async Task AddEmrCat_InAHost_ValidatesOnStart()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddEmrCat(o => { o.Bank = TestBanks.Emr; o.Session = CatOptions.Emr with { PilotItems = 50 }; });
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(ex.Failures, f => f.Contains("pilot", StringComparison.Ordinal));
    }

    [Fact]
    public void AddEmrCat_KeepsAnInjectedClock()
    {
        var clock = new FakeTimeProvider();
        using var provider = new ServiceCollection().AddSingleton<TimeProvider>(clock)
            .AddEmrCat(o => { o.Bank = TestBanks.Emr; o.Session = CatOptions.Quick; })
            .BuildServiceProvider();
        var session = provider.GetRequiredService<ICatSessionFactory>().Start(1);
        clock.Advance(TimeSpan.FromMinutes(21));
        Assert.True(session.CheckTimeLimit());
    }

    [Fact]
    public void AddEmrCat_Configuration_BindsPresetAndLoadsTheBundledBankByDefault()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["EmrCat:Preset"] = "Quick" }).Build();
        using var provider = new ServiceCollection().AddEmrCat(configuration.GetSection("EmrCat")).BuildServiceProvider();

        var factory = provider.GetRequiredService<ICatSessionFactory>();

        Assert.Equal(CatOptions.Quick, factory.Options);
        Assert.Equal("emr-practice", factory.Bank.Metadata.Id);
        Assert.Equal(ItemBankJson.Load(Path.Combine(Fixtures.FixturePaths.Repository, "item-bank", "emr-practice.json")).Fingerprint, factory.Bank.Fingerprint);
    }

    [Fact]
    public void AddEmrCat_ConfigurationWithBankPath_LoadsThatBank()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "bank.json");
        ItemBankJson.Save(TestBanks.Emr, path);
        string json = $$"""{ "EmrCat": { "BankPath": {{System.Text.Json.JsonSerializer.Serialize(path)}}, "Preset": "Emr" } }""";
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
        using var provider = new ServiceCollection().AddEmrCat(configuration.GetSection("EmrCat")).BuildServiceProvider();

        Assert.Equal(TestBanks.Emr.Fingerprint, provider.GetRequiredService<ICatSessionFactory>().Bank.Fingerprint);
    }

    [Fact]
    public void AddEmrCat_ConfigurationWithABrokenBank_FailsAtStartNamingTheFile()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("broken.json", "{ \"id\": ");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["BankPath"] = path }).Build();
        using var provider = new ServiceCollection().AddEmrCat(configuration).BuildServiceProvider();

        var ex = Assert.Throws<EmrCat.Banks.BankValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal(path, ex.Source);
    }

    [Fact]
    public void AddEmrCat_RegistersTheCandidateServicesWithTheirOptions()
    {
        var today = new DateOnly(2026, 11, 24);
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)))
            .AddEmrCat(o =>
            {
                o.Bank = TestBanks.Emr;
                o.RetakePolicy = o.RetakePolicy with { MaxAttemptsBeforeRefresher = 6 };
                o.Certification = o.Certification with { EducationWindowYears = 3 };
            })
            .BuildServiceProvider();

        var retake = provider.GetRequiredService<RetakePolicy>();

        Assert.Equal(today, retake.Today);
        Assert.Equal(6, retake.Evaluate(new AttemptHistory([])).AttemptsRemainingInCycle);
        Assert.NotNull(provider.GetRequiredService<CertificationPathway>());
        Assert.NotNull(provider.GetRequiredService<ErrorLogBuilder>());
        Assert.NotNull(provider.GetRequiredService<RepairPlanner>());
        Assert.NotNull(provider.GetRequiredService<ScoreReporter>());
    }

    [Fact]
    public void Sessions_ReportLogsAndMetrics()
    {
        var logs = new FakeLogCollector();
        using var provider = new ServiceCollection()
            .AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)))
            .AddSingleton<TimeProvider>(new FakeTimeProvider())
            .AddEmrCat(o => { o.Bank = TestBanks.Emr; o.Preset = CatPreset.Quick; })
            .BuildServiceProvider();
        var meters = provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var started = new MetricCollector<long>(meters, EmrCatTelemetry.Name, EmrCatTelemetry.SessionsStarted);
        using var ended = new MetricCollector<long>(meters, EmrCatTelemetry.Name, EmrCatTelemetry.SessionsEnded);
        using var administered = new MetricCollector<long>(meters, EmrCatTelemetry.Name, EmrCatTelemetry.ItemsAdministered);
        using var steps = new MetricCollector<double>(meters, EmrCatTelemetry.Name, EmrCatTelemetry.StepDuration);
        var factory = provider.GetRequiredService<ICatSessionFactory>();

        var session = factory.Start(3);
        SessionDriver.Run(session, trueTheta: 0.2, seed: 3);

        Assert.Equal(1, started.LastMeasurement?.Value);
        Assert.Equal(1, Assert.Single(ended.GetMeasurementSnapshot()).Value);
        Assert.Equal(session.Result.Reason.ToString(), ended.LastMeasurement!.Tags["emrcat.stop_reason"]);
        Assert.Equal(session.AnsweredCount, administered.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(session.Result.PilotCount, administered.GetMeasurementSnapshot().Count(m => (bool)m.Tags["emrcat.item.pilot"]!));
        Assert.Equal(session.AnsweredCount, steps.GetMeasurementSnapshot().Count);
        Assert.All(steps.GetMeasurementSnapshot(), m => Assert.True(m.Value >= 0));
        Assert.Contains(logs.GetSnapshot(), r => r.Id.Name == "SessionStarted");
        Assert.Contains(logs.GetSnapshot(), r => r.Id.Name == "SessionEnded" && r.Message.Contains(session.Result.Decision.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Resume_LogsAndDoesNotCountTheReplay_RefusedSnapshotIsLogged()
    {
        var logs = new FakeLogCollector();
        using var provider = new ServiceCollection()
            .AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)))
            .AddEmrCat(o => { o.Bank = TestBanks.Emr; o.Preset = CatPreset.Quick; })
            .BuildServiceProvider();
        var factory = provider.GetRequiredService<ICatSessionFactory>();
        var session = factory.Start(9);
        SessionDriver.Run(session, trueTheta: 0, seed: 9, stopAfter: 4);
        var snapshot = session.Snapshot();
        using var administered = new MetricCollector<long>(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), EmrCatTelemetry.Name, EmrCatTelemetry.ItemsAdministered);

        var resumed = factory.Resume(snapshot);
        SessionDriver.Run(resumed, trueTheta: 0, seed: 10, stopAfter: 5);

        Assert.Single(administered.GetMeasurementSnapshot());
        Assert.Contains(logs.GetSnapshot(), r => r.Id.Name == "SessionResumed" && r.Level == LogLevel.Information);
        Assert.Throws<InvalidSnapshotException>(() => factory.Resume(snapshot with { BankFingerprint = "0" }));
        Assert.Contains(logs.GetSnapshot(), r => r.Id.Name == "SnapshotRefused" && r.Level == LogLevel.Warning);
    }

    [Fact]
    public void Start_Submit_Resume_AreTraced()
    {
        var names = new List<string>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == EmrCatTelemetry.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
            ActivityStopped = activity => { lock (names) names.Add(activity.OperationName); },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        using var provider = new ServiceCollection().AddEmrCat(o => { o.Bank = TestBanks.Emr; o.Preset = CatPreset.Quick; }).BuildServiceProvider();
        var factory = provider.GetRequiredService<ICatSessionFactory>();

        var session = factory.Start(77);
        SessionDriver.Run(session, trueTheta: 0, seed: 77, stopAfter: 2);
        factory.Resume(session.Snapshot());

        lock (names)
        {
            Assert.Contains("EmrCat.Start", names);
            Assert.True(names.Count(n => n == "EmrCat.Submit") >= 2);
            Assert.Contains("EmrCat.Resume", names);
        }
    }
}
