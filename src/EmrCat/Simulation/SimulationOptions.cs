namespace EmrCat.Simulation;

/// <summary>Options of a simulation study.</summary>
public sealed record SimulationOptions
{
    /// <summary>Number of simulated examinees, ≥ 1. Default 1000.</summary>
    public int Examinees { get; init; } = 1000;

    /// <summary>Study seed; examinee i uses a seed derived from (seed, i), so results do not depend on the thread count. Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Worker threads, ≥ 1. Default: all cores.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Mean of the normal distribution true θ is drawn from. Default 0.</summary>
    public double TrueThetaMean { get; init; }

    /// <summary>SD of the normal distribution true θ is drawn from. Default 1.</summary>
    public double TrueThetaStandardDeviation { get; init; } = 1.0;

    /// <summary>Fixed true θ for every examinee instead of a draw (e.g. 1.5 logits above the cut), or null. Default null.</summary>
    public double? FixedTrueTheta { get; init; }

    /// <summary>
    /// True θ values the examinees cycle through (examinee i gets value i mod count), for classification accuracy at
    /// given abilities; null to draw or fix θ instead. At most <see cref="MaxGridPoints"/> values. Default null.
    /// </summary>
    public IReadOnlyList<double>? TrueThetaGrid { get; init; }

    /// <summary>Most values in <see cref="TrueThetaGrid"/>: 1000.</summary>
    public const int MaxGridPoints = 1000;

    /// <summary>The fixed or grid true θ of examinee <paramref name="examinee"/>, or null when it is drawn.</summary>
    internal double? TrueThetaFor(int examinee) =>
        TrueThetaGrid is { Count: > 0 } grid ? grid[examinee % grid.Count] : FixedTrueTheta;

    /// <summary>Whether to keep every examinee's full record (items in order); needed for session logs. Default false.</summary>
    public bool KeepSessions { get; init; }

    /// <summary>Every problem, all at once.</summary>
    /// <returns>Problems; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Examinees < 1) problems.Add($"Examinees must be at least 1, but was {Examinees}.");
        if (Threads < 1) problems.Add($"Threads must be at least 1, but was {Threads}.");
        if (!double.IsFinite(TrueThetaMean)) problems.Add("TrueThetaMean must be finite.");
        if (!(TrueThetaStandardDeviation >= 0 && double.IsFinite(TrueThetaStandardDeviation))) problems.Add("TrueThetaStandardDeviation must be finite and ≥ 0.");
        if (FixedTrueTheta is { } t && !double.IsFinite(t)) problems.Add("FixedTrueTheta must be finite.");
        if (TrueThetaGrid is { } grid)
        {
            if (FixedTrueTheta is not null) problems.Add("Give FixedTrueTheta or TrueThetaGrid, not both.");
            if (grid.Count is 0 or > MaxGridPoints) problems.Add($"TrueThetaGrid must have 1 to {MaxGridPoints} values, but had {grid.Count}.");
            if (grid.Any(v => !double.IsFinite(v))) problems.Add("TrueThetaGrid values must be finite.");
        }
        return problems;
    }
}
