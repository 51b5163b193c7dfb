using EmrCat.Banks;
using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.DependencyInjection;
using EmrCat.IO;
using EmrCat.Reporting;
using EmrCat.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers EmrCat with Microsoft.Extensions.DependencyInjection.</summary>
public static class EmrCatServiceCollectionExtensions
{
    /// <summary>
    /// Registers EmrCat configured in code: <see cref="ICatSessionFactory"/>, the candidate services
    /// (<see cref="ScoreReporter"/>, <see cref="ErrorLogBuilder"/>, <see cref="RepairPlanner"/>, <see cref="RetakePolicy"/>,
    /// <see cref="CertificationPathway"/>, each with its options), <see cref="TimeProvider.System"/> unless a clock is
    /// registered, and metrics. <paramref name="configure"/> runs once, when the options are first needed; they are
    /// validated then and at host start (<c>ValidateOnStart</c>), every problem listed in one
    /// <see cref="OptionsValidationException"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the bank (or <see cref="EmrCatOptions.BankPath"/>) and the session options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddEmrCat(this IServiceCollection services, Action<EmrCatOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(services).Configure(configure);
        return services;
    }

    /// <summary>
    /// Registers EmrCat bound from a configuration section, e.g. <c>"EmrCat": { "BankPath": "bank.json", "Preset": "Quick" }</c>
    /// (no <c>BankPath</c>, or <see cref="EmrCatOptions.BundledBank"/>: the bundled bank). Only those two keys are read;
    /// set anything else in code with the other overload. Otherwise as <see cref="AddEmrCat(IServiceCollection, Action{EmrCatOptions})"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section, e.g. <c>configuration.GetSection("EmrCat")</c>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddEmrCat(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        AddCore(services).Configure(options =>
        {
            var section = new EmrCatSection();
            configuration.Bind(section);
            options.BankPath = section.BankPath;
            if (section.Preset is { } preset) options.Preset = preset;
        });
        return services;
    }

    private static OptionsBuilder<EmrCatOptions> AddCore(IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SessionTelemetry>(sp => new SessionTelemetry(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<ICatSessionFactory, CatSessionFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmrCatOptions>, EmrCatOptionsValidator>());

        services.TryAddSingleton(sp => new ScoreReporter(Options(sp).ScoreReport));
        services.TryAddSingleton(sp => new ErrorLogBuilder(Options(sp).ErrorLog));
        services.TryAddSingleton(sp => new RepairPlanner(Options(sp).RepairPlan));
        services.TryAddSingleton(sp => new RetakePolicy(Options(sp).RetakePolicy, sp.GetService<IHolidayCalendar>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new CertificationPathway(Options(sp).Certification, sp.GetRequiredService<RetakePolicy>(), sp.GetRequiredService<TimeProvider>()));

        // The bank is loaded once, when the options are first built, so validation and every session see the same one.
        return services.AddOptions<EmrCatOptions>()
            .PostConfigure<SessionTelemetry>((options, telemetry) =>
            {
                if (options.Bank is not null) return;
                bool bundled = string.IsNullOrEmpty(options.BankPath) || options.BankPath == EmrCatOptions.BundledBank;
                options.Bank = bundled ? ItemBankJson.LoadBundled() : ItemBankJson.Load(options.BankPath!, BankValidationOptions.ConsistencyOnly);
                telemetry.BankLoaded(options.Bank, bundled ? EmrCatOptions.BundledBank : options.BankPath!);
            })
            .ValidateOnStart();
    }

    // IOptionsMonitor, not IOptions: ValidateOnStart reads the monitor's cache, so both share one configured instance
    // (IOptions keeps a cache of its own, which would run configure and load the bank a second time).
    private static EmrCatOptions Options(IServiceProvider services) => services.GetRequiredService<IOptionsMonitor<EmrCatOptions>>().CurrentValue;
}

/// <summary>The keys <c>AddEmrCat(IConfiguration)</c> reads (bound by the source generator, without reflection).</summary>
internal sealed class EmrCatSection
{
    public string? BankPath { get; set; }

    public CatPreset? Preset { get; set; }
}
