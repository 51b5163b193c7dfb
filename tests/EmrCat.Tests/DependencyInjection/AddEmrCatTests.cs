using EmrCat.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
    public void AddEmrCat_ImpossibleConfiguration_FailsAtRegistrationListingEveryProblem()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => new ServiceCollection()
            .AddEmrCat(o => o.Session = CatOptions.Emr with { MinScoredItems = 90, MaxScoredItems = 80, PilotItems = 31 }));
        Assert.Contains(ex.Failures, f => f.Contains("MaxScoredItems", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("bank is required", StringComparison.Ordinal));
    }

    [Fact]
    public void AddEmrCat_BankWithoutEnoughPilots_Fails()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => new ServiceCollection()
            .AddEmrCat(o => { o.Bank = TestBanks.Emr; o.Session = CatOptions.Emr with { PilotItems = 50 }; }));
        Assert.Contains(ex.Failures, f => f.Contains("pilot", StringComparison.Ordinal));
    }

    [Fact]
    public void AddEmrCat_KeepsAnInjectedClock()
    {
        var clock = new ManualTimeProvider();
        using var provider = new ServiceCollection().AddSingleton<TimeProvider>(clock)
            .AddEmrCat(o => { o.Bank = TestBanks.Emr; o.Session = CatOptions.Quick; })
            .BuildServiceProvider();
        var session = provider.GetRequiredService<ICatSessionFactory>().Start(1);
        clock.Advance(TimeSpan.FromMinutes(21));
        Assert.True(session.CheckTimeLimit());
    }
}
