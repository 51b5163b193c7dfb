using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EmrCat.Stopping;

namespace EmrCat.Sessions;

/// <summary>What a record of the session event log says.</summary>
public enum SessionEventKind
{
    /// <summary>The session started (always record 0).</summary>
    Start,

    /// <summary>One answer was recorded.</summary>
    Answer,

    /// <summary>The session ended (always the last record): by the answer before it, its time limit, or abandonment.</summary>
    End,
}

/// <summary>How a session started: the bank it runs on, its options (and their fingerprint), its seed and the start time.</summary>
/// <param name="BankId">Id of the bank.</param>
/// <param name="BankVersion">Version of the bank.</param>
/// <param name="BankFingerprint">SHA-256 of everything in the bank that affects selection and scoring.</param>
/// <param name="Options">The session's options.</param>
/// <param name="OptionsFingerprint">SHA-256 (hex) of the options' JSON, to compare runs without reading the options.</param>
/// <param name="Seed">The session's seed.</param>
/// <param name="StartedAt">When it started (the clock the session was given).</param>
public sealed record SessionStart(string BankId, string BankVersion, string BankFingerprint, CatOptions Options, string OptionsFingerprint, ulong Seed, DateTimeOffset StartedAt);

/// <summary>How a session ended.</summary>
/// <param name="Reason">
/// The rule that ended it. <see cref="StopReason.TimeLimit"/> and <see cref="StopReason.Abandoned"/> end a replayed
/// session; any other reason must be where the answers before it end the session on replay, or the log is refused.
/// </param>
/// <param name="ElapsedMs">Session time used when it ended, in milliseconds.</param>
public sealed record SessionEnding(StopReason Reason, long ElapsedMs);

/// <summary>
/// One record of a session's append-only event log: the start, one per answer, and an end however the session ended.
/// A host persists each record as it is added (<see cref="CatSession.EventLog"/>) and resumes by replaying them. Each
/// record carries an HMAC-SHA256 (<see cref="EventLogKey"/>) over its body and the previous record's MAC, so an edited,
/// reordered, inserted or removed record is detected, and a finished session's log without its end record is refused.
/// What the log alone cannot show is a session still running cut back to an earlier record: that resumes the session
/// earlier (answers lost, none forged) unless the host compares the log with a record count or last MAC it keeps
/// elsewhere.
/// </summary>
public sealed record SessionEvent
{
    /// <summary>Event log format version (1).</summary>
    public int FormatVersion { get; init; } = 1;

    /// <summary>0-based position in the log.</summary>
    public required int Sequence { get; init; }

    /// <summary>What the record says.</summary>
    public required SessionEventKind Kind { get; init; }

    /// <summary>The start (record 0 only).</summary>
    public SessionStart? Start { get; init; }

    /// <summary>The answer (answer records only).</summary>
    public AnswerRecord? Answer { get; init; }

    /// <summary>The ending (end records only).</summary>
    public SessionEnding? Ending { get; init; }

    /// <summary>HMAC-SHA256 (hex) of the previous record's MAC followed by this record's JSON with this field empty.</summary>
    public string Mac { get; init; } = "";

    /// <summary>The record as JSON (camelCase, enums as strings), MAC included: what a host stores.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, SessionJsonContext.Default.SessionEvent);

    /// <summary>Reads a record written by <see cref="ToJson"/> (its MAC is checked when the log is resumed).</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The record.</returns>
    /// <exception cref="InvalidEventLogException">The text is not an event record.</exception>
    public static SessionEvent FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > SessionSnapshot.MaxJsonLength) throw new InvalidEventLogException($"The event record is {json.Length} characters; the limit is {SessionSnapshot.MaxJsonLength}.");
        try
        {
            return JsonSerializer.Deserialize(json, SessionJsonContext.Default.SessionEvent) ?? throw new InvalidEventLogException("The event record is empty (null).");
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException or OverflowException or NotSupportedException || (e is InvalidOperationException and not InvalidEventLogException))
        {
            throw new InvalidEventLogException($"The event record is not valid JSON of the expected shape: {e.Message}");
        }
    }

    /// <summary>The fingerprint of <paramref name="options"/>: SHA-256 (hex) of their JSON.</summary>
    internal static string Fingerprint(CatOptions options) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(options, SessionJsonContext.Default.CatOptions))));

    /// <summary>This record signed after <paramref name="previousMac"/> (hex, empty for the first).</summary>
    internal SessionEvent Signed(EventLogKey key, string previousMac) => this with { Mac = ComputeMac(key, previousMac) };

    /// <summary>The MAC this record should carry after <paramref name="previousMac"/>.</summary>
    internal string ComputeMac(EventLogKey key, string previousMac)
    {
        byte[] body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this with { Mac = "" }, SessionJsonContext.Default.SessionEvent));
        return Convert.ToHexStringLower(key.Mac(Convert.FromHexString(previousMac), body));
    }

    /// <summary>A one-line description for error messages.</summary>
    internal string Describe() => Kind switch
    {
        SessionEventKind.Start => "the start",
        SessionEventKind.Answer => $"the answer to item '{Answer?.ItemId}'",
        _ => $"the end ({Ending?.Reason})",
    };
}

/// <summary>An event log does not verify (edited, reordered, a record missing, another key) or does not replay on the bank; nothing was resumed.</summary>
public sealed class InvalidEventLogException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public InvalidEventLogException(string message) : base(message)
    {
    }
}
