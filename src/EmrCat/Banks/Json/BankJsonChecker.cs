using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EmrCat.Banks.Json;

/// <summary>
/// Where a value is: its JSON path and field name and, inside an item, the item's id with the field named relative to
/// the item (<c>irt.a</c>, <c>options[1].id</c>), as <see cref="BankValidator"/> names them.
/// </summary>
internal readonly record struct JsonLocation(string Path, string? Field, string? ItemId, bool InItem)
{
    public static JsonLocation Root { get; } = new("$", null, null, false);

    /// <summary>How messages name the value: its field, else its path.</summary>
    public string Label => Field is null ? (Path == "$" ? "The bank" : Path) : $"'{Field}'";

    public JsonLocation Property(string name) =>
        new(JsonPathText.Property(Path, name), InItem && Field is not null ? $"{Field}.{name}" : name, ItemId, InItem);

    public JsonLocation Element(int index) =>
        new(JsonPathText.Index(Path, index), Field is null ? null : string.Create(CultureInfo.InvariantCulture, $"{Field}[{index}]"), ItemId, InItem);

    public JsonLocation EnterItem(string? itemId) => new(Path, null, itemId, true);

    public BankProblem Problem(string message) => new(Path, ItemId, Field, message);
}

/// <summary>JSON paths as people read them: <c>$.items[12].key</c>, <c>$['odd name']</c>.</summary>
internal static class JsonPathText
{
    private const int MaxShown = 60;

    public static string Property(string parent, string name) =>
        IsIdentifier(name) ? $"{parent}.{name}" : $"{parent}['{Escape(name)}']";

    public static string Index(string parent, int index) => string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");

    /// <summary>Text from the file, made safe and short enough to show in a message.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder();
        foreach (char ch in text.Length > MaxShown ? text[..MaxShown] : text)
        {
            if (ch is '\\' or '\'') sb.Append('\\').Append(ch);
            else if (char.IsControl(ch) || char.IsSurrogate(ch)) sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)ch:X4}");
            else sb.Append(ch);
        }

        return text.Length > MaxShown ? sb.Append('…').ToString() : sb.ToString();
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');
}

/// <summary>
/// Checks a parsed bank against <see cref="BankJsonFormat"/>, reporting every problem (unknown, missing, repeated and
/// mistyped fields, values outside their set) with its path, and writes a copy that keeps only the values that have
/// their shape. The copy always deserializes into the DTOs; array elements that are not objects become <c>{}</c>, so
/// indices still match the file.
/// </summary>
internal sealed class BankJsonChecker
{
    private static readonly StringShape AnyString = new();
    private readonly List<BankProblem> _problems;
    private readonly Utf8JsonWriter _writer;

    private BankJsonChecker(List<BankProblem> problems, Utf8JsonWriter writer)
    {
        _problems = problems;
        _writer = writer;
    }

