using System.Buffers;
using EmrCat.Internal;

namespace EmrCat.Selection;

/// <summary>
/// Sympson–Hetter exposure control: the inner selector proposes an item, which is given with probability K_i (its
/// exposure parameter) and otherwise set aside for this step while the inner selector proposes again. Items without a
/// parameter have K = 1. Draws come from the session's seed, so a run replays exactly.
/// </summary>
public sealed class SympsonHetterSelector : IItemSelector
{
    private readonly IItemSelector _inner;
    private readonly IReadOnlyDictionary<string, double> _parameters;

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

    /// <inheritdoc />
    public int Select(in SelectionContext context)
    {
        int n = context.Available.Length;
        bool[] rented = ArrayPool<bool>.Shared.Rent(n);
        try
        {
            var mask = rented.AsSpan(0, n);
            context.Available.CopyTo(mask);
            for (int attempt = 0; attempt < n; attempt++)
            {
                int proposal = _inner.Select(context.WithAvailable(mask));
                if (proposal < 0) return -1;
                double k = _parameters.TryGetValue(context.Bank.Items[proposal].Id, out double value) ? value : 1.0;
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
}
