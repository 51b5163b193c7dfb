using System.Text;
using System.Text.Json;
using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.IO;
using EmrCat.Internal;
using EmrCat.Sessions;

namespace EmrCat.Fuzz;

/// <summary>What a loader did with one input. Anything else it does (another exception, a hang) is a finding.</summary>
internal enum FuzzOutcome
{
    /// <summary>The input loaded.</summary>
    Loaded,

    /// <summary>The loader refused the input with its own validation exception.</summary>
    Refused,
}

/// <summary>One loader under fuzzing: its seed inputs, the tokens its mutations insert, and the call itself.</summary>
/// <param name="Name">Command-line name.</param>
/// <param name="Description">What it calls.</param>
/// <param name="Seeds">Valid inputs to mutate.</param>
/// <param name="Tokens">Tokens the byte mutations insert.</param>
/// <param name="IsJson">Whether well-formed JSON edits apply too.</param>
/// <param name="Run">The call: returns the outcome, lets any unexpected exception escape.</param>
internal sealed record FuzzTarget(string Name, string Description, IReadOnlyList<byte[]> Seeds, IReadOnlyList<string> Tokens, bool IsJson, Func<byte[], FuzzOutcome> Run);

/// <summary>The loaders EmrCat reads untrusted files with, as fuzz targets over the repository's own valid inputs.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<string> Names { get; } = ["bank", "snapshot", "snapshot-resigned", "params", "responses"];

    /// <summary>The target called <paramref name="name"/>, with its seeds read from the repository at <paramref name="root"/>.</summary>
    public static FuzzTarget Create(string name, string root)
    {
        string Fixture(params string[] parts) => Path.Combine([root, "tests", "EmrCat.Tests", "Fixtures", .. parts]);
        switch (name)
        {
            case "bank":
                return new(name, "ItemBankJson.FromUtf8 (the JSON bank loader) on mutated banks", [File.ReadAllBytes(Fixture("banks", "small-valid.json"))], Tokens.Json, true, Bank);
            case "snapshot":
            case "snapshot-resigned":
            {
                var bank = ItemBankJson.Load(Path.Combine(root, "item-bank", "emr-practice.json"));
                bool resign = name == "snapshot-resigned";
                return new(
                    name,
                    $"SessionSnapshot.FromJson + CatSession.Resume on mutated mid-session snapshots{(resign ? ", re-signed after the edit" : "")}",
                    [Encoding.UTF8.GetBytes(MidSessionSnapshot(bank))],
                    Tokens.Json,
                    true,
                    input => Snapshot(bank, input, resign));
            }

            case "params":
                return new(name, "ItemParameterTable.Parse on mutated id,a,b,c,d tables", [File.ReadAllBytes(Fixture("catr-public", "params.csv"))], Tokens.Csv, false, Params);
            case "responses":
            {
                var known = ItemParameterTable.Load(Fixture("catr-public", "params.csv")).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
                return new(name, "ResponseMatrix.Parse on mutated response matrices", [File.ReadAllBytes(Fixture("catr-public", "responses.csv"))], Tokens.Csv, false, input => Responses(input, known));
            }

            default:
                throw new ArgumentException($"Unknown target '{name}'; the targets are {string.Join(", ", Names)}.", nameof(name));
        }
    }

    /// <summary>The repository root: the nearest folder above the working directory or the executable with EmrCat.sln.</summary>
    public static string FindRepository()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "EmrCat.sln"))) return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("EmrCat.sln not found above the working directory or the executable: run from the repository.");
    }

    private static FuzzOutcome Bank(byte[] input)
    {
        try
        {
            ItemBankJson.FromUtf8("fuzz.json", input, BankValidationOptions.ConsistencyOnly);
            return FuzzOutcome.Loaded;
        }
        catch (BankValidationException)
        {
            return FuzzOutcome.Refused;
        }
    }

    private static FuzzOutcome Snapshot(ItemBank bank, byte[] input, bool resign)
    {
        string json = Encoding.UTF8.GetString(input);
        if (resign) json = Resign(json);
        try
        {
            CatSession.Resume(bank, SessionSnapshot.FromJson(json));
            return FuzzOutcome.Loaded;
        }
        catch (InvalidSnapshotException)
        {
            return FuzzOutcome.Refused;
        }
    }

    private static FuzzOutcome Params(byte[] input)
    {
        try
        {
            ItemParameterTable.Parse("params.csv", Encoding.UTF8.GetString(input));
            return FuzzOutcome.Loaded;
        }
        catch (InputFormatException)
        {
            return FuzzOutcome.Refused;
        }
    }

    private static FuzzOutcome Responses(byte[] input, IReadOnlySet<string> known)
    {
        try
        {
            ResponseMatrix.Parse("responses.csv", Encoding.UTF8.GetString(input), known);
            return FuzzOutcome.Loaded;
        }
        catch (InputFormatException)
        {
            return FuzzOutcome.Refused;
        }
    }

    /// <summary>Edited snapshot text with a fresh checksum, as anyone can make one; unchanged when it does not read as a snapshot.</summary>
    private static string Resign(string json)
    {
        try
        {
            var snapshot = JsonSerializer.Deserialize(json, SessionJsonContext.Default.SessionSnapshot);
            return snapshot is null ? json : (snapshot with { Checksum = "" }).ToJson();
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException or OverflowException or InvalidOperationException or NotSupportedException)
        {
            return json;
        }
    }

    /// <summary>A snapshot after 10 answers of a quick session on the bundled bank (seed 42, answers cycling A–D).</summary>
    private static string MidSessionSnapshot(ItemBank bank)
    {
        var session = CatSession.Start(bank, CatOptions.Quick, 42, FrozenTimeProvider.Instance);
        while (session.AnsweredCount < 10)
        {
            var item = session.Current;
            session.Submit(item.ItemId, item.Options[session.AnsweredCount % item.Options.Count].Id);
        }

        return session.Snapshot().ToJson();
    }
}
