using EmrCat.Banks;
using EmrCat.Sessions;

namespace EmrCat.Learning;

/// <summary>
/// A learner's memory across runs: every finished run (practice and drill) in the order taken. It answers which items
/// the learner saw recently (so the next run holds them back) and where the last practice estimate stood (so the next
/// run can start there). Immutable: <see cref="With"/> returns a new profile. None of catR, mirtCAT, catsim or jsCAT
/// keeps a learner across sessions; this is the engine's own.
/// </summary>
public sealed class LearnerProfile
{
    private readonly LearnerRun[] _runs;

    /// <summary>Creates a profile from finished runs, sorted by finish time (ties keep the given order).</summary>
    /// <param name="runs">The runs.</param>
    public LearnerProfile(IEnumerable<LearnerRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        _runs = runs.Select((r, i) => (r ?? throw new ArgumentException("A run is null.", nameof(runs)), i))
            .OrderBy(p => p.Item1.FinishedAt).ThenBy(p => p.i).Select(p => p.Item1).ToArray();
    }

    /// <summary>A learner with no runs.</summary>
    public static LearnerProfile Empty { get; } = new([]);

    /// <summary>Every run, oldest first.</summary>
    public IReadOnlyList<LearnerRun> Runs => _runs;

    /// <summary>Practice runs only (the readiness evidence), oldest first.</summary>
    public IReadOnlyList<LearnerRun> PracticeRuns => _runs.Where(r => r.Kind == RunKind.Practice).ToArray();

    /// <summary>The latest practice run, or null.</summary>
    public LearnerRun? LastPractice => _runs.LastOrDefault(r => r.Kind == RunKind.Practice);

    /// <summary>This profile with <paramref name="run"/> added.</summary>
    /// <param name="run">A finished run.</param>
    /// <returns>A new profile.</returns>
    public LearnerProfile With(LearnerRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new LearnerProfile(_runs.Append(run));
    }

    /// <summary>When each item was last seen (any run), by item id.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> LastSeen()
    {
        var last = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var run in _runs)
        {
            foreach (var id in run.ItemsSeen) last[id] = run.FinishedAt;
        }

        return last;
    }

    /// <summary>
    /// The items of <paramref name="bank"/> seen within <paramref name="window"/> of <paramref name="now"/>, least recently
    /// seen first: the order in which the kernel gives them back once nothing else is left.
    /// </summary>
    /// <param name="bank">The bank of the next run (ids it lacks are skipped).</param>
    /// <param name="window">What counts as recent.</param>
    /// <param name="now">The time of the next run.</param>
    /// <returns>Item ids, least recently seen first.</returns>
    public IReadOnlyList<string> RecentItems(ItemBank bank, RecencyWindow window, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(window);
        var since = now.AddDays(-window.Days);
        int firstRecentRun = Math.Max(0, _runs.Length - window.Runs);
        int sighting = 0;
        var latest = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int r = 0; r < _runs.Length; r++)
        {
            var run = _runs[r];
            bool recent = r >= firstRecentRun || (window.Days > 0 && run.FinishedAt >= since);
            if (!recent) continue;
            foreach (string id in run.ItemsSeen)
            {
                if (bank.TryGetIndex(id, out _)) latest[id] = sighting;
                sighting++;
            }
        }

        // Each id at its latest sighting; oldest sighting first.
        return latest.OrderBy(p => p.Value).Select(p => p.Key).ToArray();
    }

    /// <summary>
    /// <paramref name="options"/> for this learner's next run: recent items held back (see
    /// <see cref="CatOptions.HeldBackItems"/>) and, when <paramref name="startFromLastEstimate"/>, the first item chosen at
    /// the last practice run's θ̂ (clamped to the estimator's range). The prior and the scoring are unchanged: the start
    /// only steers the first selections.
    /// </summary>
    /// <param name="options">The run's options.</param>
    /// <param name="bank">The bank.</param>
    /// <param name="window">What counts as recent.</param>
    /// <param name="now">The time of the run.</param>
    /// <param name="startFromLastEstimate">Whether to start at the last estimate.</param>
    /// <returns>The options to start the session with.</returns>
    public CatOptions Prepare(CatOptions options, ItemBank bank, RecencyWindow window, DateTimeOffset now, bool startFromLastEstimate)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prepared = options with { HeldBackItems = RecentItems(bank, window, now) };
        if (startFromLastEstimate && LastPractice is { } last)
        {
            var range = options.EstimatorRange;
            prepared = prepared with { StartTheta = Math.Clamp(last.Theta, range.Lower, range.Upper) };
        }

        return prepared;
    }
}
