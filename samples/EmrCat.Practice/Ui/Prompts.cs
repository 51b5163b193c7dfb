using Spectre.Console;

namespace EmrCat.Practice.Ui;

/// <summary>
/// The host's questions in each input mode: single keys on the live screen, a typed line in plain mode (Enter takes the
/// default), the next token in a script (prompts that only steer, like pauses, are skipped). Every wait calls
/// <c>onTick</c>, which returns false to stop waiting (Ctrl+C, the time limit); the answer is then null.
/// </summary>
internal sealed class Prompts(Screens screens, IAnswerSource input)
{
    private IAnsiConsole Console => screens.Console;

    /// <summary>A yes/no question; null when the wait was stopped or the input ended.</summary>
    public bool? Confirm(string question, bool defaultValue, Func<bool> onTick)
    {
        string hint = defaultValue ? "[Y/n]" : "[y/N]";
        bool warned = false;
        while (true)
        {
            if (!warned || input.Mode != InputMode.Keys) Console.MarkupLine($"{Markup.Escape(question)} {Markup.Escape(hint)}");
            string? answer = input.Next(onTick);
            if (answer is null) return null;
            answer = answer.Trim().ToLowerInvariant();
            if (answer.Length == 0) return defaultValue;
            if (answer is "y" or "yes") return true;
            if (answer is "n" or "no") return false;
            if (input.Mode == InputMode.Script) return false;
            Warn($"'{answer}' is not an answer here: y for yes, n for no.", ref warned);
        }
    }

    /// <summary>Picks one of <paramref name="choices"/> by number or name; null when the wait was stopped.</summary>
    public string? Choose(string question, IReadOnlyList<(string Name, string Label)> choices, Func<bool> onTick)
    {
        Console.MarkupLine(Markup.Escape(question));
        for (int i = 0; i < choices.Count; i++) Console.MarkupLine($"  [cyan]{i + 1}[/]  {Markup.Escape(choices[i].Label)}");
        string hint = input.Mode == InputMode.Keys
            ? $"[grey]Press 1–{choices.Count} (Enter: 1).[/]"
            : $"[grey]Type 1–{choices.Count} or a name and press Enter (Enter alone: 1).[/]";
        Console.MarkupLine(hint);
        bool warned = false;
        while (true)
        {
            string? answer = input.Next(onTick);
            if (answer is null) return null;
            answer = answer.Trim();
            if (answer.Length == 0) return choices[0].Name;
            if (int.TryParse(answer, out int n) && n >= 1 && n <= choices.Count) return choices[n - 1].Name;
            foreach (var (name, _) in choices)
            {
                if (name.Equals(answer, StringComparison.OrdinalIgnoreCase)) return name;
            }

            Warn($"'{answer}' is not one of the choices: 1–{choices.Count}.", ref warned);
            if (input.Mode != InputMode.Keys) Console.MarkupLine(hint);
        }
    }

    /// <summary>
    /// Says why an answer was not taken. On the live screen the warning replaces the previous one in place and the
    /// question is not repeated, so wrong keys leave no trail of stale lines.
    /// </summary>
    public void Warn(string message, ref bool warned)
    {
        if (warned && input.Mode == InputMode.Keys)
        {
            System.Console.Out.Write("\u001b[1A\u001b[2K\r"); // up one line and clear it: a real terminal in this mode
        }

        screens.Error(message);
        warned = true;
    }

    /// <summary>Waits for a key (live) or Enter (plain) before going on; a script goes straight on.</summary>
    public void Pause(string what, Func<bool> onTick)
    {
        if (input.Mode == InputMode.Script) return;
        Console.MarkupLine(input.Mode == InputMode.Keys ? $"[grey]Press any key to {Markup.Escape(what)}.[/]" : $"[grey]Press Enter to {Markup.Escape(what)}.[/]");
        input.Next(onTick);
    }
}
