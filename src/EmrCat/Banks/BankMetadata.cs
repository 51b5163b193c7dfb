namespace EmrCat.Banks;

/// <summary>A published source a bank's content follows, e.g. a guideline or a scope-of-practice model.</summary>
/// <param name="Id">Short id, unique in the bank, e.g. "nsopm-2019".</param>
/// <param name="Title">Full title and edition.</param>
/// <param name="Url">Where to read it, or <see langword="null"/>.</param>
public sealed record ContentSource(string Id, string Title, string? Url = null);

/// <summary>Who a bank is and how far to trust its parameters.</summary>
/// <param name="Id">Bank id, e.g. "emr-practice".</param>
/// <param name="Title">Display title.</param>
/// <param name="Version">Bank version, e.g. "1.0.0".</param>
/// <param name="Language">BCP 47 language tag, e.g. "en-US".</param>
/// <param name="Calibration">Provisional (judged) or calibrated parameters.</param>
public sealed record BankMetadata(string Id, string Title, string Version, string Language, CalibrationStatus Calibration)
{
    /// <summary>The published sources the content follows (guidelines, scope model); empty when not recorded.</summary>
    public IReadOnlyList<ContentSource> Sources { get; init; } = [];

    /// <inheritdoc />
    public bool Equals(BankMetadata? other) =>
        other is not null && Id == other.Id && Title == other.Title && Version == other.Version && Language == other.Language
        && Calibration == other.Calibration && Sources.SequenceEqual(other.Sources);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Title, Version, Language, Calibration, Sources.Count);
}
