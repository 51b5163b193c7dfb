namespace EmrCat.Practice.Ui;

/// <summary>Where keystrokes come from: the keyboard, or a script of tokens (<c>--answers FILE|-</c>).</summary>
internal interface IAnswerSource
{
    /// <summary>Whether this is a person at a terminal (prompts, live countdown).</summary>
    bool IsInteractive { get; }

    /// <summary>
    /// The next token (a letter, q, y/n, a bucket name...), or null when a scripted source is exhausted. Interactive
    /// sources call <paramref name="onTick"/> about every 250 ms while waiting; it returns false to stop waiting
    /// (then the result is null).
    /// </summary>
    string? Next(Func<bool> onTick);
}

/// <summary>Tokens from a file or standard input, separated by whitespace. <c>wait:N</c> pauses N seconds (for demos and time-out tests).</summary>
internal sealed class ScriptedAnswers : IAnswerSource
{
    private readonly Queue<string> _tokens;

    public ScriptedAnswers(string text) =>
        _tokens = new Queue<string>(text.Split((char[])[' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries));

    public bool IsInteractive => false;

    public static ScriptedAnswers From(string fileOrDash) =>
        new(fileOrDash == "-" ? Console.In.ReadToEnd() : File.ReadAllText(fileOrDash));

    public string? Next(Func<bool> onTick)
    {
        while (_tokens.Count > 0)
        {
            string token = _tokens.Dequeue();
            if (token.StartsWith("wait:", StringComparison.OrdinalIgnoreCase) && double.TryParse(token[5..], System.Globalization.CultureInfo.InvariantCulture, out double seconds))
            {
                var until = DateTime.UtcNow.AddSeconds(seconds);
                while (DateTime.UtcNow < until)
                {
                    Thread.Sleep(50);
                    if (!onTick()) return null;
                }

                if (!onTick()) return null;
                continue;
            }

            return token;
        }

        return null;
    }
}

/// <summary>Single keys from the terminal, polling so a countdown can run while the candidate thinks.</summary>
internal sealed class KeyboardAnswers : IAnswerSource
{
    public bool IsInteractive => true;

    public string? Next(Func<bool> onTick)
    {
        while (true)
        {
            if (!onTick()) return null;
            if (Console.KeyAvailable)
            {
                var key = Console.ReadKey(intercept: true);
                if (key.Key == ConsoleKey.Enter) continue;
                return key.KeyChar == '\0' ? key.Key.ToString() : key.KeyChar.ToString();
            }

            Thread.Sleep(100);
        }
    }
}
