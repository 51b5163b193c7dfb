namespace EmrCat.Learning;

/// <summary>
/// Which earlier items count as "seen recently": those presented in the learner's last <see cref="Runs"/> runs, or
/// within <see cref="Days"/> days of now, whichever reaches further back. Zero for both holds nothing back.
/// </summary>
public sealed record RecencyWindow
{
    /// <summary>The default: the last 3 runs or the last 14 days.</summary>
    public static RecencyWindow Default { get; } = new(3, 14);

    /// <summary>Holds nothing back.</summary>
    public static RecencyWindow None { get; } = new(0, 0);

    /// <summary>Creates a window.</summary>
    /// <param name="runs">Last runs whose items are held back, 0 or more.</param>
    /// <param name="days">Days back whose items are held back, 0 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative count.</exception>
    public RecencyWindow(int runs, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(runs);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        Runs = runs;
        Days = days;
    }

    /// <summary>Last runs whose items are held back.</summary>
    public int Runs { get; }

    /// <summary>Days back whose items are held back.</summary>
    public int Days { get; }
}
