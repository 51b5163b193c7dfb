namespace EmrCat.Internal;

/// <summary>Turns a list of option problems into one exception that names them all.</summary>
internal static class OptionsGuard
{
    public static void ThrowIfInvalid(string optionsName, IEnumerable<string> problems)
    {
        var list = problems.ToList();
        if (list.Count > 0)
        {
            throw new ArgumentException($"Invalid {optionsName}: {string.Join(" ", list)}", optionsName);
        }
    }
}
