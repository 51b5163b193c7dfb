using System.Text;
using System.Text.Json.Nodes;

namespace EmrCat.Fuzz;

/// <summary>What a <see cref="Mutation"/> does to its input.</summary>
internal enum MutationKind
{
    FlipBit,
    SetByte,
    Truncate,
    Delete,
    InsertToken,
    DeepNesting,
    HugeNumber,
    LongString,
    Splice,
    InsertRandomBytes,
}

/// <summary>
/// One edit of a valid input, described by numbers only so that a failing case prints as something one can replay:
/// positions are taken modulo the input's length, so the same mutation applies to any input.
/// </summary>
internal sealed record Mutation(MutationKind Kind, int Position, int Size, int Value)
{
    /// <summary>Longest string or digit run a mutation inserts (1 MiB): big enough to matter, small enough to run often.</summary>
    public const int MaxInsert = 1 << 20;

    private static readonly string[] Numbers =
    [
        "1e999", "-1e999", "1e-999", "1e308", "-0", "9223372036854775808", "18446744073709551616", "-2147483649",
        "2147483648", "NaN", "Infinity", "-Infinity", "0x10", "1.", ".5", "+1", "00", "1e", "4.9e-324",
    ];

    /// <summary>A random mutation: small sizes mostly, sometimes up to <see cref="MaxInsert"/>.</summary>
    public static Mutation Draw(Random random) => new(
        (MutationKind)random.Next(Enum.GetValues<MutationKind>().Length),
        random.Next(),
        random.Next(5) == 0 ? random.Next() : random.Next(65),
        random.Next());

    /// <summary>Applies several mutations in order.</summary>
    public static byte[] ApplyAll(byte[] input, IEnumerable<Mutation> mutations, IReadOnlyList<string> tokens) =>
        mutations.Aggregate(input, (bytes, mutation) => mutation.Apply(bytes, tokens));

    /// <summary>The input with this mutation applied (a new array; the input is not changed).</summary>
    public byte[] Apply(byte[] input, IReadOnlyList<string> tokens)
    {
        int n = input.Length;
        int At(int extra = 0) => n + extra == 0 ? 0 : Position % (n + extra);
        switch (Kind)
        {
            case MutationKind.FlipBit when n > 0:
                return Replace(input, At(), [(byte)(input[At()] ^ (1 << (Value & 7)))]);
            case MutationKind.SetByte when n > 0:
                return Replace(input, At(), [(byte)Value]);
            case MutationKind.Truncate:
                return input[..At(1)];
            case MutationKind.Delete when n > 0:
                return [.. input[..At()], .. input[Math.Min(n, At() + 1 + Size % 64)..]];
            case MutationKind.InsertToken:
                return Insert(input, At(1), Encoding.UTF8.GetBytes(tokens[Value % tokens.Count]));
            case MutationKind.DeepNesting:
                int depth = 1 + Size % 5000;
                string nested = (Value % 3) switch
                {
                    0 => new string('[', depth) + new string(']', depth),
                    1 => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth),
                    _ => new string('[', depth), // never closed
                };
                return Insert(input, At(1), Encoding.UTF8.GetBytes(nested));
            case MutationKind.HugeNumber:
                string number = Value % 4 == 0 ? "1" + new string('0', Size % MaxInsert) : Numbers[Value % Numbers.Length];
                return Insert(input, At(1), Encoding.UTF8.GetBytes(number));
            case MutationKind.LongString:
                string text = new string((char)('a' + Value % 26), Size % MaxInsert);
                return Insert(input, At(1), Encoding.UTF8.GetBytes(Value % 2 == 0 ? $"\"{text}\"" : text));
            case MutationKind.Splice when n > 0:
                int from = At(), length = Math.Min(n - from, 1 + Size % 256);
                return Insert(input, Value % (n + 1), input.AsSpan(from, length).ToArray());
            case MutationKind.InsertRandomBytes:
                var random = new Random(Value);
                var bytes = new byte[1 + Size % 16];
                random.NextBytes(bytes);
                return Insert(input, At(1), bytes);
            default:
                return input;
        }
    }

    private static byte[] Replace(byte[] input, int at, byte[] with) => [.. input[..at], .. with, .. input[(at + with.Length)..]];

    private static byte[] Insert(byte[] input, int at, byte[] bytes) => [.. input[..at], .. bytes, .. input[at..]];
}

