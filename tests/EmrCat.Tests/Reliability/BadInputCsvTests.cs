using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.IO;
using EmrCat.Tests.IO;

namespace EmrCat.Tests.Reliability;

/// <summary>
/// CSV scoring inputs (<see cref="ItemParameterTable"/>, <see cref="ResponseMatrix"/>): every defect is an
/// <see cref="InputFormatException"/> whose message starts with <c>file:line:column</c>. Defects already pinned in
/// <see cref="ItemParameterTableTests"/> (empty file, header without items, short rows, non-numbers, invalid
/// parameters, repeated ids, unknown and missing columns) are not repeated.
/// </summary>
public class BadInputCsvTests
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "X1", "X2", "X3" };

    [Theory]
    [InlineData("id,a,b,c,d\nX1,1,0,0,1,9\n", 2, 6, "Expected 5 fields as in the header, but found 6.")]
    [InlineData("id,a,b\r\nX1,1,0\r\nX2,1,zz\r\n", 3, 3, "Item 'X2': field 'b' must be a finite number, but was 'zz'.")]
    [InlineData("id,a,b\rX1,1,0\r", 1, 3, "A carriage return (CR) inside a line: lines must end with LF or CRLF.")]
    [InlineData("id,a,b\n\"X1,1,0\n", 2, 1, "A quoted field is not closed on this line.")]
    [InlineData("id,a,b\n\"X1\"z,1,0\n", 2, 1, "Unexpected text after a closing quote.")]
    [InlineData("id,a,b\nX\"1,1,0\n", 2, 1, "A quote inside an unquoted field.")]
    [InlineData("id,a,b,A\nX1,1,0,1\n", 1, 0, "A column name appears twice in the header.")]
    [InlineData("id,a,b\n,1,0\n", 2, 1, "The item id is empty.")]
    [InlineData("\n\r\n  \n", 0, 0, "The file is empty: a header line is required.")]
    [InlineData("\uFEFF", 0, 0, "The file is empty: a header line is required.")]
    [InlineData("id,a,b\nX1,1e999,0\n", 2, 2, "Item 'X1': field 'a' must be a finite number, but was '1e999'.")]
    public void ParameterTableParse_Malformed_NamesLineAndColumn(string csv, int line, int column, string problem) =>
        AssertPlace(Assert.Throws<InputFormatException>(() => ItemParameterTable.Parse("p.csv", csv)), "p.csv", line, column, problem);

    [Fact]
    public void ParameterTableParse_QuotedFieldsWithCommasAndEscapedQuotes_AreRead()
    {
        var items = ItemParameterTable.Parse("p.csv", "\"id\",\"a\",\"b\"\n\"X,1\",\"1.5\",0\n\"X\"\"2\",1,\"-0.5\"\n");
        Assert.Equal(["X,1", "X\"2"], items.Select(i => i.Id));
        Assert.Equal(-0.5, items[1].Parameters.B);
    }

    [Fact]
    public void ParameterTableLoad_MissingFile_NamesTheFile()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "nope.csv");
        AssertPlace(Assert.Throws<InputFormatException>(() => ItemParameterTable.Load(path)), path, 0, 0, "The file does not exist.");
    }

    [Fact]
    public void ParameterTableLoad_Directory_SaysItIsADirectory()
    {
        using var dir = new TempDirectory();
        AssertPlace(Assert.Throws<InputFormatException>(() => ItemParameterTable.Load(dir.Path)), dir.Path, 0, 0, "The path is a directory, not a file.");
    }

    [Fact]
    public void ParameterTableLoad_InvalidUtf8_NamesTheFile()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("p.csv", [.. "id,a,b\nX"u8, 0xC3, 0x28, .. ",1,0\n"u8]);
        AssertPlace(Assert.Throws<InputFormatException>(() => ItemParameterTable.Load(path)), path, 0, 0, "The file is not valid UTF-8 text.");
    }

    [Fact]
    public void ParameterTableLoad_FileOver256MiB_IsRefusedUnread()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "huge.csv");
        using (var file = File.Create(path)) file.SetLength(256L * 1024 * 1024 + 1); // sparse: no disk or memory used

        AssertPlace(Assert.Throws<InputFormatException>(() => ItemParameterTable.Load(path)), path, 0, 0, "The file is 268435457 bytes; the limit is 268435456.");
    }

    [Fact]
    public void ParameterTableLoad_BomAndCrlfFile_IsRead()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("p.csv", [0xEF, 0xBB, 0xBF, .. "id,a,b\r\nX1,1.2,0\r\n"u8]);
        Assert.Equal("X1", Assert.Single(ItemParameterTable.Load(path)).Id);
    }

    [Theory]
    [InlineData("examinee,X1,X2\nS1,1,0\nS2,1\n", 3, 3, "Expected 3 fields as in the header, but found 2.")]
    [InlineData("examinee,X1,X2\nS1,1,0,1\n", 2, 4, "Expected 3 fields as in the header, but found 4.")]
    [InlineData("examinee,X1,X2\nS1,1,2\n", 2, 3, "Examinee 'S1', item 'X2': a response must be 1, 0 or empty, but was '2'.")]
    [InlineData("examinee,X1,X2\nS1,yes,0\n", 2, 2, "Examinee 'S1', item 'X1': a response must be 1, 0 or empty, but was 'yes'.")]
    [InlineData("examinee,X1,X2\nS1,0.5,0\n", 2, 2, "a response must be 1, 0 or empty, but was '0.5'.")]
    [InlineData("examinee,X1,X2\nS1,-1,0\n", 2, 2, "a response must be 1, 0 or empty, but was '-1'.")]
    [InlineData("examinee,X1,X2\nS1,1.0,0\n", 2, 2, "a response must be 1, 0 or empty, but was '1.0'.")]
    [InlineData("examinee,X1,X2\nS1,TRUE,0\n", 2, 2, "a response must be 1, 0 or empty, but was 'TRUE'.")]
    [InlineData("examinee,X1,Z9\nS1,1,0\n", 1, 3, "Item 'Z9' is not in the parameter table.")]
    [InlineData("examinee,X1,X1\nS1,1,0\n", 1, 3, "Item 'X1' appears twice in the header.")]
    [InlineData("examinee,X1\nS1,1\nS2,0\nS1,0\n", 4, 1, "Examinee 'S1' repeats line 2.")]
    [InlineData("examinee,X1\n,1\n", 2, 1, "The examinee id is empty.")]
    [InlineData("person,X1\nS1,1\n", 1, 1, "The first column must be 'examinee', but was 'person'.")]
    [InlineData("", 0, 0, "The file is empty: a header line is required.")]
    [InlineData("examinee,X1,X2\n", 0, 0, "The table has a header but no examinees.")]
    [InlineData("examinee\nS1\n", 1, 0, "The header names no items after 'examinee'.")]
    [InlineData("examinee,X1\r\nS1,1\rS2,0\r\n", 2, 2, "A carriage return (CR) inside a line")]
    [InlineData("examinee,X1\nS1,\"1\n", 2, 2, "A quoted field is not closed on this line.")]
    public void ResponseMatrixParse_Malformed_NamesLineAndColumn(string csv, int line, int column, string problem) =>
        AssertPlace(Assert.Throws<InputFormatException>(() => ResponseMatrix.Parse("r.csv", csv, Known)), "r.csv", line, column, problem);

    [Fact]
    public void ResponseMatrixParse_BomCrlfQuotesAndMissingCells_AreRead()
    {
        var matrix = ResponseMatrix.Parse("r.csv", "\uFEFFExaminee,\"X1\",X2,X3\r\n\"S,1\",\"1\",,NA\r\nS2, 0 ,1,\r\n", Known);

        Assert.Equal(["X1", "X2", "X3"], matrix.ItemIds);
        Assert.Equal(["S,1", "S2"], matrix.Examinees);
        Assert.Equal([true, null, null, false, true, null], new bool?[] { matrix[0, 0], matrix[0, 1], matrix[0, 2], matrix[1, 0], matrix[1, 1], matrix[1, 2] });
    }

    [Fact]
    public void ResponseMatrixLoad_MissingFile_NamesTheFile()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "nope.csv");
        AssertPlace(Assert.Throws<InputFormatException>(() => ResponseMatrix.Load(path, Known)), path, 0, 0, "The file does not exist.");
    }

    internal static void AssertPlace(InputFormatException ex, string source, int line, int column, string problem)
    {
        Assert.Equal((source, line, column), (ex.Source, ex.Line, ex.Column));
        Assert.StartsWith($"{source}:{line}:{column}: ", ex.Message);
        Assert.Contains(problem, ex.Problem);
    }
}
