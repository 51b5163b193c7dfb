using EmrCat.Internal;

namespace EmrCat.Banks;

/// <summary>A content domain of the blueprint with the share of scored items it must receive.</summary>
/// <param name="Id">Domain id (e.g. "primary").</param>
/// <param name="Name">Display name (e.g. "Primary Assessment").</param>
/// <param name="MinShare">Smallest share of scored items, in [0, 1].</param>
/// <param name="MaxShare">Largest share of scored items, in [MinShare, 1].</param>
public sealed record BlueprintDomain(string Id, string Name, double MinShare, double MaxShare)
{
    /// <summary>The share aimed for: the middle of the range.</summary>
    public double TargetShare => (MinShare + MaxShare) / 2.0;
}

/// <summary>The content blueprint: domains and their share ranges. An empty blueprint means no content balancing.</summary>
/// <param name="Domains">The domains, in display order.</param>
public sealed record Blueprint(IReadOnlyList<BlueprintDomain> Domains)
{
    /// <summary>The domains, in display order (a read-only copy of the list given).</summary>
    public IReadOnlyList<BlueprintDomain> Domains { get; init => field = ReadOnly.Copy(value); } = ReadOnly.Copy(Domains);

    /// <summary>No domains: every item counts toward one unnamed pool.</summary>
    public static Blueprint None { get; } = new([]);

    /// <summary>The 2025 EMR blueprint: Scene Size-up &amp; Safety 19–23%, Primary Assessment 37–41%, Secondary Assessment 4–8%, Patient Treatment &amp; Transport 20–24%, Operations 10–14%.</summary>
    public static Blueprint Emr2025 { get; } = new(
    [
        new("scene", "Scene Size-up & Safety", 0.19, 0.23),
        new("primary", "Primary Assessment", 0.37, 0.41),
        new("secondary", "Secondary Assessment", 0.04, 0.08),
        new("treatment", "Patient Treatment & Transport", 0.20, 0.24),
        new("operations", "Operations", 0.10, 0.14),
    ]);

    /// <summary>Whether the blueprint has any domains.</summary>
    public bool IsEmpty => Domains.Count == 0;

    /// <summary>The domain with the id, or <see langword="null"/>.</summary>
    /// <param name="id">Domain id.</param>
    /// <returns>The domain or null.</returns>
    public BlueprintDomain? Find(string id) => Domains.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.Ordinal));

    /// <summary>Whether shares can sum to 100%: Σ min ≤ 1 ≤ Σ max.</summary>
    public bool CanReachOneHundredPercent =>
        IsEmpty || (Domains.Sum(d => d.MinShare) <= 1.0 + 1e-9 && Domains.Sum(d => d.MaxShare) >= 1.0 - 1e-9);
}
