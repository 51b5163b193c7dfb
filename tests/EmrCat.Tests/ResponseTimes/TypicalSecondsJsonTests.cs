using System.Text.Json.Nodes;
using EmrCat.Banks;
using EmrCat.IO;

namespace EmrCat.Tests.ResponseTimes;

public class TypicalSecondsJsonTests
{
    private static JsonObject Valid() => Tests.Banks.ItemBankJsonTests.Valid();

    private static ItemBank Parse(JsonNode json) => ItemBankJson.Parse("bank.json", json.ToJsonString(), BankValidationOptions.ConsistencyOnly);

    [Fact]
    public void TypicalSeconds_IsReadWrittenAndOptional()
    {
        var json = Valid();
        json["items"]![0]!["typicalSeconds"] = 42.5;
        var bank = Parse(json);

        Assert.Equal(42.5, bank.Items[0].TypicalSeconds);
        Assert.Null(bank.Items[1].TypicalSeconds);
        var back = ItemBankJson.Parse("saved.json", ItemBankJson.ToJson(bank), BankValidationOptions.ConsistencyOnly);
        Assert.Equal(42.5, back.Items[0].TypicalSeconds);
        Assert.Null(back.Items[1].TypicalSeconds);
        Assert.Equal(bank.Fingerprint, back.Fingerprint);
    }

    [Fact]
    public void TypicalSeconds_MovesTheFingerprintOnlyWhenGiven()
    {
        var plain = Parse(Valid());
        var json = Valid();
        json["items"]![0]!["typicalSeconds"] = 30;
        // Without times the fingerprint is what it was before the field existed (recorded snapshots stay valid).
        Assert.Equal(plain.Fingerprint, ItemBank.Create(plain.Metadata, plain.Scale, plain.Blueprint, plain.Items, plain.EnemyGroups, plain.Metric).Fingerprint);
        Assert.NotEqual(plain.Fingerprint, Parse(json).Fingerprint);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    [InlineData(3600.5)]
    public void TypicalSeconds_OutOfRange_NamesItemAndField(double seconds)
    {
        var json = Valid();
        json["items"]![3]!["typicalSeconds"] = seconds;
        string id = (string)json["items"]![3]!["id"]!;

        var ex = Assert.Throws<BankValidationException>(() => Parse(json));
        var problem = Assert.Single(ex.Problems);
        Assert.Equal("$.items[3].typicalSeconds", problem.Path);
        Assert.Equal(id, problem.ItemId);
        Assert.Equal("typicalSeconds", problem.Field);
        Assert.Contains("more than 0 and at most 3600 seconds", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TypicalSeconds_NotANumber_IsOneProblem()
    {
        var json = Valid();
        json["items"]![2]!["typicalSeconds"] = "fast";
        var problem = Assert.Single(Assert.Throws<BankValidationException>(() => Parse(json)).Problems);
        Assert.Equal("typicalSeconds", problem.Field);
    }
}
