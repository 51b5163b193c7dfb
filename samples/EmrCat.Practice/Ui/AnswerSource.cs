using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using EmrCat.Practice.Commands;

namespace EmrCat.Practice.Ui;

/// <summary>How answers and choices reach the host.</summary>
internal enum InputMode
{
    /// <summary>Single keys at a terminal, with a live screen.</summary>
    Keys,

    /// <summary>One response per line (<c>--plain</c>): every prompt is asked as text and read as a line.</summary>
    Lines,

    /// <summary>A script of whitespace-separated tokens (<c>--answers FILE|-</c>): prompts take their defaults.</summary>
    Script,
}

/// <summary>Whether response times are the candidate's: the host knows where its answers come from, the library does not.</summary>
internal static class AnswerTiming
{
    /// <summary>
    /// Whether the time to each answer is a person's reading and thinking time: live keys, or <c>--plain</c> lines typed
    /// at a terminal (screen-reader users); not a script (<c>--answers</c>) nor lines piped or redirected into the host,
    /// which answer in milliseconds and would flag every answer as a rapid guess.
    /// </summary>
    public static bool Measured(InputMode mode, bool inputRedirected) => mode switch
    {
        InputMode.Keys => true,
        InputMode.Lines => !inputRedirected,
        _ => false,
    };
}

/// <summary>Where keystrokes come from: the keyboard, typed lines, or a script of tokens.</summary>
internal interface IAnswerSource
{
    /// <summary>How this source reads.</summary>
    InputMode Mode { get; }

    /// <summary>
    /// The next token (a letter, q, y/n, a bucket name...; an empty string is Enter in line mode), or null when the
    /// input has ended. Every source calls <paramref name="onTick"/> about every 100 ms while waiting; it returns false
    /// to stop waiting (then the result is null).
    /// </summary>
    /// <exception cref="HostException">The input is not text of answer tokens (a control character, a token too long, a bad <c>wait:</c>).</exception>
    string? Next(Func<bool> onTick);
}

/// <summary>
/// Tokens read from a text stream as they arrive, on a background reader, so that the item loop keeps ticking (clock,
/// time limit) while it waits and a slow pipe loses nothing already answered. <c>wait:N</c> pauses N seconds (0 to
/// 86,400) in scripts, for demos and time-limit tests.
/// </summary>
internal sealed class StreamAnswers : IAnswerSource
{
    /// <summary>Longest token accepted: longer ones are not answers (e.g. a binary file).</summary>
    public const int MaxTokenLength = 64;

    /// <summary>Longest <c>wait:</c>, one day.</summary>
    public const double MaxWaitSeconds = 86_400;

    private readonly BlockingCollection<Token> _tokens = new(boundedCapacity: 256);
    private readonly string _name;
    private Token? _failure;
    private string? _pushedBack;

    private StreamAnswers(TextReader reader, string name, InputMode mode)
    {
        _name = name;
        Mode = mode;
        var thread = new Thread(() => Read(reader)) { IsBackground = true, Name = "answers" };
        thread.Start();
    }

    public InputMode Mode { get; }

    /// <summary>A script from a file, or standard input for <c>-</c>.</summary>
    /// <exception cref="HostException">The file does not exist, is a directory, or cannot be read.</exception>
    public static StreamAnswers Script(string fileOrDash)
    {
        if (fileOrDash == "-") return new StreamAnswers(Console.In, "standard input", InputMode.Script);
        if (Directory.Exists(fileOrDash)) throw new HostException($"--answers '{fileOrDash}' is a directory, not a file of answers.");
        if (!File.Exists(fileOrDash)) throw new HostException($"--answers '{fileOrDash}': no such file.");
        try
        {
            return new StreamAnswers(new StreamReader(fileOrDash, new UTF8Encoding(false, throwOnInvalidBytes: false)), $"'{fileOrDash}'", InputMode.Script);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HostException($"--answers '{fileOrDash}' cannot be read: {e.Message}");
        }
    }

    /// <summary>Lines typed on standard input (<c>--plain</c>).</summary>
    public static StreamAnswers Lines(TextReader reader) => new(reader, "standard input", InputMode.Lines);

    /// <summary>Tokens from text (tests).</summary>
    public static StreamAnswers FromText(string text, InputMode mode = InputMode.Script) => new(new StringReader(text), "the script", mode);

