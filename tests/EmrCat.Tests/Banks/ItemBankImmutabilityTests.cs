using EmrCat.Banks;
using EmrCat.Irt;
using EmrCat.Scoring;
using EmrCat.Sessions;

namespace EmrCat.Tests.Banks;

/// <summary>A bank is immutable: what the caller hands to <see cref="ItemBank.Create"/> is copied, and what readers get cannot be written.</summary>
public class ItemBankImmutabilityTests
{
    [Fact]
    public void Create_CallerMutatesItsListsAfterwards_BankIsUnchanged()
    {
        var options = new List<ItemOption> { new("A", "Right"), new("B", "Wrong"), new("C", "Also wrong") };
        var key = new List<string> { "A" };
        var tags = new List<string> { "scope" };
        var domains = new List<BlueprintDomain> { new("all", "All", 0, 1) };
        var groups = new List<EnemyGroup> { new("EG-1", "pair") };
        var membership = new List<string> { "EG-1" };
        var items = new List<BankItem>
        {
            new() { Id = "I1", Domain = "all", Stem = "Q1?", Options = options, Key = key, Tags = tags, Parameters = new ItemParameters(1, 0), EnemyGroups = membership },
            new() { Id = "I2", Domain = "all", Stem = "Q2?", Options = options, Key = key, Parameters = new ItemParameters(1.2, 0.5), EnemyGroups = membership },
        };
        var bank = ItemBank.Create(new BankMetadata("b", "B", "1", "en", CalibrationStatus.Provisional), ReportingScale.Emr, new Blueprint(domains), items, groups);
        string fingerprint = bank.Fingerprint;

        options.Reverse();
        options.Add(new ItemOption("D", "New"));
        key[0] = "B";
        tags.Clear();
        domains[0] = new BlueprintDomain("other", "Other", 0, 1);
        groups.Clear();
        membership.Add("EG-2");
        items.RemoveAt(1);

        Assert.Equal(["A", "B", "C"], bank.Items[0].Options.Select(o => o.Id));
        Assert.Equal(["A"], bank.Items[0].Key);
        Assert.Equal(["scope"], bank.Items[0].Tags);
        Assert.Equal("all", Assert.Single(bank.Blueprint.Domains).Id);
        Assert.Single(bank.EnemyGroups);
        Assert.Equal(["EG-1"], bank.Items[1].EnemyGroups);
        Assert.Equal(2, bank.Count);
        Assert.Equal(fingerprint, bank.Fingerprint);
        Assert.True(bank.Items[0].IsCorrect(["A"]));
    }

    [Fact]
    public void Readers_CannotWriteTheBanksCollections()
    {
        var bank = TestBanks.Emr;

        AssertReadOnly(bank.Items);
        AssertReadOnly(bank.EnemyGroups);
        AssertReadOnly(bank.Blueprint.Domains);
        AssertReadOnly(bank.Items[0].Options);
        AssertReadOnly(bank.Items[0].Key);
        AssertReadOnly(bank.Items[0].Tags);
        AssertReadOnly(bank.Items[0].EnemyGroups);
    }

    [Fact]
    public void PresentedItemOptions_CannotBeReorderedByOneClientForAnother()
    {
        var bank = TestBanks.Emr;
        var first = CatSession.Start(bank, CatOptions.Quick, seed: 5);
        var second = CatSession.Start(bank, CatOptions.Quick, seed: 5);
        var before = second.Current.Options.Select(o => o.Id).ToArray();

        AssertReadOnly(first.Current.Options);
        Assert.Throws<NotSupportedException>(() => ((IList<ItemOption>)first.Current.Options)[0] = new ItemOption("Z", "changed"));

        Assert.Equal(before, second.Current.Options.Select(o => o.Id));
    }

    [Fact]
    public void CatOptions_CallerMutatesItsExposureDictionary_OptionsAreUnchanged()
    {
        var exposure = new Dictionary<string, double> { ["SCE-0001"] = 0.5 };
        var options = CatOptions.Emr with { ExposureParameters = exposure };

        exposure["SCE-0001"] = 7;
        exposure["SCE-0002"] = 0.1;

        Assert.Equal(0.5, Assert.Single(options.ExposureParameters).Value);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void ReadOnlyCopy_KeepsItsOwnCopiesAndCopiesAnyOtherReadOnlyList()
    {
        // A session result's item carries its bank item's key as it is (the bank's copy never changes), while a
        // read-only view of a caller's array is still copied.
        var bank = TestBanks.Emr;
        var key = bank.Items[0].Key;
        var administered = new AdministeredItem(1, "x", "d", false, true, ["A"], TimeSpan.Zero, 0, 1) { Key = key };
        Assert.Same(key, administered.Key);

        string[] callers = ["A", "B"];
        var view = Array.AsReadOnly(callers);
        var copied = new AdministeredItem(1, "x", "d", false, true, ["A"], TimeSpan.Zero, 0, 1) { Key = view };
        callers[0] = "changed";
        Assert.Equal(["A", "B"], copied.Key);
        AssertReadOnly(copied.Key);
    }

    private static void AssertReadOnly<T>(IReadOnlyList<T> list)
    {
        Assert.False(list is T[], "an array can be written through a cast");
        Assert.False(list is List<T>, "a List can be written through a cast");
        if (list is ICollection<T> collection) Assert.True(collection.IsReadOnly);
    }
}
