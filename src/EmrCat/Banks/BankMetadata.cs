namespace EmrCat.Banks;

/// <summary>Who a bank is and how far to trust its parameters.</summary>
/// <param name="Id">Bank id, e.g. "emr-practice".</param>
/// <param name="Title">Display title.</param>
/// <param name="Version">Bank version, e.g. "1.0.0".</param>
/// <param name="Language">BCP 47 language tag, e.g. "en-US".</param>
/// <param name="Calibration">Provisional (judged) or calibrated parameters.</param>
public sealed record BankMetadata(string Id, string Title, string Version, string Language, CalibrationStatus Calibration);
