namespace EmrCat.Certification;

/// <summary>Options of <see cref="CertificationPathway"/>.</summary>
public sealed record CertificationPathwayOptions
{
    /// <summary>
    /// The education course counts only when completed within this many years before the exam (the passing attempt, else
    /// a pending one, else today). 1 to 10. Default 2.
    /// </summary>
    public int EducationWindowYears { get; init; } = 2;

    internal IEnumerable<string> Validate()
    {
        if (EducationWindowYears is < 1 or > 10) yield return $"EducationWindowYears must be in 1..10, but was {EducationWindowYears}.";
    }
}
