using System.Buffers;
using EmrCat.Internal;

namespace EmrCat.Selection;

/// <summary>
/// Sympson–Hetter exposure control (Sympson &amp; Hetter, 1985): the inner selector proposes an item, which is given
/// with probability K_i (its exposure parameter); otherwise it is out for the rest of that candidate's test and the
/// inner selector proposes again; when every eligible item has been turned down, the last one proposed is given (so
/// a thin blueprint domain cannot end a test early). Because an item is then proposed at most once per test, P(given) = K_i·P(proposed),
/// the identity the iterative calibration (ExposureCalibrator) relies on. Items without
/// a parameter have K = 1. Draws come from the session's seed, so a run replays exactly.
/// </summary>
/// <remarks>
/// Sessions and simulations give the selector their availability mask to withdraw from. A caller that builds its own
/// context with <see cref="SelectionContext.WithAvailable"/> gets the weaker form: a rejected item is set aside for
/// that step only.
/// </remarks>
public sealed class SympsonHetterSelector : IItemSelector
{
    private readonly IItemSelector _inner;
    private readonly IReadOnlyDictionary<string, double> _parameters;
    private readonly ConditionalExposureParameters? _conditional;

    // K_i by bank index, looked up by id once per bank instead of once per proposal.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Banks.ItemBank, double[]> _byIndex = new();

