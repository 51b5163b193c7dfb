using System.Text;
using EmrCat.Banks;

namespace EmrCat.Internal;

/// <summary>
/// A small RFC 4180 reader: comma-separated, optional double quotes (with "" as an escaped quote), LF or CRLF line
/// ends (a bare CR is an error), an optional UTF-8 byte-order mark. Fields may not span lines. Every row is checked
/// against the header's width. Files over <see cref="MaxBytes"/> and unreadable files are errors too.
/// </summary>
internal sealed class CsvTable
{
    /// <summary>Refuse files above this size; a scoring table is never this big, a runaway file would exhaust memory.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

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
        string text;
        try
        {
            if (Directory.Exists(path)) throw new InputFormatException(path, 0, 0, "The path is a directory, not a file.");
            var info = new FileInfo(path);
            if (!info.Exists) throw new InputFormatException(path, 0, 0, "The file does not exist.");
            if (info.Length > MaxBytes) throw new InputFormatException(path, 0, 0, $"The file is {info.Length} bytes; the limit is {MaxBytes}.");
            text = File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (DecoderFallbackException)
        {
            throw new InputFormatException(path, 0, 0, "The file is not valid UTF-8 text.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            throw new InputFormatException(path, 0, 0, $"Cannot read the file: {e.Message}");
        }

        return Parse(path, text);
    }

    public static CsvTable Parse(string source, string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var lines = text.Split('\n');
        string[]? header = null;
        var rows = new List<(int, string[])>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            int lineNumber = i + 1;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue; // blank lines (including the one after a final newline) carry nothing
            }

            var fields = SplitLine(source, lineNumber, line);
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

        if (header is null) throw new InputFormatException(source, 0, 0, "The file is empty: a header line is required.");
        return new CsvTable(source, header, rows);
    }

    private static string[] SplitLine(string source, int lineNumber, string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        int i = 0;
        while (true)
        {
            current.Clear();
            int fieldNumber = fields.Count + 1;
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) throw new InputFormatException(source, lineNumber, fieldNumber, "A quoted field is not closed on this line.");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }

                    if (line[i] == '\r') throw BareCarriageReturn(source, lineNumber, fieldNumber);
                    current.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',') throw new InputFormatException(source, lineNumber, fieldNumber, "Unexpected text after a closing quote.");
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    if (line[i] == '"') throw new InputFormatException(source, lineNumber, fieldNumber, "A quote inside an unquoted field.");
                    if (line[i] == '\r') throw BareCarriageReturn(source, lineNumber, fieldNumber);
                    current.Append(line[i++]);
                }
            }

            fields.Add(current.ToString().Trim());
            if (i >= line.Length) break;
            i++; // skip the comma
        }

        return fields.ToArray();
    }

    private static InputFormatException BareCarriageReturn(string source, int lineNumber, int fieldNumber) =>
        new(source, lineNumber, fieldNumber, "A carriage return (CR) inside a line: lines must end with LF or CRLF.");
}
