using System.Text.Json.Nodes;

namespace EmrCat.Tests.Fixtures;

/// <summary>
/// The bundled bank with its single-answer items only (its select-all and ordering items left out), written once per
/// test run. Host tests whose answer scripts are single letters by position (seeded replays, kills and resumes, a
/// second process, time charged to an item) run on it, so a seeded run never meets an item a lone letter cannot
/// answer; the technology-enhanced items have host tests of their own (TechnologyEnhancedItemsHostTests).
/// </summary>
internal static class SingleAnswerBank
{
    private static readonly Lazy<string> File = new(Write);

    /// <summary>The path of the single-answer copy of the bundled bank.</summary>
    public static string Path => File.Value;

    private static string Write()
    {
        var bank = JsonNode.Parse(System.IO.File.ReadAllText(System.IO.Path.Combine(FixturePaths.Repository, "item-bank", "emr-practice.json")))!;
        var items = bank["items"]!.AsArray();
        foreach (var item in items.Where(i => (string?)i!["type"] is { } type && type != "single").ToList()) items.Remove(item);
        string dir = Directory.CreateTempSubdirectory("emrcat-single-bank-").FullName;
        string path = System.IO.Path.Combine(dir, "emr-practice-single.json");
        System.IO.File.WriteAllText(path, bank.ToJsonString());
        return path;
    }
}
