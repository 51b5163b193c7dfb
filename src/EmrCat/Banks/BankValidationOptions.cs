using System.Globalization;

namespace EmrCat.Banks;

/// <summary>
/// Checks beyond a bank's own consistency: whether it holds enough items for the tests a preset delivers. A test of up
/// to <see cref="MaxScoredItems"/> scored items may give a domain up to ⌈maxShare × <see cref="MaxScoredItems"/>⌉ of
/// them, so each domain needs at least that many scored items; every test also delivers <see cref="PilotItems"/>
/// pilot items, so the bank needs at least that many pilot items. The defaults are the EMR preset's.
/// </summary>
/// <remarks>
/// Setting both counts to 0 (<see cref="ConsistencyOnly"/>) turns the capacity check off, e.g. for small test banks.
/// With an empty blueprint the scored items form one pool that needs <see cref="MaxScoredItems"/> items.
/// </remarks>
public sealed record BankValidationOptions
{
    /// <summary>The EMR preset: tests of up to 80 scored items and 30 pilot items (the defaults).</summary>
    public static BankValidationOptions Emr { get; } = new();

    /// <summary>No capacity check: only the rules every bank must meet (both counts 0).</summary>
    public static BankValidationOptions ConsistencyOnly { get; } = new() { MaxScoredItems = 0, PilotItems = 0 };

    /// <summary>Most scored items a test delivers, ≥ 0; 0 skips the per-domain check. Default 80 (EMR).</summary>
    public int MaxScoredItems { get; init; } = 80;

    /// <summary>Pilot items a test delivers, ≥ 0; 0 skips the pilot check. Default 30 (EMR).</summary>
    public int PilotItems { get; init; } = 30;

    /// <summary>Scored items a domain needs: ⌈maxShare × <see cref="MaxScoredItems"/>⌉, the most one test may give it.</summary>
    /// <param name="maxShare">The domain's largest share, in [0, 1].</param>
    /// <returns>The number of scored items the domain needs.</returns>
    public int ScoredItemsNeeded(double maxShare) =>
        (int)Math.Ceiling(Math.Round(maxShare * MaxScoredItems, 9)); // 0.2 × 80 is 16.000000000000004 in binary

    internal IEnumerable<string> Validate()
    {
        if (MaxScoredItems < 0) yield return string.Create(CultureInfo.InvariantCulture, $"MaxScoredItems must be ≥ 0, but was {MaxScoredItems}.");
        if (PilotItems < 0) yield return string.Create(CultureInfo.InvariantCulture, $"PilotItems must be ≥ 0, but was {PilotItems}.");
    }
}
