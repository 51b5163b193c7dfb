using EmrCat.Banks;
using EmrCat.Internal;
using EmrCat.Irt;
using EmrCat.Scoring;
using EmrCat.Sessions;
using EmrCat.Simulation;
using EmrCat.Stopping;

namespace EmrCat.Diagnostics;

/// <summary>
/// Diagnoses a bank under session options: test information and expected SE by θ per blueprint domain, simulated
/// pass rate, length and wrong decisions by true θ (through <see cref="Simulator"/>, the sessions' own kernel),
/// exposure, and the bands around the cut where no confident decision is possible.
/// </summary>
public static class BankDiagnostician
{
    /// <summary>Runs the diagnosis.</summary>
    /// <param name="bank">The bank.</param>
    /// <param name="options">Session options.</param>
    /// <param name="diagnostics">Grid, examinees, seed, threads and the wrong-decision limit.</param>
    /// <returns>The findings.</returns>
    /// <exception cref="ArgumentException">Invalid options, or a bank that cannot serve them.</exception>
    public static BankDiagnostics Diagnose(ItemBank bank, CatOptions options, DiagnosticsOptions diagnostics)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(diagnostics);
        options.ThrowIfInvalid(bank);
        OptionsGuard.ThrowIfInvalid(nameof(DiagnosticsOptions), diagnostics.Validate());
        double cut = bank.Scale.CutTheta;
        var grid = diagnostics.ThetaGrid.Append(cut).Distinct().Order().ToArray();

        var domains = Information(bank, options.MaxScoredItems, grid);
        var totalInformation = grid.Select((_, g) => domains.Sum(d => d.Information[g])).ToArray();
        var total = new DomainInformation("total", "Whole test", domains.Sum(d => d.ScoredItems), domains.Sum(d => d.Quota), totalInformation, totalInformation.Select(StandardError).ToArray());
        double z = new ConfidenceClassificationRule(options.Confidence).Z;
        var undecidable = grid.Where((t, g) => Math.Abs(t - cut) < z * total.StandardError[g]).ToArray();

        // Examinees cycle through the grid, so each point gets Examinees / grid (±1).
        var report = Simulator.Run(bank, options, new SimulationOptions
        {
            Examinees = diagnostics.Examinees,
            Seed = diagnostics.Seed,
            Threads = diagnostics.Threads,
            TrueThetaGrid = grid,
        });
        var simulated = report.Sessions.GroupBy(s => s.TrueTheta).OrderBy(g => g.Key).Select(g => Point(g.Key, g.ToArray(), cut)).ToArray();
        var wrong = simulated.Where(p => p.WrongDecisionRate > diagnostics.WrongDecisionLimit).Select(p => p.TrueTheta).ToArray();
        return new BankDiagnostics
        {
            CutTheta = cut,
            Theta = grid,
            Domains = domains,
            Total = total,
            NoDecisionBand = undecidable.Length > 0 ? new ThetaBand(undecidable.Min(), undecidable.Max()) : null,
            Simulated = simulated,
            WrongDecisionBand = wrong.Length > 0 ? new ThetaBand(wrong.Min(), wrong.Max()) : null,
            WrongDecisionLimit = diagnostics.WrongDecisionLimit,
            ScoredExposure = report.ScoredExposure,
            PilotExposure = report.PilotExposure,
            Examinees = report.Examinees,
            Seconds = report.Seconds,
        };
    }

    /// <summary>Per domain, the information of its blueprint quota of a <paramref name="length"/>-item test, from its most informative scored items at each θ.</summary>
    private static DomainInformation[] Information(ItemBank bank, int length, double[] grid)
    {
        var columns = bank.Columns;
        (string Id, string Name, double Share, int[] Items)[] groups = bank.Blueprint.IsEmpty
            ? [("all", "All items", 1.0, Enumerable.Range(0, bank.Count).Where(i => !columns.IsPilot[i]).ToArray())]
            : bank.Blueprint.Domains.Select((d, k) => (d.Id, d.Name, d.TargetShare, Enumerable.Range(0, bank.Count).Where(i => !columns.IsPilot[i] && columns.DomainIndex[i] == k).ToArray())).ToArray();
        double shares = groups.Sum(g => g.Share);
        var result = new DomainInformation[groups.Length];
        for (int d = 0; d < groups.Length; d++)
        {
            var (id, name, share, items) = groups[d];
            int quota = Math.Min(items.Length, Math.Max(items.Length > 0 ? 1 : 0, (int)Math.Round(length * share / shares, MidpointRounding.AwayFromZero)));
            var byTheta = new double[grid.Length];
            for (int g = 0; g < grid.Length; g++)
            {
                var values = new double[items.Length];
                for (int k = 0; k < items.Length; k++) values[k] = ItemResponseFunctions.Information(columns.Parameters[items[k]], grid[g], bank.Metric);
                Array.Sort(values);
                double sum = 0;
                for (int k = values.Length - 1; k >= values.Length - quota; k--) sum += values[k];
                byTheta[g] = sum;
            }

            result[d] = new DomainInformation(id, name, items.Length, quota, byTheta, byTheta.Select(StandardError).ToArray());
        }

        return result;
    }

    private static double StandardError(double information) => information > 0 ? 1 / Math.Sqrt(information) : double.PositiveInfinity;

    private static GridPoint Point(double theta, SimulatedSession[] sessions, double cut)
    {
        int n = sessions.Length;
        int passed = sessions.Count(s => s.Decision == PassFailDecision.Pass);
        int wrong = theta >= cut ? sessions.Count(s => s.Decision == PassFailDecision.Fail) : passed;
        return new GridPoint(theta, n, Simulator.Rate(passed, n), Simulator.Rate(wrong, n), sessions.Average(s => (double)s.ScoredCount),
            sessions.Average(s => s.StandardError), Math.Sqrt(sessions.Average(s => (s.Theta - theta) * (s.Theta - theta))));
    }
}
