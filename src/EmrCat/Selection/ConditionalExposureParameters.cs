using EmrCat.Internal;

namespace EmrCat.Selection;

/// <summary>
/// Conditional Sympson–Hetter parameters (Stocking &amp; Lewis, 1998): one set of K_i per θ band, so an item popular
/// with candidates near the cut is held to the target rate among them, not only over the whole population. The
/// selector uses the band of the current interim θ̂. <see cref="Edges"/> (ascending) split θ into
/// <see cref="Edges"/>.Count + 1 bands: band b holds θ with Edges[b − 1] ≤ θ &lt; Edges[b].
/// </summary>
public sealed record ConditionalExposureParameters
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="edges">Band edges in θ, strictly ascending.</param>
    /// <param name="bands">K_i in (0, 1] by item id for each band (Edges.Count + 1 of them); items not listed have K = 1.</param>
    public ConditionalExposureParameters(IReadOnlyList<double> edges, IReadOnlyList<IReadOnlyDictionary<string, double>> bands)
    {
        Edges = edges;
        Bands = bands;
    }

    /// <summary>Band edges in θ, strictly ascending (read-only copy).</summary>
    public IReadOnlyList<double> Edges { get; init => field = ReadOnly.Copy(value); }

    /// <summary>K_i by item id for each band, lowest θ first (read-only copies).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>> Bands { get; init => field = value is null ? null! : ReadOnly.Copy(value.Select(b => b is null ? null! : ReadOnly.Copy(b))); }

    /// <summary>The band of <paramref name="theta"/>: how many edges lie at or below it.</summary>
    /// <param name="theta">θ (interim estimate).</param>
    /// <returns>0..Edges.Count.</returns>
    public int BandOf(double theta)
    {
        int band = 0;
        while (band < Edges.Count && theta >= Edges[band]) band++;
        return band;
    }

    /// <summary>Every problem, all at once.</summary>
    /// <returns>Problems; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Edges is null || Bands is null) return ["ConditionalExposure needs Edges and Bands."];
        if (Edges.Count is < 1 or > 20) problems.Add($"ConditionalExposure.Edges must have 1 to 20 values, but had {Edges.Count}.");
        for (int i = 0; i < Edges.Count; i++)
        {
            if (!double.IsFinite(Edges[i]) || (i > 0 && Edges[i] <= Edges[i - 1])) problems.Add("ConditionalExposure.Edges must be finite and strictly ascending.");
        }

        if (Bands.Count != Edges.Count + 1) problems.Add($"ConditionalExposure needs {Edges.Count + 1} bands for {Edges.Count} edges, but had {Bands.Count}.");
        for (int b = 0; b < Bands.Count; b++)
        {
            if (Bands[b] is null)
            {
                problems.Add($"ConditionalExposure.Bands[{b}] must not be null.");
                continue;
            }

            foreach (var (id, k) in Bands[b])
            {
                if (!(k > 0 && k <= 1)) problems.Add($"ConditionalExposure.Bands[{b}]['{id}'] must be in (0, 1], but was {k}.");
            }
        }

        return problems;
    }
}
