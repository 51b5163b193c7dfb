using EmrCat.Banks;

namespace EmrCat.Tests.Architecture;

/// <summary>The library's namespaces form layers: no namespace uses, directly or through others, one that uses it.</summary>
public class NamespaceCycleTests
{
    [Fact]
    public void EmrCat_HasNoNamespaceCycles()
    {
        var graph = NamespaceDependencies.Read(typeof(ItemBank).Assembly.Location);

        var cycles = NamespaceDependencies.Cycles(graph).Select(c => string.Join(" <-> ", c)).ToList();

        Assert.True(cycles.Count == 0, "Namespace cycles: " + string.Join("; ", cycles));
    }

    [Fact]
    public void EmrCatTesting_HasNoNamespaceCycles()
    {
        var graph = NamespaceDependencies.Read(typeof(EmrCat.Testing.EmrCatGen).Assembly.Location);
        Assert.Empty(NamespaceDependencies.Cycles(graph));
    }

    [Fact]
    public void Read_SeesUsesInsideMethodBodies()
    {
        // Banks.ItemBank.FromParameters builds a Scoring.ReportingScale only inside its body (via ReportingScale.Emr).
        var graph = NamespaceDependencies.Read(typeof(ItemBank).Assembly.Location);
        Assert.Contains("EmrCat.Scoring", graph["EmrCat.Banks"]);
        Assert.DoesNotContain("EmrCat.Banks", graph["EmrCat.Irt"]);
    }

    [Fact]
    public void Cycles_FindsEveryCycleAndNothingElse()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["A"] = ["B"],
            ["B"] = ["C"],
            ["C"] = ["A", "D"],
            ["D"] = ["E"],
            ["E"] = ["D"],
            ["F"] = ["A"],
        };

        var cycles = NamespaceDependencies.Cycles(graph);

        Assert.Equal(["A|B|C", "D|E"], cycles.Select(c => string.Join("|", c)).Order());
        Assert.Empty(NamespaceDependencies.Cycles(new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["F"] = ["A", "C"] }));
    }
}
