using System.Diagnostics;
using EmrCat.Banks;
using EmrCat.Internal;
using EmrCat.Irt;
using EmrCat.Sessions;

namespace EmrCat.Simulation;

/// <summary>
/// Runs simulation studies: simulated examinees with known θ take full sessions, answering each item right with
/// probability P(θ). Examinee i's true θ and answers come from a seed derived from (study seed, i), so the results are
/// identical whatever the thread count.
/// </summary>
/// <remarks>
/// Each worker thread takes every Threads-th examinee and shares nothing mutable with the others: its own exposure
/// counts and its own <see cref="CatKernel"/>, the same scored path <see cref="CatSession"/> runs (pilots, exposure
/// control, every selector and estimator), reset per examinee so a step allocates nothing. The reported time covers
/// everything from building the components (and the bank's selection bounds) to the last examinee.
/// </remarks>
public static class Simulator
{
    /// <summary>Runs a study.</summary>
    /// <param name="bank">The bank.</param>
    /// <param name="options">Session options.</param>
    /// <param name="simulation">Study options.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public static SimulationReport Run(ItemBank bank, CatOptions options, SimulationOptions simulation) =>
        Run(bank, options, simulation, throughSessions: false);

    /// <summary>
    /// Runs a study; <paramref name="throughSessions"/> true drives every examinee through the public
    /// <see cref="CatSession"/> API instead of the kernel directly (the tests compare both routes).
    /// </summary>
    internal static SimulationReport Run(ItemBank bank, CatOptions options, SimulationOptions simulation, bool throughSessions) =>
        Run(bank, options, simulation, throughSessions, rejections: null);

    /// <summary>
    /// Runs a study; when <paramref name="rejections"/> is given (one slot per bank item) it receives how often the
    /// Sympson–Hetter draw turned each item down, so selections = administrations + rejections (the calibration needs both).
    /// </summary>
    internal static SimulationReport Run(ItemBank bank, CatOptions options, SimulationOptions simulation, bool throughSessions, int[]? rejections)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(simulation);
        options.ThrowIfInvalid(bank);
        OptionsGuard.ThrowIfInvalid(nameof(SimulationOptions), simulation.Validate());
        var watch = Stopwatch.StartNew();
        var components = CatStrategies.For(bank, options);

        // One session up front builds the bank's selection bounds before the workers start.
        CatSession.StartWith(bank, options, simulation.Seed, FrozenTimeProvider.Instance, components);
        var sessions = new SimulatedSession[simulation.Examinees];
        var exposure = new int[simulation.Threads][];
        var rejected = new int[simulation.Threads][];
        if (rejections is not null && throughSessions) throw new ArgumentException("Rejections are counted on the kernel route only.", nameof(rejections));
        Parallel.For(0, simulation.Threads, new ParallelOptions { MaxDegreeOfParallelism = simulation.Threads }, worker =>
        {
            var counts = exposure[worker] = new int[bank.Count];
            var kernel = throughSessions ? null : new CatKernel(bank, options, components);
            if (kernel is not null && rejections is not null) kernel.Rejections = rejected[worker] = new int[bank.Count];
            for (int e = worker; e < simulation.Examinees; e += simulation.Threads)
            {
                ulong seed = ExamineeSeed(simulation.Seed, e);
                double trueTheta = simulation.TrueThetaFor(e)
                    ?? simulation.TrueThetaMean + simulation.TrueThetaStandardDeviation * new SessionRandom(seed).Normal(0, SessionRandom.TrueTheta);
                sessions[e] = kernel is not null
                    ? RunKernel(kernel, simulation.KeepSessions, e, seed, trueTheta, counts)
                    : RunSession(bank, options, components, simulation, e, seed, trueTheta, counts);
            }
        });
        watch.Stop();
        var total = new int[bank.Count];
        foreach (var counts in exposure)
        {
            for (int i = 0; i < total.Length; i++) total[i] += counts[i];
        }

        if (rejections is not null)
        {
            Array.Clear(rejections);
            foreach (var counts in rejected)
            {
                for (int i = 0; i < rejections.Length; i++) rejections[i] += counts[i];
            }
        }

