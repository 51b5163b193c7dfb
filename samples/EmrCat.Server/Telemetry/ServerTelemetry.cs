using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EmrCat.Server.Telemetry;

/// <summary>The server's meter and activity source, both named <c>EmrCat.Server</c> (the library's own are named <c>EmrCat</c>).</summary>
public sealed class ServerTelemetry
{
    /// <summary>The meter's and activity source's name.</summary>
    public const string Name = "EmrCat.Server";

    /// <summary>Spans around start, load (and replay), submit.</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>Creates the instruments on the host's meter factory.</summary>
    public ServerTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        SessionsStarted = meter.CreateCounter<long>("emrcat.server.sessions.started", description: "Sessions started.");
        SessionsEnded = meter.CreateCounter<long>("emrcat.server.sessions.ended", description: "Sessions ended (by any rule).");
        AnswersAccepted = meter.CreateCounter<long>("emrcat.server.answers.accepted", description: "Answers appended to the store.");
        AnswersRepeated = meter.CreateCounter<long>("emrcat.server.answers.repeated", description: "Retried submits answered from the store without applying them again.");
        AnswersRefused = meter.CreateCounter<long>("emrcat.server.answers.refused", description: "Stale or conflicting submits refused with 409.");
        Replays = meter.CreateHistogram<double>("emrcat.server.replay.duration", unit: "ms", description: "Verifying and replaying a session's stored event log.");
        SessionsRefused = meter.CreateCounter<long>("emrcat.server.sessions.refused", description: "Stored sessions whose event log did not verify (edited, cut, another key).");
        TokensRefused = meter.CreateCounter<long>("emrcat.server.tokens.refused", description: "Requests with a missing, tampered or foreign token.");
    }

    internal Counter<long> SessionsStarted { get; }

    internal Counter<long> SessionsEnded { get; }

    internal Counter<long> AnswersAccepted { get; }

    internal Counter<long> AnswersRepeated { get; }

    internal Counter<long> AnswersRefused { get; }

    internal Histogram<double> Replays { get; }

    internal Counter<long> SessionsRefused { get; }

    internal Counter<long> TokensRefused { get; }
}
