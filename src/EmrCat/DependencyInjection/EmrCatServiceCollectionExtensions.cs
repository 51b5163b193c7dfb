using EmrCat.Sessions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers EmrCat with Microsoft.Extensions.DependencyInjection.</summary>
public static class EmrCatServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICatSessionFactory"/>, validated <see cref="EmrCatOptions"/> and <see cref="TimeProvider.System"/>
    /// (unless a clock is already registered). The configuration is validated here, so an impossible one (min &gt; max
    /// items, a bank without enough pilot items, ...) fails at start-up with every problem listed.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the bank and session options.</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="OptionsValidationException">The configuration is invalid.</exception>
    public static IServiceCollection AddEmrCat(this IServiceCollection services, Action<EmrCatOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        // Fail fast: validate the configuration now rather than on first use.
        var probe = new EmrCatOptions();
        configure(probe);
        var result = new EmrCatOptionsValidator().Validate(Microsoft.Extensions.Options.Options.DefaultName, probe);
        if (result.Failed) throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(EmrCatOptions), result.Failures);

        services.AddOptions<EmrCatOptions>().Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmrCatOptions>, EmrCatOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICatSessionFactory, CatSessionFactory>();
        return services;
    }
}