        return Summarise(bank, options, sessions, total, watch.Elapsed.TotalSeconds);
    }

    /// <summary>The seed of examinee <paramref name="examinee"/> in a study seeded with <paramref name="seed"/>.</summary>
    /// <param name="seed">Study seed.</param>
    /// <param name="examinee">Examinee index.</param>
    /// <returns>The examinee's session seed.</returns>
    public static ulong ExamineeSeed(ulong seed, int examinee) => SessionRandom.Mix(seed ^ SessionRandom.Mix((ulong)examinee + 1));

    /// <summary>One examinee on the worker's kernel: answer k is right when the (seed, k, Simulee) draw is below P(true θ).</summary>
    private static SimulatedSession RunKernel(CatKernel kernel, bool keep, int examinee, ulong seed, double trueTheta, int[] exposure)
    {
        var bank = kernel.Bank;
        var columns = bank.Columns;
        double scaling = bank.Metric.ScalingConstant;
        var random = new SessionRandom(seed);
        kernel.Reset(seed);
        while (!kernel.IsFinished)
        {
            int index = kernel.Pending;
            int category = ResponseDraw.Category(columns.Parameters[index], trueTheta, scaling, random.Uniform(kernel.AnsweredCount, SessionRandom.Simulee));
            exposure[index]++;
            kernel.Record(category, TimeSpan.Zero);
        }

        IReadOnlyList<SimulatedItem> items = [];
        if (keep)
        {
            var kept = new SimulatedItem[kernel.AnsweredCount];
            for (int k = 0; k < kept.Length; k++)
            {
                var item = bank.Items[kernel.GivenAt(k)];
                kept[k] = new SimulatedItem(item.Id, item.Domain, kernel.IsPilotAt(k), kernel.CorrectAt(k)) { Category = kernel.CategoryAt(k) };
            }

            items = kept;
        }

        var estimate = kernel.FinalEstimate;
        return new SimulatedSession(examinee, trueTheta, estimate.Theta, estimate.StandardError, kernel.Decision, kernel.Reason,
            bank.Scale.ToScaled(estimate.Theta), kernel.ScoredCount, kernel.PilotCount, items);
    }

    private static int ScoreOf(ItemBank bank, string itemId, IReadOnlyList<string> answer) =>
        bank.TryGetIndex(itemId, out int index) && answer.Count > 0 ? bank.Items[index].Score(answer) : 0;

    private static SimulatedSession RunSession(ItemBank bank, CatOptions options, CatStrategies components, SimulationOptions simulation, int examinee, ulong seed, double trueTheta, int[] exposure)
    {
        var random = new SessionRandom(seed);
        var session = CatSession.StartWith(bank, options, seed, FrozenTimeProvider.Instance, components);
        int step = 0;
        while (!session.IsFinished)
        {
            var item = session.Current;
            bank.TryGetIndex(item.ItemId, out int index);
            var bankItem = bank.Items[index];
            int category = ResponseDraw.Category(bankItem.Parameters, trueTheta, bank.Metric.ScalingConstant, random.Uniform(step++, SessionRandom.Simulee));
            session.Submit(item.ItemId, bankItem.AnswerFor(category));
            exposure[index]++;
        }

        var result = session.Result;
        IReadOnlyList<SimulatedItem> items = simulation.KeepSessions
            ? result.Items.Select(i => new SimulatedItem(i.ItemId, i.Domain, i.IsPilot, i.Correct) { Category = ScoreOf(bank, i.ItemId, i.Answer) }).ToArray()
            : [];
        return new SimulatedSession(examinee, trueTheta, result.Theta, result.StandardError, result.Decision, result.Reason, result.ScaledScore, result.ScoredCount, result.PilotCount, items);
    }

    private static SimulationReport Summarise(ItemBank bank, CatOptions options, SimulatedSession[] sessions, int[] exposure, double seconds)
    {
        int n = sessions.Length;
        double cut = bank.Scale.CutTheta;
        double bias = sessions.Average(s => s.Theta - s.TrueTheta);
        double rmse = Math.Sqrt(sessions.Average(s => (s.Theta - s.TrueTheta) * (s.Theta - s.TrueTheta)));
        var decided = sessions.Where(s => s.Decision != PassFailDecision.Undecided).ToArray();
        int below = sessions.Count(s => s.TrueTheta < cut), atOrAbove = n - below;
        var rates = exposure.Select(c => (double)c / n).ToArray();
        var isPilot = bank.Columns.IsPilot;
        return new SimulationReport
        {
            Examinees = n,
            BankSize = bank.Count,
            Seconds = seconds,
            Bias = bias,
            Rmse = rmse,
            MeanLength = sessions.Average(s => s.ScoredCount),
            MinLength = sessions.Min(s => s.ScoredCount),
            MaxLength = sessions.Max(s => s.ScoredCount),
            ClassificationAccuracy = Rate(decided.Count(s => (s.Decision == PassFailDecision.Pass) == (s.TrueTheta >= cut)), decided.Length),
            FalsePassRate = Rate(sessions.Count(s => s.TrueTheta < cut && s.Decision == PassFailDecision.Pass), below),
            FalseFailRate = Rate(sessions.Count(s => s.TrueTheta >= cut && s.Decision == PassFailDecision.Fail), atOrAbove),
            UndecidedRate = Rate(n - decided.Length, n),
            ExposureRates = rates,
            ScoredExposure = ExposureSummary.Of(rates, isPilot, pilot: false, n, sessions.Average(s => (double)s.ScoredCount)),
            PilotExposure = ExposureSummary.Of(rates, isPilot, pilot: true, n, sessions.Average(s => (double)s.PilotCount)),
            ByTrueTheta = sessions.GroupBy(s => s.TrueTheta).Count() <= SimulationOptions.MaxGridPoints
                ? sessions.GroupBy(s => s.TrueTheta).OrderBy(g => g.Key).Select(g => TrueThetaSummary.Of(g.Key, g.ToArray(), cut)).ToArray()
                : [],
            Sessions = sessions,
        };
    }

    internal static double Rate(int count, int of) => of == 0 ? 0 : (double)count / of;
}
