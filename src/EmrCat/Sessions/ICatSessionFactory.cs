using EmrCat.Banks;
using Microsoft.Extensions.Options;

namespace EmrCat.Sessions;

/// <summary>Starts and resumes sessions with the configured bank, options and clock. Registered by <c>AddEmrCat</c>.</summary>
public interface ICatSessionFactory
{
    /// <summary>The configured bank.</summary>
    ItemBank Bank { get; }

    /// <summary>The configured session options.</summary>
    CatOptions Options { get; }

    /// <summary>Starts a session on the configured bank.</summary>
    /// <param name="seed">The session's seed (same seed and answers replay the same items).</param>
    /// <returns>The session with its first item ready.</returns>
    CatSession Start(ulong seed);

    /// <summary>Resumes a session from a snapshot on the configured bank.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>The session where it stopped.</returns>
    /// <exception cref="InvalidSnapshotException">The snapshot does not fit the bank.</exception>
    CatSession Resume(SessionSnapshot snapshot);
}

/// <summary>Configuration of EmrCat for dependency injection (mutable while configuring; sessions get immutable snapshots of it).</summary>
public sealed class EmrCatOptions
{
    /// <summary>The bank sessions run on. Required.</summary>
    public ItemBank? Bank { get; set; }

    /// <summary>Session options; default <see cref="CatOptions.Emr"/>. Use <c>with</c> to change a preset.</summary>
    public CatOptions Session { get; set; } = CatOptions.Emr;
}

/// <summary>Validates <see cref="EmrCatOptions"/>: reports every problem at once.</summary>
internal sealed class EmrCatOptionsValidator : IValidateOptions<EmrCatOptions>
{
    public ValidateOptionsResult Validate(string? name, EmrCatOptions options)
    {
        var problems = new List<string>();
        if (options.Session is null) problems.Add("Session options are required.");
        if (options.Bank is null) problems.Add("A bank is required: set EmrCatOptions.Bank.");
        if (options.Session is not null)
        {
            // The one options/bank check sessions and simulations use, so all three refuse the same set-ups alike.
            problems.AddRange(options.Bank is null ? options.Session.Validate() : options.Session.Validate(options.Bank));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>The default <see cref="ICatSessionFactory"/>.</summary>
internal sealed class CatSessionFactory : ICatSessionFactory
{
    private readonly TimeProvider _time;
    private readonly CatStrategies _components;

    public CatSessionFactory(IOptions<EmrCatOptions> options, TimeProvider time)
    {
        var value = options.Value;
        Bank = value.Bank ?? throw new InvalidOperationException("EmrCatOptions.Bank is not set.");
        Options = value.Session;
        _time = time;
        _components = CatStrategies.For(Bank, Options);
    }

    public ItemBank Bank { get; }

    public CatOptions Options { get; }

    public CatSession Start(ulong seed) => CatSession.StartWith(Bank, Options, seed, _time, _components);

    public CatSession Resume(SessionSnapshot snapshot) => CatSession.Resume(Bank, snapshot, _time);
}
