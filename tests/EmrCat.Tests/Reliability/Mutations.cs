using EmrCat.Fuzz;
using FsCheck;
using FsCheck.Fluent;

namespace EmrCat.Tests.Reliability;

/// <summary>FsCheck generators of the fuzz harness's mutations (<see cref="Mutation"/>, <see cref="JsonEdit"/>) for the loader properties.</summary>
internal static class Mutations
{
    public static IReadOnlyList<string> JsonTokens => Tokens.Json;

    public static IReadOnlyList<string> CsvTokens => Tokens.Csv;

    public static Gen<Mutation> One { get; } =
        from kind in Gen.Frequency(
            (4, Gen.Constant(MutationKind.FlipBit)),
            (2, Gen.Constant(MutationKind.SetByte)),
            (2, Gen.Constant(MutationKind.Truncate)),
            (3, Gen.Constant(MutationKind.Delete)),
            (5, Gen.Constant(MutationKind.InsertToken)),
            (1, Gen.Constant(MutationKind.DeepNesting)),
            (2, Gen.Constant(MutationKind.HugeNumber)),
            (1, Gen.Constant(MutationKind.LongString)),
            (2, Gen.Constant(MutationKind.Splice)),
            (2, Gen.Constant(MutationKind.InsertRandomBytes)))
        from position in Gen.Choose(0, int.MaxValue)
        from size in Gen.Frequency((4, Gen.Choose(0, 64)), (1, Gen.Choose(0, int.MaxValue)))
        from value in Gen.Choose(0, int.MaxValue)
        select new Mutation(kind, position, size, value);

    /// <summary>One to four mutations, applied in order.</summary>
    public static Gen<Mutation[]> Several { get; } = from count in Gen.Choose(1, 4) from list in One.ArrayOf(count) select list;

    public static byte[] Apply(byte[] input, IEnumerable<Mutation> mutations, IReadOnlyList<string> tokens) => Mutation.ApplyAll(input, mutations, tokens);

    /// <summary>One to four well-formed edits of a JSON tree.</summary>
    public static Gen<JsonEdit[]> JsonEdits { get; } =
        from count in Gen.Choose(1, 4)
        from edits in (from kind in Gen.Elements(JsonEditKind.Replace, JsonEditKind.Replace, JsonEditKind.Remove, JsonEditKind.DuplicateElement, JsonEditKind.AddField)
                       from node in Gen.Choose(0, int.MaxValue)
                       from value in Gen.Choose(0, int.MaxValue)
                       select new JsonEdit(kind, node, value)).ArrayOf(count)
        select edits;

    /// <summary>Applies edits to a copy of <paramref name="json"/> and returns the edited text.</summary>
    public static string Apply(string json, IEnumerable<JsonEdit> edits) => JsonEdit.ApplyAll(json, edits);
}
