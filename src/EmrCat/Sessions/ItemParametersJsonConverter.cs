using System.Text.Json;
using System.Text.Json.Serialization;
using EmrCat.Irt;

namespace EmrCat.Sessions;

/// <summary>
/// Item parameters in a result's JSON: <c>{"model":"TwoPL","a":1.2,"b":-0.3,"c":0,"d":1}</c>, or for a partial-credit
/// item <c>{"model":"GradedResponse","a":1.1,"thresholds":[-1,0.5]}</c>. The struct has no settable properties, so
/// the source generator cannot read it back without this; reading validates as the constructors do.
/// </summary>
internal sealed class ItemParametersJsonConverter : JsonConverter<ItemParameters>
{
    public override ItemParameters Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Item parameters must be an object.");
        IrtModel? model = null;
        double a = 1, b = 0, c = 0, d = 1;
        List<double>? thresholds = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString() ?? "";
            reader.Read();
            switch (name)
            {
                case "model":
                    model = Enum.TryParse<IrtModel>(reader.GetString(), out var m) && Enum.IsDefined(m) ? m : throw new JsonException($"Unknown IRT model '{reader.GetString()}'.");
                    break;
                case "a": a = reader.GetDouble(); break;
                case "b": b = reader.GetDouble(); break;
                case "c": c = reader.GetDouble(); break;
                case "d": d = reader.GetDouble(); break;
                case "thresholds":
                    if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("thresholds must be an array.");
                    thresholds = [];
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) thresholds.Add(reader.GetDouble());
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        try
        {
            return model is { } polytomous && polytomous.IsPolytomous()
                ? ItemParameters.Polytomous(polytomous, a, thresholds is null ? [] : [.. thresholds])
                : new ItemParameters(a, b, c, d);
        }
        catch (ArgumentException e)
        {
            throw new JsonException($"Invalid item parameters: {e.Message}");
        }
    }

    public override void Write(Utf8JsonWriter writer, ItemParameters value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("model", value.Model.ToString());
        writer.WriteNumber("a", value.A);
        if (value.IsPolytomous)
        {
            writer.WriteStartArray("thresholds");
            foreach (double t in value.Thresholds) writer.WriteNumberValue(t);
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteNumber("b", value.B);
            writer.WriteNumber("c", value.C);
            writer.WriteNumber("d", value.D);
        }

        writer.WriteEndObject();
    }
}
