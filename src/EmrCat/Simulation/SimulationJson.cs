using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmrCat.Simulation;

/// <summary>Writes simulated sessions as JSON lines (one object per examinee), for audits of blueprint shares, lengths, repeats, pilot placement and decisions.</summary>
public static class SimulationJson
{
    /// <summary>One session as a single JSON line (no trailing newline).</summary>
    /// <param name="session">The session.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJsonLine(SimulatedSession session) =>
        JsonSerializer.Serialize(session, SimulationJsonContext.Default.SimulatedSession);

    /// <summary>Reads a line written by <see cref="ToJsonLine"/>.</summary>
    /// <param name="line">The JSON text.</param>
    /// <returns>The session.</returns>
    /// <exception cref="JsonException">The text is not a session line.</exception>
    public static SimulatedSession FromJsonLine(string line) =>
        JsonSerializer.Deserialize(line, SimulationJsonContext.Default.SimulatedSession) ?? throw new JsonException("null session line");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SimulatedSession))]
internal sealed partial class SimulationJsonContext : JsonSerializerContext
{
}
