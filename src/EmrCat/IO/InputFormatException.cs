namespace EmrCat.IO;

/// <summary>
/// A data file (CSV table, response matrix) is malformed. The message starts with <c>file:line:column</c> and says
/// what is wrong, so a person can go straight to the place.
/// </summary>
public sealed class InputFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file name or other source label.</param>
    /// <param name="line">1-based line, or 0 when the problem concerns the whole file.</param>
    /// <param name="column">1-based column (CSV field number), or 0 when the problem concerns the whole line.</param>
    /// <param name="problem">What is wrong.</param>
    public InputFormatException(string source, int line, int column, string problem)
        : base($"{source}:{line}:{column}: {problem}")
    {
        Source = source;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file name or source label.</summary>
    public new string Source { get; }

    /// <summary>1-based line, or 0 for the whole file.</summary>
    public int Line { get; }

    /// <summary>1-based column (CSV field number), or 0 for the whole line.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the location prefix.</summary>
    public string Problem { get; }
}
