using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmrCat.Banks.Json;

// The file's shape as data transfer objects. Every member is nullable: BankJsonChecker has already reported what is
// missing or mistyped and left it out of the copy these are read from, so a null means "reported, use a placeholder".

internal sealed class BankDto
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    public double? FormatVersion { get; set; }

    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? Version { get; set; }

    public string? Language { get; set; }

    public string? Calibration { get; set; }

    public ScaleDto? Scale { get; set; }

    public BlueprintDto? Blueprint { get; set; }

    public List<SourceDto>? Sources { get; set; }

    public List<EnemyGroupDto>? EnemyGroups { get; set; }

    public List<ItemDto>? Items { get; set; }
}

internal sealed class ScaleDto
{
    public double? CutTheta { get; set; }

    public double? PassingScore { get; set; }

    public double? Minimum { get; set; }

    public double? Maximum { get; set; }

    public double? PointsPerLogit { get; set; }
}

internal sealed class BlueprintDto
{
    public List<DomainDto>? Domains { get; set; }
}

internal sealed class DomainDto
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public double? MinShare { get; set; }

    public double? MaxShare { get; set; }
}

internal sealed class EnemyGroupDto
{
    public string? Id { get; set; }

    public string? Description { get; set; }
}

internal sealed class ItemDto
{
    public string? Id { get; set; }

    public string? Domain { get; set; }

    public string? Type { get; set; }

    public string? Status { get; set; }

    public string? Topic { get; set; }

    public List<string>? Tags { get; set; }

    public string? Stem { get; set; }

    public List<OptionDto>? Options { get; set; }

    public KeyDto? Key { get; set; }

    public string? Scoring { get; set; }

    public string? Rationale { get; set; }

    public IrtDto? Irt { get; set; }

    public List<string>? EnemyGroups { get; set; }

    public ReviewDto? Review { get; set; }

    public double? TypicalSeconds { get; set; }
}

internal sealed class ReviewDto
{
    public string? Guideline { get; set; }

    public string? Date { get; set; }

    public string? ReviewerRole { get; set; }
}

internal sealed class SourceDto
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? Url { get; set; }
}

internal sealed class OptionDto
{
    public string? Id { get; set; }

    public string? Text { get; set; }
}

internal sealed class IrtDto
{
    public string? Model { get; set; }

    public double? A { get; set; }

    public double? B { get; set; }

    public double? C { get; set; }

    public double? D { get; set; }

    public List<double>? Steps { get; set; }

    public List<double>? Thresholds { get; set; }
}

/// <summary>An item's key as written: one option id as a string, or option ids as an array.</summary>
/// <param name="Ids">The option ids, in order.</param>
/// <param name="IsArray">Whether the file wrote an array.</param>
[JsonConverter(typeof(KeyDtoConverter))]
internal sealed record KeyDto(IReadOnlyList<string> Ids, bool IsArray);

/// <summary>Reads a key written as <c>"B"</c> or <c>["A", "C"]</c>.</summary>
internal sealed class KeyDtoConverter : JsonConverter<KeyDto>
{
    public override KeyDto Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new KeyDto([reader.GetString()!], IsArray: false);
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("A key is a string or an array of strings.");
        var ids = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String) throw new JsonException("A key array holds only strings.");
            ids.Add(reader.GetString()!);
        }

        return new KeyDto(ids, IsArray: true);
    }

    public override void Write(Utf8JsonWriter writer, KeyDto value, JsonSerializerOptions options)
    {
        if (!value.IsArray && value.Ids.Count == 1)
        {
            writer.WriteStringValue(value.Ids[0]);
            return;
        }

        writer.WriteStartArray();
        foreach (string id in value.Ids) writer.WriteStringValue(id);
        writer.WriteEndArray();
    }
}

/// <summary>Source-generated (reflection-free, trimming- and AOT-safe) metadata for the bank DTOs.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(BankDto))]
internal sealed partial class BankJsonContext : JsonSerializerContext
{
}
