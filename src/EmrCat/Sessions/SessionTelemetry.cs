using System.Diagnostics;
using System.Diagnostics.Metrics;
using EmrCat.Scoring;
using EmrCat.Stopping;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmrCat.Sessions;

/// <summary>
/// The names EmrCat reports under, for OpenTelemetry or <c>dotnet-counters</c>: one <see cref="Meter"/> and one
/// <see cref="ActivitySource"/>, both named <see cref="Name"/>. Sessions started by <see cref="ICatSessionFactory"/>
/// (registered by <c>AddEmrCat</c>) report; sessions started with <see cref="CatSession.Start(Banks.ItemBank, CatOptions, ulong, TimeProvider?, EventLogKey?)"/> directly do not.
/// </summary>
public static class EmrCatTelemetry
{
    /// <summary>The meter's and the activity source's name: "EmrCat".</summary>
    public const string Name = "EmrCat";

    /// <summary>Counter of sessions started (resumed sessions are not counted again).</summary>
    public const string SessionsStarted = "emrcat.sessions.started";

    /// <summary>Counter of sessions ended, tagged with <c>emrcat.stop_reason</c> and <c>emrcat.decision</c>.</summary>
    public const string SessionsEnded = "emrcat.sessions.ended";

    /// <summary>Counter of answers accepted, tagged with <c>emrcat.item.pilot</c>.</summary>
    public const string ItemsAdministered = "emrcat.items.administered";

    /// <summary>Histogram of the time one <see cref="CatSession.Submit(string, IReadOnlyList{string})"/> takes (record, re-estimate, select next), in seconds.</summary>
    public const string StepDuration = "emrcat.step.duration";
}

/// <summary>
/// Logs, metrics and traces of the sessions one factory runs. The meter comes from the host's
/// <see cref="IMeterFactory"/>, so every service provider has its own; the activity source is shared, as is usual.
/// </summary>
internal sealed partial class SessionTelemetry
{
    private static readonly ActivitySource Source = new(EmrCatTelemetry.Name);

    private readonly Counter<long> _started;
    private readonly Counter<long> _ended;
    private readonly Counter<long> _administered;
    private readonly Histogram<double> _stepDuration;

    public SessionTelemetry(IMeterFactory meterFactory, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("EmrCat");
        var meter = meterFactory.Create(EmrCatTelemetry.Name);
        _started = meter.CreateCounter<long>(EmrCatTelemetry.SessionsStarted, "{session}", "Sessions started.");
        _ended = meter.CreateCounter<long>(EmrCatTelemetry.SessionsEnded, "{session}", "Sessions ended, by stop reason and decision.");
        _administered = meter.CreateCounter<long>(EmrCatTelemetry.ItemsAdministered, "{item}", "Answers accepted, scored and pilot.");
        _stepDuration = meter.CreateHistogram<double>(EmrCatTelemetry.StepDuration, "s", "Time to record an answer, re-estimate and choose the next item.");
    }

    public ILogger Logger { get; }

    public static Activity? StartActivity(string name) => Source.StartActivity(name);

    public void BankLoaded(Banks.ItemBank bank, string source) => LogBankLoaded(Logger, bank.Metadata.Id, bank.Metadata.Version, bank.Count, source);

    public void Started(CatSession session)
    {
        _started.Add(1);
        LogStarted(Logger, session.Seed, session.Bank.Metadata.Id);
    }

    public void Resumed(CatSession session) => LogResumed(Logger, session.Seed, session.AnsweredCount, session.IsFinished);

    public void SnapshotRefused(string problem) => LogSnapshotRefused(Logger, problem);

    public void Submitted(CatSession session, bool pilot, long startedTimestamp)
    {
        _stepDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds);
        _administered.Add(1, new KeyValuePair<string, object?>("emrcat.item.pilot", pilot));
    }

    public void Ended(CatSession session)
    {
        var result = session.Result;
        _ended.Add(1, new KeyValuePair<string, object?>("emrcat.stop_reason", result.Reason.ToString()), new KeyValuePair<string, object?>("emrcat.decision", result.Decision.ToString()));
        LogEnded(Logger, session.Seed, result.Decision, result.Reason, result.ScoredCount, result.PilotCount, result.ReportedScore);
    }

    [LoggerMessage(EventId = 1, EventName = "BankLoaded", Level = LogLevel.Information, Message = "Loaded bank {BankId} version {BankVersion}: {ItemCount} items from {Source}.")]
    private static partial void LogBankLoaded(ILogger logger, string bankId, string bankVersion, int itemCount, string source);

    [LoggerMessage(EventId = 2, EventName = "SessionStarted", Level = LogLevel.Information, Message = "Session {Seed} started on bank {BankId}.")]
    private static partial void LogStarted(ILogger logger, ulong seed, string bankId);

    [LoggerMessage(EventId = 3, EventName = "SessionResumed", Level = LogLevel.Information, Message = "Session {Seed} resumed after {Answered} answers (finished: {Finished}).")]
    private static partial void LogResumed(ILogger logger, ulong seed, int answered, bool finished);

    [LoggerMessage(EventId = 4, EventName = "SessionEnded", Level = LogLevel.Information, Message = "Session {Seed} ended: {Decision} by {Reason} after {Scored} scored and {Pilot} pilot items, reported score {Score}.")]
    private static partial void LogEnded(ILogger logger, ulong seed, PassFailDecision decision, StopReason reason, int scored, int pilot, int score);

    [LoggerMessage(EventId = 5, EventName = "SnapshotRefused", Level = LogLevel.Warning, Message = "A snapshot was refused: {Problem}")]
    private static partial void LogSnapshotRefused(ILogger logger, string problem);
}
