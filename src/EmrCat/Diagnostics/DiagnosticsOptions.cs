namespace EmrCat.Diagnostics;

/// <summary>Options of a bank diagnosis (<see cref="BankDiagnostician"/>).</summary>
public sealed record DiagnosticsOptions
{
    /// <summary>The θ grid: information is computed and examinees are simulated at each value (the bank's cut is added when missing). Default −3 to 3 by 0.25.</summary>
    public IReadOnlyList<double> ThetaGrid { get; init => field = [.. value ?? []]; } = [.. Enumerable.Range(-12, 25).Select(k => k * 0.25)];

    /// <summary>Simulated examinees in all, spread evenly over the grid, ≥ the grid's size. Default 5000.</summary>
    public int Examinees { get; init; } = 5000;

    /// <summary>Study seed (examinee i's seed derives from it, so results do not depend on <see cref="Threads"/>). Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Worker threads, ≥ 1. Default: all cores.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>The highest wrong-decision rate still counted as a decision, in (0, 0.5). Default 0.05.</summary>
    public double WrongDecisionLimit { get; init; } = 0.05;

    /// <summary>Every problem, all at once.</summary>
    /// <returns>Problems; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ThetaGrid.Count is < 2 or > 200) problems.Add($"ThetaGrid must have 2 to 200 values, but had {ThetaGrid.Count}.");
        if (ThetaGrid.Any(t => !double.IsFinite(t) || Math.Abs(t) > 6)) problems.Add("ThetaGrid values must be finite and within [-6, 6].");
        if (Examinees < ThetaGrid.Count + 1 || Examinees > 10_000_000) problems.Add($"Examinees must be from the grid's size + 1 ({ThetaGrid.Count + 1}) to 10,000,000, but was {Examinees}.");
        if (Threads < 1) problems.Add($"Threads must be at least 1, but was {Threads}.");
        if (!(WrongDecisionLimit > 0 && WrongDecisionLimit < 0.5)) problems.Add($"WrongDecisionLimit must be in (0, 0.5), but was {WrongDecisionLimit}.");
        return problems;
    }
}
