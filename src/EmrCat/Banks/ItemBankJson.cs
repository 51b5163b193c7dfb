using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using EmrCat.Banks.Json;
using EmrCat.Internal;

namespace EmrCat.Banks;

/// <summary>
/// Reads item banks in the EmrCat JSON format, version 2 (<c>item-bank/README.md</c>; the JSON Schema is
/// <c>item-bank/schema/emrcat-bank.schema.json</c>). Nothing is loaded unless the whole file is right: every problem
/// (malformed JSON with its line and byte, unknown, missing, repeated or mistyped fields, values outside their set,
/// and the semantic rules of <see cref="BankValidator"/>) is reported at once in one
/// <see cref="BankValidationException"/>, each with its JSON path, item id and field. No other exception escapes for
/// any input: files over 16 MiB, JSON nested more than 32 levels and unreadable files are problems too.
/// </summary>
public static class ItemBankJson
{
    /// <summary>Largest file accepted: 16 MiB.</summary>
    internal const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>Deepest nesting accepted; a bank needs 5 levels.</summary>
    internal const int MaxDepth = 32;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>Loads a bank file and checks it for the EMR preset's capacity (<see cref="BankValidationOptions.Emr"/>).</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>The validated bank.</returns>
    /// <exception cref="BankValidationException">Any problem, including an unreadable or oversized file; all are listed.</exception>
    public static ItemBank Load(string path) => Load(path, BankValidationOptions.Emr);

