using System.Text.Json.Nodes;
using EmrCat.Banks.Json;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Banks.Json;

/// <summary>The JSON Schema for editors and the loader's shapes must describe the same format.</summary>
public class BankJsonFormatTests
{
    public static TheoryData<string, string> Objects => new()
    {
        { "", nameof(BankJsonFormat.Bank) },
        { "scale", nameof(BankJsonFormat.Scale) },
        { "blueprint", nameof(BankJsonFormat.Blueprint) },
        { "domain", nameof(BankJsonFormat.Domain) },
        { "enemyGroup", nameof(BankJsonFormat.EnemyGroup) },
        { "item", nameof(BankJsonFormat.Item) },
        { "option", nameof(BankJsonFormat.Option) },
        { "irt", nameof(BankJsonFormat.Irt) },
        { "review", nameof(BankJsonFormat.Review) },
        { "source", nameof(BankJsonFormat.Source) },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Schema_NamesTheSameFieldsAsTheLoader(string definition, string shapeName)
    {
        var schema = Schema();
        var node = definition.Length == 0 ? schema : schema["$defs"]![definition]!;
        var shape = (ObjectShape)typeof(BankJsonFormat).GetProperty(shapeName)!.GetValue(null)!;

        Assert.False(node["additionalProperties"]!.GetValue<bool>());
        Assert.Equal(shape.Fields.Select(f => f.Name), node["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(shape.Fields.Where(f => f.Required).Select(f => f.Name), node["required"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public void Schema_ListsTheSameValuesAsTheLoader()
    {
        var schema = Schema();
        Assert.Equal(BankJsonFormat.Calibrations, Values(schema["properties"]!["calibration"]!));
        Assert.Equal(BankJsonFormat.ItemTypes, Values(schema["$defs"]!["item"]!["properties"]!["type"]!));
        Assert.Equal(BankJsonFormat.ItemStatuses, Values(schema["$defs"]!["item"]!["properties"]!["status"]!));
        Assert.Equal(BankJsonFormat.Models, Values(schema["$defs"]!["irt"]!["properties"]!["model"]!));
        Assert.Equal(EmrCat.Banks.ItemTags.All, Values(schema["$defs"]!["item"]!["properties"]!["tags"]!["items"]!));
        Assert.Equal(BankJsonFormat.FormatVersion, schema["properties"]!["formatVersion"]!["const"]!.GetValue<int>());
    }

    private static IEnumerable<string> Values(JsonNode node) => node["enum"]!.AsArray().Select(v => v!.GetValue<string>());

    private static JsonNode Schema() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(FixturePaths.Repository, "item-bank", "schema", "emrcat-bank.schema.json")))!;
}
