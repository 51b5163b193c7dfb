using EmrCat.Banks;
using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;
using EmrCat.Sessions;
using Microsoft.Extensions.Options;

namespace EmrCat.DependencyInjection;

/// <summary>A named set of session options, for configuration files (<c>"Preset": "Quick"</c>).</summary>
public enum CatPreset
{
    /// <summary><see cref="CatOptions.Emr"/>: the EMR exam.</summary>
    Emr,

    /// <summary><see cref="CatOptions.Quick"/>: a quick practice run.</summary>
    Quick,
}

/// <summary>
/// Configuration of EmrCat for dependency injection, set in code (<c>AddEmrCat(o =&gt; ...)</c>) or bound from a
/// configuration section (<c>AddEmrCat(configuration.GetSection("EmrCat"))</c>). Mutable while configuring;
/// sessions get immutable values from it.
/// </summary>
public sealed class EmrCatOptions
{
    /// <summary>The value of <see cref="BankPath"/> that names the bundled bank explicitly.</summary>
    public const string BundledBank = "bundled:emr-practice";

    /// <summary>The bank sessions run on. When null, <see cref="BankPath"/> is loaded.</summary>
    public ItemBank? Bank { get; set; }

    /// <summary>
    /// A JSON bank file to load when <see cref="Bank"/> is not set; null, empty or <see cref="BundledBank"/> for the
    /// bundled EMR practice bank (<c>item-bank/emr-practice.json</c>, embedded in the package). Loaded once, checked
    /// with <see cref="BankValidationOptions.ConsistencyOnly"/> (the session options are checked against it after).
    /// </summary>
    public string? BankPath { get; set; }

    /// <summary>The session options used when <see cref="Session"/> is not set. Default <see cref="CatPreset.Emr"/>.</summary>
    public CatPreset Preset { get; set; } = CatPreset.Emr;

    /// <summary>Session options; when null (the default), those of <see cref="Preset"/>. Use <c>with</c> to change a preset.</summary>
    public CatOptions? Session { get; set; }

    /// <summary>Options of the registered <see cref="ScoreReporter"/>. Default: its defaults.</summary>
    public ScoreReportOptions ScoreReport { get; set; } = new();

    /// <summary>Options of the registered <see cref="ErrorLogBuilder"/>. Default: its defaults.</summary>
    public ErrorLogOptions ErrorLog { get; set; } = new();

    /// <summary>Options of the registered <see cref="RepairPlanner"/>. Default: its defaults.</summary>
    public RepairPlanOptions RepairPlan { get; set; } = new();

    /// <summary>Options of the registered <see cref="EmrCat.Certification.RetakePolicy"/>. Default: its defaults.</summary>
    public RetakePolicyOptions RetakePolicy { get; set; } = new();

    /// <summary>Options of the registered <see cref="CertificationPathway"/>. Default: its defaults.</summary>
    public CertificationPathwayOptions Certification { get; set; } = new();

    /// <summary>
    /// The key (Base64, at least 32 bytes) that signs each session's event log (<see cref="CatSession.EventLog"/>); null
    /// keeps no event log. Keep it out of source control: a user-secrets entry, an environment variable
    /// (<c>EmrCat__EventLogKey</c>), or a value unprotected with <c>IDataProtector</c> at start-up.
    /// </summary>
    public string? EventLogKey { get; set; }

    /// <summary>The session options in force: <see cref="Session"/>, else the preset's.</summary>
    /// <returns>The options.</returns>
    public CatOptions ResolveSession() => Session ?? Preset switch
    {
        CatPreset.Quick => CatOptions.Quick,
        _ => CatOptions.Emr,
    };
}

/// <summary>Validates <see cref="EmrCatOptions"/>: reports every problem at once.</summary>
internal sealed class EmrCatOptionsValidator : IValidateOptions<EmrCatOptions>
{
    public ValidateOptionsResult Validate(string? name, EmrCatOptions options)
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(options.Preset)) problems.Add($"Unknown Preset {options.Preset}.");
        Add("ScoreReport", options.ScoreReport, o => o.Validate());
        Add("ErrorLog", options.ErrorLog, o => o.Validate());
        Add("RepairPlan", options.RepairPlan, o => o.Validate());
        Add("RetakePolicy", options.RetakePolicy, o => o.Validate());
        Add("Certification", options.Certification, o => o.Validate());
        var session = options.ResolveSession();
        if (options.Bank is null) problems.Add("A bank is required: set EmrCatOptions.Bank or BankPath.");
        if (options.EventLogKey is { } key)
        {
            try
            {
                _ = Sessions.EventLogKey.FromBase64(key);
            }
            catch (ArgumentException e)
            {
                problems.Add($"EventLogKey: {e.Message}");
            }
        }


        // The one options/bank check sessions and simulations use, so all three refuse the same set-ups alike.
        problems.AddRange(options.Bank is null ? session.Validate() : session.Validate(options.Bank));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);

        void Add<T>(string name, T? value, Func<T, IEnumerable<string>> validate)
            where T : class
        {
            if (value is null) problems.Add($"{name} options are required.");
            else problems.AddRange(validate(value).Select(p => $"{name}: {p}"));
        }
    }
}
