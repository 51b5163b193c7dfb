using EmrCat.Irt;

namespace EmrCat.Banks;

/// <summary>An item's id with its IRT parameters: one row of a parameter table (catR's or mirt's layout).</summary>
/// <param name="Id">The item id.</param>
/// <param name="Parameters">The item's parameters.</param>
public sealed record CalibratedItem(string Id, ItemParameters Parameters);
