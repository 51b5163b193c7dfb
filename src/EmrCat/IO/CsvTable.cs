using System.Text;
using nietras.SeparatedValues;

namespace EmrCat.IO;

/// <summary>
/// A strict CSV table read through Sep (the maintained, zero-allocation parser): comma-separated, optional double
/// quotes (with "" as an escaped quote), LF or CRLF line ends (a bare CR is an error), an optional UTF-8 byte-order
/// mark, blank lines ignored. Sep splits the rows; this class checks each raw field, so a defect becomes one
/// <see cref="InputFormatException"/> at <c>file:line:column</c> (the column is the 1-based field number): fields may
/// not span lines, a quote may not stand inside an unquoted field, and every row has the header's width. Files over
/// <see cref="MaxBytes"/>, unreadable files and text that is not UTF-8 are errors too.
/// </summary>
internal sealed class CsvTable
{
    /// <summary>Refuse inputs above this size; a scoring table is never this big, a runaway file would exhaust memory.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private CsvTable(string source, string[] header, List<(int Line, string[] Fields)> rows)
    {
        Source = source;
        Header = header;
        Rows = rows;
    }

    public string Source { get; }

    public string[] Header { get; }

    public List<(int Line, string[] Fields)> Rows { get; }

    public static CsvTable Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            if (Directory.Exists(path)) throw new InputFormatException(path, 0, 0, "The path is a directory, not a file.");
            var info = new FileInfo(path);
            if (!info.Exists) throw new InputFormatException(path, 0, 0, "The file does not exist.");
            if (info.Length > MaxBytes) throw TooLarge(path, info.Length);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return Load(stream, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            throw new InputFormatException(path, 0, 0, $"Cannot read the file: {e.Message}");
        }
    }

    public static CsvTable Load(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        if (stream.CanSeek && stream.Length - stream.Position > MaxBytes) throw TooLarge(source, stream.Length - stream.Position);
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxBytes) throw new InputFormatException(source, 0, 0, $"The input is larger than {MaxBytes} bytes, the limit.");
            buffer.Write(chunk, 0, read);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new InputFormatException(source, 0, 0, "The file is not valid UTF-8 text.");
        }

        return Parse(source, text);
    }

    public static CsvTable Parse(string source, string text)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];

        // Sep takes a lone CR as a line end; this format does not. Rows before the CR's line are read and checked
        // first, so the error is the first one a reader meets in the file.
        int bareCr = FindBareCarriageReturn(text);
        if (bareCr < 0) return Read(source, text);
        int lineStart = text.LastIndexOf('\n', bareCr) + 1;
        Read(source, text[..lineStart], headerRequired: false);
        int line = text.AsSpan(0, lineStart).Count('\n') + 1;
        int field = CountFields(text[lineStart..bareCr]);
        throw new InputFormatException(source, line, field, "A carriage return (CR) inside a line: lines must end with LF or CRLF.");
    }

    private static CsvTable Read(string source, string text, bool headerRequired = true)
    {
        string[]? header = null;
        var rows = new List<(int, string[])>();
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = false, DisableColCountCheck = true }).FromText(text);
        int nextLine = 1;
        foreach (var row in reader)
        {
            // The line a row starts on is where the previous one ended (Sep's LineNumberFrom is not reliable for the first row).
            int lineNumber = nextLine;
            nextLine = row.LineNumberToExcl;
            if (row.ColCount == 1 && row.Span.IsWhiteSpace())
            {
                continue; // blank lines carry nothing
            }

            var fields = new string[row.ColCount];
            for (int c = 0; c < fields.Length; c++) fields[c] = Field(source, lineNumber, c + 1, row[c].Span);
            if (header is null)
            {
                header = fields;
                continue;
            }

            if (fields.Length != header.Length)
            {
                throw new InputFormatException(source, lineNumber, Math.Min(fields.Length, header.Length) + 1,
                    $"Expected {header.Length} fields as in the header, but found {fields.Length}.");
            }

            rows.Add((lineNumber, fields));
        }

        if (header is null && headerRequired) throw new InputFormatException(source, 0, 0, "The file is empty: a header line is required.");
        return new CsvTable(source, header ?? [], rows);
    }

    /// <summary>Unquotes and trims one raw field as Sep split it, refusing what RFC 4180 (one line per record) does not allow.</summary>
    private static string Field(string source, int line, int field, ReadOnlySpan<char> raw)
    {
        if (raw.Length == 0 || raw[0] != '"')
        {
            // Sep enters quoted mode at any quote, so a stray quote shows up here with the rest of the file behind it.
            if (raw.Contains('"')) throw new InputFormatException(source, line, field, "A quote inside an unquoted field.");
            return raw.Trim().ToString();
        }

        var value = new StringBuilder(raw.Length);
        int i = 1;
        while (true)
        {
            if (i >= raw.Length || raw[i] is '\n' or '\r') throw new InputFormatException(source, line, field, "A quoted field is not closed on this line.");
            if (raw[i] == '"')
            {
                if (i + 1 < raw.Length && raw[i + 1] == '"')
                {
                    value.Append('"');
                    i += 2;
                    continue;
                }

                if (i + 1 < raw.Length) throw new InputFormatException(source, line, field, "Unexpected text after a closing quote.");
                return value.ToString().Trim();
            }

            value.Append(raw[i++]);
        }
    }

    private static int FindBareCarriageReturn(string text)
    {
        for (int i = text.IndexOf('\r'); i >= 0; i = text.IndexOf('\r', i + 1))
        {
            if (i + 1 >= text.Length || text[i + 1] != '\n') return i;
        }

        return -1;
    }

    /// <summary>The 1-based number of the field a line's text ends in.</summary>
    private static int CountFields(string linePrefix)
    {
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = false, DisableColCountCheck = true }).FromText(linePrefix);
        return reader.MoveNext() ? reader.Current.ColCount : 1;
    }

    private static InputFormatException TooLarge(string source, long bytes) => new(source, 0, 0, $"The file is {bytes} bytes; the limit is {MaxBytes}.");
}