    /// <summary>Wraps a selector.</summary>
    /// <param name="inner">Proposes items.</param>
    /// <param name="exposureParameters">K_i in (0, 1] by item id.</param>
    /// <exception cref="ArgumentException">A parameter is outside (0, 1].</exception>
    public SympsonHetterSelector(IItemSelector inner, IReadOnlyDictionary<string, double> exposureParameters)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _parameters = exposureParameters ?? throw new ArgumentNullException(nameof(exposureParameters));
        foreach (var (id, k) in _parameters)
        {
            if (!(k > 0 && k <= 1)) throw new ArgumentException($"Exposure parameter of item '{id}' must be in (0, 1], but was {k}.", nameof(exposureParameters));
        }
    }

    /// <summary>Wraps a selector with conditional parameters: K_i comes from the band of the interim θ̂.</summary>
    /// <param name="inner">Proposes items.</param>
    /// <param name="conditional">K_i by θ band.</param>
    /// <exception cref="ArgumentException">The parameters are invalid.</exception>
    public SympsonHetterSelector(IItemSelector inner, ConditionalExposureParameters conditional)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _conditional = conditional ?? throw new ArgumentNullException(nameof(conditional));
        OptionsGuard.ThrowIfInvalid(nameof(ConditionalExposureParameters), conditional.Validate());
        _parameters = System.Collections.Frozen.FrozenDictionary<string, double>.Empty;
    }

    /// <summary>K of the proposed item: from the band of the context's θ̂ when conditional, else the one set (by bank index).</summary>
    private double K(in SelectionContext context, double[] byIndex, int proposal)
    {
        if (_conditional is not { } c) return byIndex[proposal];
        return c.Bands[c.BandOf(context.Theta)].TryGetValue(context.Bank.Items[proposal].Id, out double value) ? value : 1.0;
    }

    /// <inheritdoc />
    public bool TrySelect(in SelectionContext context, out int item) => (item = Select(context)) >= 0;

    /// <summary>The chosen bank index, or -1 when none is eligible (what <see cref="TrySelect"/> reports).</summary>
    internal int Select(in SelectionContext context)
    {
        if (!context.Withdraw.IsEmpty) return SelectWithdrawing(context);
        int n = context.Available.Length;
        bool[] rented = ArrayPool<bool>.Shared.Rent(n);
        try
        {
            var mask = rented.AsSpan(0, n);
            var parameters = ParametersOf(context.Bank);
            context.Available.CopyTo(mask);
            for (int attempt = 0; attempt < n; attempt++)
            {
                int proposal = _inner.SelectOrNone(context.WithAvailable(mask));
                if (proposal < 0) return -1;
                double k = K(context, parameters, proposal);
                if (k >= 1.0 || context.Random.Uniform(context.Step, SessionRandom.Exposure, attempt) < k) return proposal;
                mask[proposal] = false;
            }

            return -1;
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(rented);
        }
    }

    /// <summary>The designed form: a rejected item is withdrawn from the session's mask for the rest of the test.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private int SelectWithdrawing(in SelectionContext context)
    {
        if (_inner is RandomesqueSelector randomesque) return SelectWithdrawingRanked(context, randomesque);
        int lastRejected = -1;
        var parameters = ParametersOf(context.Bank);
        for (int attempt = 0; ; attempt++)
        {
            int proposal = _inner.SelectOrNone(context);

            // Every eligible item was turned down: give the last one proposed rather than end the test early (the
            // blueprint domain being filled has run dry); it counts as given, so its rate still shows in simulations.
            if (proposal < 0)
            {
                if (lastRejected >= 0)
                {
                    context.Withdraw[lastRejected] = true;
                    if (!context.Rejections.IsEmpty) context.Rejections[lastRejected]--;
                }

                return lastRejected;
            }

            double k = K(context, parameters, proposal);
            if (k >= 1.0 || context.Random.Uniform(context.Step, SessionRandom.Exposure, attempt) < k) return proposal;
            context.Withdraw[proposal] = false;
            if (!context.Rejections.IsEmpty) context.Rejections[proposal]++;
            lastRejected = proposal;
        }
    }

    /// <summary>How many items beyond k are ranked once per step for re-proposals.</summary>
    private const int ExtraRanked = 2;

    /// <summary>
    /// <see cref="SelectWithdrawing"/> over randomesque with the same proposals and draws: the best k + a few eligible
    /// items are ranked once, and each rejection removes its item from that list (the order is total and independent
    /// of availability, so what is left is the ranking the inner selector would compute). The items are ranked again
    /// only when fewer than k are left of a list that did not hold every eligible item.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private int SelectWithdrawingRanked(in SelectionContext context, RandomesqueSelector randomesque)
    {
        int k = randomesque.K;
        Span<int> ranked = stackalloc int[k + ExtraRanked];
        Span<double> information = stackalloc double[k + ExtraRanked];
        int count = randomesque.Rank(context, ranked, information);
        bool complete = count < ranked.Length;
        int lastRejected = -1;
        var parameters = ParametersOf(context.Bank);
        for (int attempt = 0; ; attempt++)
        {
            if (count < k && !complete)
            {
                count = randomesque.Rank(context, ranked, information);
                complete = count < ranked.Length;
            }

            int position = count == 0 ? -1 : context.Random.Below(Math.Min(count, k), context.Step, SessionRandom.Randomesque);

            // Every eligible item was turned down: give the last one proposed (as in SelectWithdrawing).
            if (position < 0)
            {
                if (lastRejected >= 0)
                {
                    context.Withdraw[lastRejected] = true;
                    if (!context.Rejections.IsEmpty) context.Rejections[lastRejected]--;
                }

                return lastRejected;
            }

            int proposal = ranked[position];
            double exposure = K(context, parameters, proposal);
            if (exposure >= 1.0 || context.Random.Uniform(context.Step, SessionRandom.Exposure, attempt) < exposure) return proposal;
            context.Withdraw[proposal] = false;
            if (!context.Rejections.IsEmpty) context.Rejections[proposal]++;
            lastRejected = proposal;
            ranked.Slice(position + 1, count - position - 1).CopyTo(ranked.Slice(position));
            information.Slice(position + 1, count - position - 1).CopyTo(information.Slice(position));
            count--;
        }
    }

    /// <summary>K_i of every item of <paramref name="bank"/> by bank index (1 for an item without a parameter).</summary>
    private double[] ParametersOf(Banks.ItemBank bank) => _byIndex.TryGetValue(bank, out var known) ? known : _byIndex.GetValue(bank, b =>
    {
        var k = new double[b.Count];
        for (int i = 0; i < k.Length; i++) k[i] = _parameters.TryGetValue(b.Items[i].Id, out double value) ? value : 1.0;
        return k;
    });
}