    /// <summary>Checks <paramref name="root"/>, adding problems to <paramref name="problems"/>; returns the checked copy as UTF-8.</summary>
    public static ReadOnlyMemory<byte> Check(JsonElement root, List<BankProblem> problems)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var checker = new BankJsonChecker(problems, writer);
            checker.CopyOrPlaceholder(root, BankJsonFormat.Bank, JsonLocation.Root);
        }

        return buffer.WrittenMemory;
    }

    /// <summary>Whether the value has the shape at its top level; reports why not.</summary>
    private bool Fits(JsonElement value, JsonShape shape, JsonLocation at)
    {
        switch (shape)
        {
            case StringShape s:
                if (value.ValueKind != JsonValueKind.String) return Mismatch(value, shape, at);
                if (!TryGetString(value, out string text)) return Report(at, $"{at.Label} is not valid text: it has an unpaired surrogate escape (\\uD800-\\uDFFF).");
                if (s.NonEmpty && string.IsNullOrWhiteSpace(text)) return Report(at, $"{at.Label} must not be empty.");
                if (s.Allowed is { } allowed && !allowed.Contains(text, StringComparer.Ordinal))
                {
                    return Report(at, $"{at.Label} must be one of {string.Join(", ", allowed.Select(v => $"\"{v}\""))}, but is \"{JsonPathText.Escape(text)}\".");
                }

                return true;
            case NumberShape n:
                if (value.ValueKind != JsonValueKind.Number) return Mismatch(value, shape, at);
                if (!value.TryGetDouble(out double x) || !double.IsFinite(x)) return Report(at, $"{at.Label} must be a finite number, but {JsonPathText.Escape(value.GetRawText())} is out of range.");
                if (n.Const is { } constant && x != constant)
                {
                    return Report(at, $"{at.Label} must be {constant}, but is {JsonPathText.Escape(value.GetRawText())}." + (n.Hint is { } hint ? " " + hint : ""));
                }

                return true;
            case StringOrStringArrayShape:
                return value.ValueKind == JsonValueKind.Array || (value.ValueKind == JsonValueKind.String ? Fits(value, AnyString, at) : Mismatch(value, shape, at));
            case ArrayShape:
                return value.ValueKind == JsonValueKind.Array || Mismatch(value, shape, at);
            case ObjectShape:
                return value.ValueKind == JsonValueKind.Object || Mismatch(value, shape, at);
            default:
                throw new InvalidOperationException($"Unknown shape {shape}.");
        }
    }

    /// <summary>Writes a value known to fit its shape, checking and keeping only the parts inside it that fit theirs.</summary>
    private void Copy(JsonElement value, JsonShape shape, JsonLocation at)
    {
        switch (shape)
        {
            case ObjectShape o:
                CopyObject(value, o, at);
                break;
            case ArrayShape a:
                _writer.WriteStartArray();
                int count = 0;
                foreach (var element in value.EnumerateArray()) CopyOrPlaceholder(element, a.Element, at.Element(count++));
                _writer.WriteEndArray();
                if (count < a.MinItems) Report(at, $"{at.Label} needs at least {a.MinItems} element(s), but has {count}.");
                break;
            case StringOrStringArrayShape when value.ValueKind == JsonValueKind.Array:
                _writer.WriteStartArray();
                int index = 0;
                foreach (var element in value.EnumerateArray())
                {
                    if (Fits(element, AnyString, at.Element(index++))) element.WriteTo(_writer);
                }

                _writer.WriteEndArray();
                break;
            default:
                value.WriteTo(_writer);
                break;
        }
    }

    /// <summary>Copies a value that fits; an object that does not becomes <c>{}</c> so array indices stay aligned.</summary>
    private void CopyOrPlaceholder(JsonElement value, JsonShape shape, JsonLocation at)
    {
        if (Fits(value, shape, at))
        {
            Copy(value, shape, at);
        }
        else if (shape is ObjectShape)
        {
            _writer.WriteStartObject();
            _writer.WriteEndObject();
        }
    }

    private void CopyObject(JsonElement value, ObjectShape shape, JsonLocation at)
    {
        var inside = shape.IsBankItem ? at.EnterItem(ItemIdOf(value)) : at;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        _writer.WriteStartObject();
        foreach (var property in value.EnumerateObject())
        {
            if (!TryGetName(property, out string name))
            {
                Report(inside, $"{Capitalize(shape.Noun)} has a field name with an unpaired surrogate escape (\\uD800-\\uDFFF).");
                continue;
            }

            var fieldAt = inside.Property(name);
            if (!seen.Add(name))
            {
                Report(fieldAt, $"Field '{JsonPathText.Escape(name)}' appears more than once; each field may appear only once.");
                continue;
            }

            if (shape.Find(name) is not { } field)
            {
                Report(fieldAt, UnknownField(shape, name));
                continue;
            }

            if (Fits(property.Value, field.Shape, fieldAt))
            {
                _writer.WritePropertyName(field.Name);
                Copy(property.Value, field.Shape, fieldAt);
            }
        }

        foreach (var field in shape.Fields)
        {
            if (field.Required && !seen.Contains(field.Name)) Report(inside.Property(field.Name), $"Required field '{field.Name}' is missing.");
        }

        _writer.WriteEndObject();
    }

    private static string UnknownField(ObjectShape shape, string name)
    {
        if (NearestField(shape, name) is { } near) return $"Unknown field '{JsonPathText.Escape(name)}'; did you mean '{near}'?";
        var names = shape.Fields.Select(f => f.Name).ToList();
        string list = names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";
        return $"Unknown field '{JsonPathText.Escape(name)}'; {shape.Noun} has only the field{(names.Count == 1 ? "" : "s")} {list}.";
    }

    /// <summary>The field a misspelt name most likely means: same letters in another case, or at most 2 edits away.</summary>
    private static string? NearestField(ObjectShape shape, string name)
    {
        if (shape.Find(name, StringComparison.OrdinalIgnoreCase) is { } sameLetters) return sameLetters.Name;
        if (name.Length is < 3 or > 40) return null;
        return shape.Fields
            .Select(f => (f.Name, Distance: EditDistance(name.ToLowerInvariant(), f.Name.ToLowerInvariant())))
            .Where(f => f.Distance <= 2 && f.Distance < f.Name.Length / 2 + 1)
            .OrderBy(f => f.Distance)
            .Select(f => f.Name)
            .FirstOrDefault();
    }

    /// <summary>Levenshtein distance (insertions, deletions, substitutions).</summary>
    private static int EditDistance(string x, string y)
    {
        var previous = new int[y.Length + 1];
        var current = new int[y.Length + 1];
        for (int j = 0; j <= y.Length; j++) previous[j] = j;
        for (int i = 1; i <= x.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= y.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[y.Length];
    }

    /// <summary>The item's id when it has a usable one, so problems anywhere in the item can name it.</summary>
    private static string? ItemIdOf(JsonElement item)
    {
        foreach (var property in item.EnumerateObject())
        {
            if (TryGetName(property, out string name) && name == "id")
            {
                return property.Value.ValueKind == JsonValueKind.String && TryGetString(property.Value, out string id) && !string.IsNullOrWhiteSpace(id) ? id : null;
            }
        }

        return null;
    }

    private bool Mismatch(JsonElement value, JsonShape shape, JsonLocation at) =>
        Report(at, $"{at.Label} must be {shape.Expected}, but is {Describe(value.ValueKind)}.");

    /// <summary>Adds a problem; returns false so that checks can <c>return Report(...)</c>.</summary>
    private bool Report(JsonLocation at, string message)
    {
        _problems.Add(at.Problem(message));
        return false;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Reads a string; false when it holds an escape that is not valid UTF-16 (a lone surrogate).</summary>
    private static bool TryGetString(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    private static bool TryGetName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }
}