    /// <summary>Loads a bank file.</summary>
    /// <param name="path">The JSON file.</param>
    /// <param name="validation">Capacity to check for; <see cref="BankValidationOptions.ConsistencyOnly"/> for none.</param>
    /// <returns>The validated bank.</returns>
    /// <exception cref="BankValidationException">Any problem, including an unreadable or oversized file; all are listed.</exception>
    /// <exception cref="ArgumentException"><paramref name="validation"/> is invalid.</exception>
    public static ItemBank Load(string path, BankValidationOptions validation)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(validation);
        OptionsGuard.ThrowIfInvalid(nameof(BankValidationOptions), validation.Validate());
        byte[]? bytes = TryRead(path, out var problem);
        if (bytes is null) throw new BankValidationException(path, [problem!]);
        return FromUtf8(path, bytes, validation);
    }

    /// <summary>Parses bank JSON and checks it for the EMR preset's capacity (<see cref="BankValidationOptions.Emr"/>).</summary>
    /// <param name="source">A label for messages, e.g. the file name.</param>
    /// <param name="json">The JSON text.</param>
    /// <returns>The validated bank.</returns>
    /// <exception cref="BankValidationException">Any problem; all are listed.</exception>
    public static ItemBank Parse(string source, string json) => Parse(source, json, BankValidationOptions.Emr);

    /// <summary>Parses bank JSON.</summary>
    /// <param name="source">A label for messages, e.g. the file name.</param>
    /// <param name="json">The JSON text.</param>
    /// <param name="validation">Capacity to check for; <see cref="BankValidationOptions.ConsistencyOnly"/> for none.</param>
    /// <returns>The validated bank.</returns>
    /// <exception cref="BankValidationException">Any problem; all are listed.</exception>
    /// <exception cref="ArgumentException"><paramref name="validation"/> is invalid.</exception>
    public static ItemBank Parse(string source, string json, BankValidationOptions validation)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(validation);
        OptionsGuard.ThrowIfInvalid(nameof(BankValidationOptions), validation.Validate());
        if (json.Length > MaxBytes || Encoding.UTF8.GetByteCount(json) > MaxBytes) throw new BankValidationException(source, [TooLarge(null)]);
        return FromUtf8(source, Encoding.UTF8.GetBytes(json), validation);
    }

    /// <summary>Parses UTF-8 bank JSON (a leading byte-order mark is skipped).</summary>
    internal static ItemBank FromUtf8(string source, ReadOnlyMemory<byte> utf8, BankValidationOptions validation)
    {
        var problems = new List<BankProblem>();
        var bank = Read(utf8, validation, problems);
        if (problems.Count > 0 || bank is null) throw new BankValidationException(source, problems);
        return bank;
    }

    private static ItemBank? Read(ReadOnlyMemory<byte> utf8, BankValidationOptions validation, List<BankProblem> problems)
    {
        if (utf8.Length > MaxBytes)
        {
            problems.Add(TooLarge(utf8.Length));
            return null;
        }

        if (utf8.Span.StartsWith("\uFEFF"u8)) utf8 = utf8[3..];
        if (InvalidUtf8Offset(utf8.Span) is { } bad)
        {
            var (line, column) = Position(utf8.Span, bad);
            problems.Add(new BankProblem("$", null, null, $"The file is not valid UTF-8 text: line {line}, byte {column}."));
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException)
        {
            problems.Add(DiagnoseSyntax(utf8.Span));
            return null;
        }

        using (document)
        {
            // 1. Shape: every unknown, missing, repeated or mistyped field; the copy keeps only what fits.
            var reported = new List<BankProblem>();
            var copy = BankJsonChecker.Check(document.RootElement, reported);

            // 2. The DTOs, from the checked copy (source-generated, no reflection), and the format's own rules.
            var dto = JsonSerializer.Deserialize(copy.Span, BankJsonContext.Default.BankDto)!;
            var parts = BankJsonMapper.Map(dto, reported);

            // 3. The rules every bank meets, shared with ItemBank.Create, minus what follows from problems already reported.
            var semantic = BankValidator.Validate(parts.Scale, parts.Blueprint, parts.Items, parts.EnemyGroups, validation);
            var covered = new ProblemCover(reported);
            problems.AddRange(InFileOrder(reported.Concat(semantic.Where(p => !covered.Covers(p)))));
            if (problems.Count > 0) return null;
            return ItemBank.Create(parts.Metadata, parts.Scale, parts.Blueprint, parts.Items, parts.EnemyGroups, validation: validation);
        }
    }

    /// <summary>Reads at most <see cref="MaxBytes"/> bytes; null with a problem when the file cannot be read or is larger.</summary>
    private static byte[]? TryRead(string path, out BankProblem? problem)
    {
        problem = null;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.CanSeek && stream.Length > MaxBytes)
            {
                problem = TooLarge(stream.Length);
                return null;
            }

            using var buffer = new MemoryStream();
            byte[] chunk = ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                int read;
                while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
                {
                    if (buffer.Length + read > MaxBytes)
                    {
                        problem = TooLarge(null);
                        return null;
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            return buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            problem = new BankProblem("$", null, null, $"Cannot read the bank file: {e.Message}");
            return null;
        }
    }

    private static BankProblem TooLarge(long? bytes) => new("$", null, null,
        bytes is { } n
            ? string.Create(CultureInfo.InvariantCulture, $"The file is {n / 1024.0 / 1024.0:F1} MiB; a bank file may be at most {MaxBytes / 1024 / 1024} MiB.")
            : $"The input is larger than {MaxBytes / 1024 / 1024} MiB, the most a bank file may be.");

    /// <summary>Where the JSON stops being JSON, or nests too deeply, as a problem with line and byte (1-based).</summary>
    private static BankProblem DiagnoseSyntax(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth + 1, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
                if ((reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) && reader.CurrentDepth >= MaxDepth)
                {
                    var (line, column) = Position(utf8, (int)reader.TokenStartIndex);
                    return new BankProblem("$", null, null, $"The JSON is nested more than {MaxDepth} levels deep at line {line}, byte {column}; a bank needs 5 levels.");
                }
            }
        }
        catch (JsonException e)
        {
            string message = e.Message;
            int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut >= 0) message = message[..cut];
            return new BankProblem("$", null, null, $"Malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {message}");
        }

        return new BankProblem("$", null, null, "Malformed JSON.");
    }

    private static int? InvalidUtf8Offset(ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8)) return null;
        int offset = 0;
        while (offset < utf8.Length)
        {
            if (Rune.DecodeFromUtf8(utf8[offset..], out _, out int consumed) != OperationStatus.Done) return offset;
            offset += consumed;
        }

        return null;
    }

    /// <summary>1-based line and byte-in-line of a byte offset.</summary>
    private static (long Line, long Column) Position(ReadOnlySpan<byte> utf8, int offset)
    {
        var before = utf8[..offset];
        return (before.Count((byte)'\n') + 1, offset - before.LastIndexOf((byte)'\n'));
    }

    /// <summary>Orders problems as the file reads: by top-level field, then by element (item) index; stable inside.</summary>
    private static IEnumerable<BankProblem> InFileOrder(IEnumerable<BankProblem> problems)
    {
        var fields = BankJsonFormat.Bank.Fields.Select(f => f.Name).ToList();
        (int Field, int Index) Key(string path)
        {
            if (path == "$") return (-1, -1);
            if (!path.StartsWith("$.", StringComparison.Ordinal)) return (fields.Count, -1);
            int end = path.AsSpan(2).IndexOfAny('.', '[');
            string name = end < 0 ? path[2..] : path.Substring(2, end);
            int field = fields.IndexOf(name);
            if (field < 0) field = fields.Count;
            if (end < 0 || path[2 + end] != '[') return (field, -1);
            int close = path.IndexOf(']', 2 + end);
            return (field, int.TryParse(path.AsSpan(3 + end, close - 3 - end), NumberStyles.None, CultureInfo.InvariantCulture, out int index) ? index : -1);
        }

        return problems.OrderBy(p => Key(p.Path));
    }

    /// <summary>
    /// Which semantic problems follow from a problem already reported, and are dropped: those at or inside a reported
    /// path (an item that is not an object says nothing more), and those whose value holds a reported path (the shares
    /// cannot sum to 100% when a share was missing). Problems about all items at once (<c>$.items</c>) always stay.
    /// </summary>
    private sealed class ProblemCover
    {
        private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
        private readonly HashSet<string> _holdsReported = new(StringComparer.Ordinal);

        public ProblemCover(IEnumerable<BankProblem> reported)
        {
            foreach (var problem in reported)
            {
                _reported.Add(problem.Path);
                foreach (string ancestor in Ancestors(problem.Path)) _holdsReported.Add(ancestor);
            }
        }

        public bool Covers(BankProblem problem) =>
            _reported.Contains(problem.Path)
            || Ancestors(problem.Path).Any(_reported.Contains)
            || (problem.Path != "$.items" && _holdsReported.Contains(problem.Path));

        private static IEnumerable<string> Ancestors(string path)
        {
            for (int i = path.Length - 1; i > 0; i--)
            {
                if (path[i] is '.' or '[') yield return path[..i];
            }
        }
    }
}
