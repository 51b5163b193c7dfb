using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using EmrCat.Stopping;

namespace EmrCat.Sessions;

/// <summary>
/// Everything needed to resume a session exactly: the bank it ran on (id, version, fingerprint), its options, its seed
/// and the answers so far. Resuming replays the answers, so the same seed and answers give the same item sequence.
/// A checksum (unkeyed SHA-256) catches corrupted snapshots; anyone can recompute it, so it is no defense against a
/// deliberate edit: use the signed <see cref="CatSession.EventLog"/> where answers must not be forged.
/// </summary>
public sealed record SessionSnapshot
{
    /// <summary>Snapshot format version (1).</summary>
    public int FormatVersion { get; init; } = 1;

    /// <summary>Id of the bank the session ran on.</summary>
    public required string BankId { get; init; }

    /// <summary>Version of that bank.</summary>
    public required string BankVersion { get; init; }

    /// <summary>SHA-256 of everything in the bank that affects item selection and scoring.</summary>
    public required string BankFingerprint { get; init; }

    /// <summary>The session's options.</summary>
    public required CatOptions Options { get; init; }

    /// <summary>The session's seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Answers in order.</summary>
    public required IReadOnlyList<AnswerRecord> Answers { get; init; }

    /// <summary>How the session ended when it ended otherwise than by answering (time limit, abandoned), else null.</summary>
    public StopReason? EndedBy { get; init; }

    /// <summary>Session time used when it ended that way, in milliseconds.</summary>
    public long EndedAtMs { get; init; }

    /// <summary>SHA-256 (hex) of the snapshot's JSON with this field empty.</summary>
    public string Checksum { get; init; } = "";

    /// <summary>Serialises to JSON, filling in the checksum.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        var unsigned = this with { Checksum = "" };
        string body = JsonSerializer.Serialize(unsigned, SessionJsonContext.Default.SessionSnapshot);
        return JsonSerializer.Serialize(unsigned with { Checksum = Hash(body) }, SessionJsonContext.Default.SessionSnapshot);
    }

    /// <summary>Reads a snapshot written by <see cref="ToJson"/>, verifying its checksum.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="InvalidSnapshotException">The text is not a snapshot, or its checksum does not match.</exception>
    public static SessionSnapshot FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxJsonLength) throw new InvalidSnapshotException($"The snapshot is {json.Length} characters; the limit is {MaxJsonLength}.");
        SessionSnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize(json, SessionJsonContext.Default.SessionSnapshot);
        }
        catch (JsonException e)
        {
            throw new InvalidSnapshotException($"The snapshot is not valid JSON of the expected shape: {e.Message}");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or InvalidOperationException or NotSupportedException)
        {
            throw new InvalidSnapshotException($"The snapshot holds an invalid value: {e.Message}");
        }

        if (snapshot is null) throw new InvalidSnapshotException("The snapshot is empty (null).");
        if (snapshot.FormatVersion != 1) throw new InvalidSnapshotException($"Snapshot format version {snapshot.FormatVersion} is not supported (expected 1).");
        if (snapshot.Answers is null || snapshot.Options is null || snapshot.BankId is null) throw new InvalidSnapshotException("The snapshot lacks answers, options or bank id.");
        string expected = Hash(JsonSerializer.Serialize(snapshot with { Checksum = "" }, SessionJsonContext.Default.SessionSnapshot));
        if (!string.Equals(expected, snapshot.Checksum, StringComparison.Ordinal))
        {
            throw new InvalidSnapshotException("The snapshot's checksum does not match its content: it was edited or corrupted.");
        }

        return snapshot;
    }

    /// <summary>Largest snapshot text accepted (a full session is far below this).</summary>
    public const int MaxJsonLength = 4 * 1024 * 1024;

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>A snapshot cannot be read or does not fit the bank it is resumed on; nothing was resumed.</summary>
public sealed class InvalidSnapshotException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public InvalidSnapshotException(string message) : base(message)
    {
    }
}

/// <summary>Source-generated JSON for snapshots and results (no reflection at run time).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    MaxDepth = 16,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(ItemParametersJsonConverter)])]
[JsonSerializable(typeof(SessionSnapshot))]
[JsonSerializable(typeof(SessionResult))]
[JsonSerializable(typeof(PresentedItem))]
[JsonSerializable(typeof(SessionEvent))]
[JsonSerializable(typeof(CatOptions))]
internal sealed partial class SessionJsonContext : JsonSerializerContext
{
}

/// <summary>JSON for session results (source-generated, camelCase, enums as strings).</summary>
public static class SessionJson
{
    /// <summary>Serialises a result.</summary>
    /// <param name="result">The result.</param>
    /// <returns>JSON text.</returns>
    public static string Serialize(SessionResult result) => JsonSerializer.Serialize(result, SessionJsonContext.Default.SessionResult);

    /// <summary>Reads a result written by <see cref="Serialize(SessionResult)"/>.</summary>
    /// <param name="json">JSON text.</param>
    /// <returns>The result.</returns>
    /// <exception cref="JsonException">Not a result.</exception>
    public static SessionResult DeserializeResult(string json) =>
        JsonSerializer.Deserialize(json, SessionJsonContext.Default.SessionResult) ?? throw new JsonException("null result");

    /// <summary>Serialises an item view (what a client may see before answering).</summary>
    /// <param name="item">The presented item.</param>
    /// <returns>JSON text.</returns>
    public static string Serialize(PresentedItem item) => JsonSerializer.Serialize(item, SessionJsonContext.Default.PresentedItem);
}