/// <summary>Tokens the mutations insert, per input format.</summary>
internal static class Tokens
{
    /// <summary>Tokens that matter to JSON readers: structure, escapes, a lone surrogate, raw bytes that are not UTF-8.</summary>
    public static IReadOnlyList<string> Json { get; } =
    [
        "{", "}", "[", "]", "\"", ":", ",", "null", "true", "false", "0", "-", "\\", "\\u0000", "\\uD800", "\\uDC00\\uD800",
        "\u00ff", "\ud83d\ude00", "/*", "//", " ", "\t", "\n", "\r\n", "\uFEFF", "\"\":", "\"id\":", "\"items\":[", "\"answers\":[",
    ];

    /// <summary>Tokens that matter to the CSV reader.</summary>
    public static IReadOnlyList<string> Csv { get; } =
    [
        ",", "\"", "\"\"", "\n", "\r", "\r\n", "NA", "1", "0", "2", "-", "e", "\uFEFF", "id", "a", "examinee", "X1", "EMR-0001",
        "\u00ff", " ", "\t", ",,,,", "\"x,y\"",
    ];
}

/// <summary>What a <see cref="JsonEdit"/> does to the value it picks.</summary>
internal enum JsonEditKind
{
    Replace,
    Remove,
    DuplicateElement,
    AddField,
}

/// <summary>
/// One edit of a parsed JSON tree that keeps it well-formed, so that the loader gets past the parser to its shape and
/// semantic checks: replace a value, remove it, repeat an array element, add a field. Node positions are taken
/// modulo the number of values in the tree.
/// </summary>
internal sealed record JsonEdit(JsonEditKind Kind, int Node, int Value)
{
    /// <summary>Stands for the escape <c>\uD800</c> (a lone surrogate) until the tree is written: JsonNode cannot write one.</summary>
    public const string LoneSurrogate = "@@lone-surrogate@@";

    /// <summary>Values that test bounds and types: extreme numbers, empty and odd strings, wrong kinds, deep values.</summary>
    public static IReadOnlyList<string> Values { get; } =
    [
        "null", "true", "0", "-1", "1", "2", "99", "0.5", "1.5", "-0.1", "2147483647", "-2147483648", "9223372036854775807",
        "18446744073709551615", "1e308", "-1e308", "4.9e-324", "\"\"", "\" \"", "\"A\"", "\"Z\"", "\"PRI-0001\"", "\"SCN-0001\"",
        "\"scene\"", "\"pilot\"", "\"multiple\"", "\"4PL\"", "\"NaN\"", "\"Infinity\"", "\"-00:00:01\"", "\"Abandoned\"",
        "[]", "{}", "[\"A\",\"A\"]", "[null]", "[[[[[[[[[[1]]]]]]]]]]", "{\"lower\":1,\"upper\":1}", "{\"NOPE\":0.5}",
        "\"" + LoneSurrogate + "\"", "\"" + new string('x', 5000) + "\"",
    ];

    /// <summary>A random edit.</summary>
    public static JsonEdit Draw(Random random) => new((JsonEditKind)random.Next(Enum.GetValues<JsonEditKind>().Length), random.Next(), random.Next());

    /// <summary>Applies edits to a copy of <paramref name="json"/> and returns the edited text.</summary>
    public static string ApplyAll(string json, IEnumerable<JsonEdit> edits)
    {
        var root = JsonNode.Parse(json)!;
        foreach (var edit in edits) edit.Apply(root);
        return root.ToJsonString().Replace(LoneSurrogate, "\\uD800", StringComparison.Ordinal);
    }

    /// <summary>Applies this edit to the tree in place.</summary>
    public void Apply(JsonNode root)
    {
        var nodes = new List<JsonNode>();
        void Walk(JsonNode? node)
        {
            if (node is null) return;
            nodes.Add(node);
            if (node is JsonObject o) foreach (var (_, child) in o) Walk(child);
            if (node is JsonArray a) foreach (var child in a) Walk(child);
        }

        Walk(root);
        var target = nodes[Node % nodes.Count];
        JsonNode? NewValue() => JsonNode.Parse(Values[Value % Values.Count]);
        switch (Kind)
        {
            case JsonEditKind.Replace when target.Parent is JsonObject parent:
                parent[target.GetPropertyName()] = NewValue();
                break;
            case JsonEditKind.Replace when target.Parent is JsonArray array:
                array[target.GetElementIndex()] = NewValue();
                break;
            case JsonEditKind.Remove when target.Parent is JsonObject parent:
                parent.Remove(target.GetPropertyName());
                break;
            case JsonEditKind.Remove when target.Parent is JsonArray array:
                array.RemoveAt(target.GetElementIndex());
                break;
            case JsonEditKind.DuplicateElement when target.Parent is JsonArray array:
                array.Insert(target.GetElementIndex(), target.DeepClone());
                break;
            case JsonEditKind.AddField when target is JsonObject obj:
                obj["extra" + (Value % 3)] = NewValue();
                break;
        }
    }
}