    public string? Next(Func<bool> onTick)
    {
        while (true)
        {
            string? token = Take(onTick);
            if (token is null || Mode != InputMode.Script || !token.StartsWith("wait:", StringComparison.OrdinalIgnoreCase)) return token;
            if (!double.TryParse(token.AsSpan(5), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !(seconds >= 0 && seconds <= MaxWaitSeconds))
            {
                throw new HostException($"--answers ({_name}): '{token}' is not a pause: use wait:N with N seconds from 0 to {MaxWaitSeconds:0}.");
            }

            long until = Environment.TickCount64 + (long)(seconds * 1000);
            while (Environment.TickCount64 < until)
            {
                Thread.Sleep((int)Math.Clamp(until - Environment.TickCount64, 1, 50));
                if (!onTick()) return null;
            }

            if (!onTick()) return null;
        }
    }

    /// <summary>
    /// Waits until the first token has arrived (or the input ended) and throws now if the input is not text, so that a
    /// bad script is refused before a session is created for it.
    /// </summary>
    /// <exception cref="HostException">The input is not text of answer tokens.</exception>
    public void CheckFirst(Func<bool> onTick) => _pushedBack = Take(onTick);

    private string? Take(Func<bool> onTick)
    {
        if (_pushedBack is { } first)
        {
            _pushedBack = null;
            return first;
        }

        while (true)
        {
            if (_failure is { } failed) throw new HostException(failed.Text);
            if (_tokens.TryTake(out var token, 100))
            {
                if (token.IsError)
                {
                    _failure = token;
                    continue;
                }

                return token.IsEnd ? End() : token.Text;
            }

            if (_tokens.IsCompleted) return null;
            if (!onTick()) return null;
        }

        string? End()
        {
            _tokens.CompleteAdding();
            return null;
        }
    }

    /// <summary>The background reader: splits the stream into tokens (or lines) and stops at the first problem.</summary>
    private void Read(TextReader reader)
    {
        if (Mode == InputMode.Lines && ReferenceEquals(reader, Console.In) && !Console.IsInputRedirected)
        {
            // A person typing at a terminal: the console's own line editing (echo, backspace) hands over whole lines.
            while (Console.ReadLine() is { } line) _tokens.Add(new Token(line.Trim()));
            _tokens.Add(Token.End);
            return;
        }

        var token = new StringBuilder();
        long position = 0;
        try
        {
            while (true)
            {
                int c = reader.Read();
                position++;
                bool end = c < 0;
                bool separator = end || (Mode == InputMode.Lines ? c == '\n' : char.IsWhiteSpace((char)c) || c == ',');
                if (separator)
                {
                    if (Mode == InputMode.Lines && !(end && token.Length == 0)) _tokens.Add(new Token(token.ToString().Trim()));
                    else if (token.Length > 0) _tokens.Add(new Token(token.ToString()));
                    token.Clear();
                    if (end)
                    {
                        _tokens.Add(Token.End);
                        return;
                    }

                    continue;
                }

                if (char.IsControl((char)c) && c != '\t' && c != '\r')
                {
                    _tokens.Add(Token.Error($"--answers ({_name}) is not text of answer tokens: character {position} is a control character (U+{c:X4})."));
                    return;
                }

                if (c == '\r' && Mode == InputMode.Lines) continue;
                token.Append((char)c);
                if (token.Length > MaxTokenLength)
                {
                    _tokens.Add(Token.Error($"--answers ({_name}): the entry starting '{token.ToString(0, 12)}…' is longer than {MaxTokenLength} characters; answers are letters like A, q, y or n."));
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException)
        {
            _tokens.Add(Token.Error($"--answers ({_name}) could not be read: {e.Message}"));
        }
    }

    private sealed record Token(string Text, bool IsError = false, bool IsEnd = false)
    {
        public static readonly Token End = new("", IsEnd: true);

        public static Token Error(string message) => new(message, IsError: true);
    }
}

/// <summary>Single keys from the terminal, polling so a countdown can run while the candidate thinks.</summary>
internal sealed class KeyboardAnswers : IAnswerSource
{
    public InputMode Mode => InputMode.Keys;

    public string? Next(Func<bool> onTick)
    {
        while (true)
        {
            if (!onTick()) return null;
            if (Console.KeyAvailable)
            {
                var key = Console.ReadKey(intercept: true);
                if (key.Key == ConsoleKey.Enter) return "";
                if (key.Key == ConsoleKey.Backspace) return "Backspace"; // its character differs by terminal (\b or DEL)
                return key.KeyChar == '\0' ? key.Key.ToString() : key.KeyChar.ToString();
            }

            Thread.Sleep(50);
        }
    }
}
