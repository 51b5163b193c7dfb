using EmrCat.Banks;
using EmrCat.Sessions;

namespace EmrCat.Practice.Ui;

/// <summary>
/// Turns the candidate's keys or typed text into an answer for one item. Single-answer: one letter. Select all that
/// apply: on the live screen letters check and uncheck options and Enter confirms; typed or scripted, the letters of
/// every choice at once (<c>AC</c>). Ordering: on the live screen letters place options first to last (a placed letter
/// again takes it out, Backspace the last one) and Enter confirms once all are placed; typed or scripted, the whole
/// order at once (<c>CADB</c>). Anything else is a message saying what to do, and nothing is answered.
/// </summary>
internal sealed class ItemResponse(PresentedItem item, InputMode mode, int rightOptions)
{
    private readonly List<int> _chosen = [];

    /// <summary>A response to <paramref name="item"/>, presented as <paramref name="presented"/>, with its "select N" hint from the key.</summary>
    public static ItemResponse For(BankItem item, PresentedItem presented, InputMode mode) =>
        new(presented, mode, item.Type == ItemType.Multiple ? item.Key.Count : 0);

    public PresentedItem Item { get; } = item;

    /// <summary>How many options are right, for the "select N" hint of a select-all item.</summary>
    public int RightOptions { get; } = rightOptions;

    /// <summary>Option indices checked (select-all) or placed (ordering), in the order chosen.</summary>
    public IReadOnlyList<int> Chosen => _chosen;

    /// <summary>Whether options are toggled or placed one key at a time (the live screen).</summary>
    public bool Live => mode == InputMode.Keys;

    private int Count => Item.Options.Count;

    /// <summary>Applies one token: the answer (option ids, in order) when complete; else null and, when the token was not usable, why.</summary>
    public IReadOnlyList<string>? Apply(string token, out string? message)
    {
        message = null;
        return Item.Type switch
        {
            ItemType.Multiple => Live ? ToggleOrConfirm(token, out message) : SelectAll(token, out message),
            ItemType.Ordered => Live ? PlaceOrConfirm(token, out message) : Order(token, out message),
            _ => Single(token, out message),
        };
    }

    /// <summary>How to answer, for the line under the options.</summary>
    public string Instructions()
    {
        string letters = Screens.Letters(Count);
        return Item.Type switch
        {
            ItemType.Multiple when Live => $"Select all that apply ({SelectHint()}): press {letters} to check or uncheck, Enter to confirm (no going back) · q to save and quit",
            ItemType.Multiple => $"Select all that apply ({SelectHint()}): type the letters of your choices, e.g. {Example(Math.Max(1, RightOptions))}, and press Enter (no going back) · q to save and quit",
            ItemType.Ordered when Live => $"Put all {Count} in order: press the letters first to last (a letter again takes it out, Backspace the last), Enter to confirm (no going back) · q to save and quit",
            ItemType.Ordered => $"Put all {Count} in order: type every letter first to last, e.g. {Example(Count)}, and press Enter (no going back) · q to save and quit",
            _ when Live => $"Press {letters} to answer (no going back) · q to save and quit",
            _ => $"Type {letters} and press Enter to answer (no going back) · q to save and quit",
        };
    }

    /// <summary>What is checked or placed so far (live screen), e.g. "Your order: C A _ _"; null for single-answer items.</summary>
    public string? Progress() => Item.Type switch
    {
        ItemType.Multiple => "Selected: " + (_chosen.Count == 0 ? "none yet" : string.Join(" ", _chosen.Order().Select(i => Screens.Letter(i)))),
        ItemType.Ordered => "Your order: " + string.Join(" ", Enumerable.Range(0, Count).Select(k => k < _chosen.Count ? Screens.Letter(_chosen[k]).ToString() : "_")),
        _ => null,
    };

    private string SelectHint() => RightOptions == 1 ? "select 1" : $"select {RightOptions}";

    /// <summary>Letters in an order that is not the display order, so the example gives nothing away: B A for two.</summary>
    private static string Example(int count) =>
        new(Enumerable.Range(0, count).Select(k => Screens.Letter((k + 1) % count)).ToArray());

    private IReadOnlyList<string>? Single(string token, out string? message)
    {
        message = null;
        int index = token.Length == 1 ? char.ToUpperInvariant(token[0]) - 'A' : -1;
        if (index >= 0 && index < Count) return [Item.Options[index].Id];
        message = $"{Shown(token)} is not an answer here: {Screens.Letters(Count)} answers, q saves and quits.";
        return null;
    }

    private IReadOnlyList<string>? ToggleOrConfirm(string token, out string? message)
    {
        message = null;
        if (token.Length == 0)
        {
            if (_chosen.Count > 0) return Ids(_chosen.Order());
            message = $"Check at least one option ({Screens.Letters(Count)}), then press Enter.";
            return null;
        }

        if (Letters(token) is not { } indices)
        {
            message = $"{Shown(token)} is not an answer here: {Screens.Letters(Count)} check or uncheck an option, Enter confirms, q saves and quits.";
            return null;
        }

        foreach (int index in indices)
        {
            if (!_chosen.Remove(index)) _chosen.Add(index);
        }

        return null;
    }

    private IReadOnlyList<string>? SelectAll(string token, out string? message)
    {
        message = null;
        var indices = Letters(token);
        if (indices is null || indices.Count == 0 || indices.Distinct().Count() != indices.Count)
        {
            message = $"{Shown(token)} is not an answer here: type the letters of every option you select, each once (e.g. {Example(Math.Max(1, RightOptions))}); q saves and quits.";
            return null;
        }

        return Ids(indices.Order());
    }

    private IReadOnlyList<string>? PlaceOrConfirm(string token, out string? message)
    {
        message = null;
        if (token is "Backspace")
        {
            if (_chosen.Count > 0) _chosen.RemoveAt(_chosen.Count - 1);
            return null;
        }

        if (token.Length == 0)
        {
            if (_chosen.Count == Count) return Ids(_chosen);
            message = $"Place all {Count} options first to last ({_chosen.Count} placed), then press Enter.";
            return null;
        }

        if (Letters(token) is not { } indices)
        {
            message = $"{Shown(token)} is not an answer here: {Screens.Letters(Count)} place the next option, Enter confirms, q saves and quits.";
            return null;
        }

        foreach (int index in indices)
        {
            if (!_chosen.Remove(index)) _chosen.Add(index);
        }

        return null;
    }

    private IReadOnlyList<string>? Order(string token, out string? message)
    {
        message = null;
        var indices = Letters(token);
        if (indices is null || indices.Count != Count || indices.Distinct().Count() != Count)
        {
            message = $"{Shown(token)} is not an order of all {Count} options: type each of {Screens.Letters(Count)} once, first to last (e.g. {Example(Count)}); q saves and quits.";
            return null;
        }

        return Ids(indices);
    }

    /// <summary>The option indices a token names (letters, with spaces and commas ignored), or null when any character is not an option letter.</summary>
    private List<int>? Letters(string token)
    {
        var indices = new List<int>();
        foreach (char c in token)
        {
            if (c is ' ' or ',' or '\t') continue;
            int index = char.ToUpperInvariant(c) - 'A';
            if (index < 0 || index >= Count) return null;
            indices.Add(index);
        }

        return indices;
    }

    private string[] Ids(IEnumerable<int> indices) => indices.Select(i => Item.Options[i].Id).ToArray();

    private static string Shown(string token) => token.Length == 0 ? "An empty line" : $"'{token}'";
}
