using EmrCat.Banks;
using EmrCat.Sessions;
using Microsoft.Extensions.Options;

namespace EmrCat.DependencyInjection;

/// <summary>The default <see cref="ICatSessionFactory"/>: reports to the host's logging, metrics and tracing.</summary>
internal sealed class CatSessionFactory : ICatSessionFactory
{
    private readonly TimeProvider _time;
    private readonly CatStrategies _components;
    private readonly SessionTelemetry _telemetry;
    private readonly EventLogKey? _logKey;

    public CatSessionFactory(IOptionsMonitor<EmrCatOptions> options, TimeProvider time, SessionTelemetry telemetry)
    {
        var value = options.CurrentValue;
        Bank = value.Bank ?? throw new InvalidOperationException("EmrCatOptions.Bank is not set.");
        Options = value.ResolveSession();
        _time = time;
        _telemetry = telemetry;
        _components = CatStrategies.For(Bank, Options);
        _logKey = value.EventLogKey is { } key ? EventLogKey.FromBase64(key) : null;
    }

    public ItemBank Bank { get; }

    public CatOptions Options { get; }

    public CatSession Start(ulong seed)
    {
        using var activity = SessionTelemetry.StartActivity("EmrCat.Start");
        activity?.SetTag("emrcat.seed", seed);
        activity?.SetTag("emrcat.bank.id", Bank.Metadata.Id);
        return CatSession.StartWith(Bank, Options, seed, _time, _components, _telemetry, _logKey);
    }

    public CatSession Resume(IReadOnlyList<SessionEvent> log)
    {
        var key = _logKey ?? throw new InvalidOperationException("EmrCatOptions.EventLogKey is not set: sessions keep no event log to resume from.");
        return Traced(() => CatSession.Resume(Bank, log, key, _time));
    }

    public CatSession Resume(SessionSnapshot snapshot) => Traced(() => CatSession.Resume(Bank, snapshot, _time));

    /// <summary>Resumes inside one activity; a refused log or snapshot is logged and marked on the activity, then rethrown.</summary>
    private CatSession Traced(Func<CatSession> resume)
    {
        using var activity = SessionTelemetry.StartActivity("EmrCat.Resume");
        activity?.SetTag("emrcat.bank.id", Bank.Metadata.Id);
        CatSession session;
        try
        {
            session = resume();
        }
        catch (Exception refused) when (refused is InvalidEventLogException or InvalidSnapshotException)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, refused.Message);
            _telemetry.SnapshotRefused(refused.Message);
            throw;
        }

        activity?.SetTag("emrcat.seed", session.Seed);
        session.Observe(_telemetry);
        _telemetry.Resumed(session);
        return session;
    }
}
