using EmrCat.Internal;

namespace EmrCat.Selection;

/// <summary>
/// A uniformly random eligible item. Used for pilot items, which are unscored and so have no reason to be targeted,
/// and as a baseline in simulations.
/// </summary>
public sealed class RandomSelector : IItemSelector
{
    /// <summary>The shared instance.</summary>
    public static RandomSelector Instance { get; } = new();

    /// <inheritdoc />
    public bool TrySelect(in SelectionContext context, out int item) => (item = Select(context)) >= 0;

    /// <summary>The chosen bank index, or -1 when none is eligible (what <see cref="TrySelect"/> reports).</summary>
    internal int Select(in SelectionContext context)
    {
        int eligible = 0;
        for (int i = 0; i < context.Available.Length; i++)
        {
            if (context.IsEligible(i)) eligible++;
        }

        if (eligible == 0) return -1;
        int target = context.Random.Below(eligible, context.Step, SessionRandom.PilotChoice);
        for (int i = 0; i < context.Available.Length; i++)
        {
            if (context.IsEligible(i) && target-- == 0) return i;
        }

        return -1;
    }

    /// <summary>
    /// <see cref="Select"/> when every eligible item is among <paramref name="candidates"/> (bank indices, increasing)
    /// and the caller knows how many are eligible (<paramref name="eligible"/>; the kernel counts its pilot pool as it
    /// changes): the same pick, with one partial scan of the candidates instead of two scans of the bank.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static int SelectAmong(in SelectionContext context, ReadOnlySpan<int> candidates, int eligible)
    {
        if (eligible == 0) return -1;
        int target = context.Random.Below(eligible, context.Step, SessionRandom.PilotChoice);
        foreach (int i in candidates)
        {
            if (context.IsEligible(i) && target-- == 0) return i;
        }

        return -1;
    }
}
