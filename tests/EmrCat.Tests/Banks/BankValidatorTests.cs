using EmrCat.Banks;
using EmrCat.Irt;
using EmrCat.Scoring;

namespace EmrCat.Tests.Banks;

public class BankValidatorTests
{
    private static readonly Blueprint TwoDomains = new([new("a", "A", 0.4, 0.6), new("b", "B", 0.4, 0.6)]);

    [Fact]
    public void Validate_WithoutOptions_ChecksNoCapacity() =>
        Assert.Empty(BankValidator.Validate(ReportingScale.Emr, TwoDomains, [Item("1", "a"), Item("2", "b")], []));

    [Fact]
    public void Validate_DomainShortOfItsMaxShare_NamesTheDomain()
    {
        var options = new BankValidationOptions { MaxScoredItems = 5, PilotItems = 0 }; // each domain needs ⌈0.6 × 5⌉ = 3
        var items = new[] { Item("1", "a"), Item("2", "a"), Item("3", "a"), Item("4", "b"), Item("5", "b"), Item("6", "b", ItemStatus.Pilot) };

        var problem = Assert.Single(BankValidator.Validate(ReportingScale.Emr, TwoDomains, items, [], options));

        Assert.Equal(new BankProblem("$.blueprint.domains[1].maxShare", null, "maxShare",
            "Domain 'b' has 2 scored items, but a test of up to 5 scored items may give it up to 3 (maxShare 0.6 × 5, rounded up); add 1 scored items to the domain."), problem);
    }

    [Fact]
    public void Validate_TooFewPilotItems_IsOneProblemAboutAllItems()
    {
        var options = new BankValidationOptions { MaxScoredItems = 0, PilotItems = 2 };
        var problem = Assert.Single(BankValidator.Validate(ReportingScale.Emr, TwoDomains, [Item("1", "a"), Item("2", "b", ItemStatus.Pilot)], [], options));
        Assert.Equal(new BankProblem("$.items", null, "status", "The bank has 1 pilot items, but each test delivers 2; add 1 pilot items."), problem);
    }

    [Fact]
    public void Validate_NoBlueprint_NeedsMaxScoredItemsInOnePool()
    {
        var options = new BankValidationOptions { MaxScoredItems = 3, PilotItems = 0 };
        var problem = Assert.Single(BankValidator.Validate(ReportingScale.Emr, Blueprint.None, [Item("1", "x"), Item("2", "y")], [], options));
        Assert.Equal("The bank has 2 scored items, but a test may deliver up to 3; add 1 scored items.", problem.Message);
    }

    [Fact]
    public void Validate_InvalidOptions_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => BankValidator.Validate(ReportingScale.Emr, TwoDomains, [], [], new BankValidationOptions { MaxScoredItems = -5 }));
        Assert.Contains("MaxScoredItems must be ≥ 0, but was -5.", ex.Message);
    }

    [Fact]
    public void Create_WithThePreset_ReportsCapacityAndBuildsNothing()
    {
        var metadata = new BankMetadata("b", "B", "1", "en", CalibrationStatus.Provisional);
        var items = new[] { Item("1", "a"), Item("2", "b") };
        Assert.Equal(2, ItemBank.Create(metadata, ReportingScale.Emr, TwoDomains, items).Count);

        var ex = Assert.Throws<BankValidationException>(() => ItemBank.Create(metadata, ReportingScale.Emr, TwoDomains, items, validation: BankValidationOptions.Emr));
        Assert.Equal(["$.blueprint.domains[0].maxShare", "$.blueprint.domains[1].maxShare", "$.items"], ex.Problems.Select(p => p.Path));
    }

    private static BankItem Item(string id, string domain, ItemStatus status = ItemStatus.Scored) => new()
    {
        Id = id,
        Domain = domain,
        Status = status,
        Stem = "Question?",
        Options = [new ItemOption("A", "Yes"), new ItemOption("B", "No")],
        Key = ["A"],
        Parameters = new ItemParameters(1.0, 0.0),
    };
}
