using System.Text;
using EmrCat.Banks;
using EmrCat.IO;
using EmrCat.Irt;
using EmrCat.Tests.Fixtures;
using EmrCat.Tests.Reliability;

namespace EmrCat.Tests.Banks;

public class ItemBankJsonSaveTests
{
    private static string BundledBank => Path.Combine(FixturePaths.Repository, "item-bank", "emr-practice.json");

    [Fact]
    public void ToJson_BundledBank_ReadsBackAsTheSameBank()
    {
        var bank = ItemBankJson.Load(BundledBank);

        var back = ItemBankJson.Parse("saved.json", ItemBankJson.ToJson(bank));

        Assert.Equal(bank.Fingerprint, back.Fingerprint);
        Assert.Equal(bank.Metadata, back.Metadata);
        Assert.Equal(bank.Items.Select(i => (i.Id, i.Stem, i.Rationale, i.Topic, string.Join("|", i.Tags), string.Join("|", i.Options))),
            back.Items.Select(i => (i.Id, i.Stem, i.Rationale, i.Topic, string.Join("|", i.Tags), string.Join("|", i.Options))));
    }

    [Fact]
    public void Save_Path_WritesAFileTheLoaderReads()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "bank.json");
        var bank = TestBanks.Emr;

        ItemBankJson.Save(bank, path);

        Assert.Equal(bank.Fingerprint, ItemBankJson.Load(path, BankValidationOptions.ConsistencyOnly).Fingerprint);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Load_Stream_ReadsTheBundledBank()
    {
        using var stream = File.OpenRead(BundledBank);
        Assert.Equal(ItemBankJson.Load(BundledBank).Fingerprint, ItemBankJson.Load(stream, "emr-practice.json").Fingerprint);
    }

    [Fact]
    public void Load_StreamOfBrokenJson_ListsTheProblemWithTheSource()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("{ \"id\": "));
        var ex = Assert.Throws<BankValidationException>(() => ItemBankJson.Load(stream, "upload.json"));
        Assert.Contains("Malformed JSON", ex.Message);
    }

    [Fact]
    public void Save_NormalOgiveBank_IsRefusedRatherThanSavedAsAnotherBank()
    {
        var bank = TestBanks.Of([new ItemParameters(1, 0)], domains: [0], metric: IrtMetric.NormalOgive);
        var ex = Assert.Throws<ArgumentException>(() => ItemBankJson.ToJson(bank));
        Assert.Contains("D = 1.702", ex.Message);
    }
}
