using System.Globalization;

namespace EmrCat.Practice.Commands;

/// <summary>The argument checks the practice run and the drill share: one wording and one exit code for both.</summary>
internal static class SessionArguments
{
    /// <summary>The seed given with --seed, or null for a random one.</summary>
    /// <exception cref="HostException">Not a whole number in range (exit code 2).</exception>
    public static ulong? Seed(string? seed)
    {
        if (seed is null) return null;
        if (!ulong.TryParse(seed, NumberStyles.None, CultureInfo.InvariantCulture, out ulong s)) throw new HostException($"--seed '{seed}' is not a whole number from 0 to {ulong.MaxValue}.", HostException.BadArguments);
        return s;
    }

    /// <summary>Checks the recency window's --hold-back-runs and --hold-back-days.</summary>
    /// <exception cref="HostException">Out of range (exit code 2).</exception>
    public static void CheckHoldBack(int runs, int days)
    {
        if (runs is < 0 or > 1000) throw new HostException($"--hold-back-runs {runs} must be a whole number from 0 to 1000.", HostException.BadArguments);
        if (days is < 0 or > 3650) throw new HostException($"--hold-back-days {days} must be a whole number from 0 to 3650.", HostException.BadArguments);
    }

    /// <summary>Live keys need a terminal: piped input must say it is line by line (--plain) or a script (--answers).</summary>
    /// <exception cref="HostException">Standard input is redirected without either (exit code 2).</exception>
    public static void CheckInputSource(string? answers, bool plain)
    {
        if (answers is null && !plain && Console.IsInputRedirected)
        {
            throw new HostException("Standard input is not a terminal: pass --plain to answer line by line, or --answers FILE (- for standard input) for a script.", HostException.BadArguments);
        }
    }
}
