namespace EmrCat.Candidates;

/// <summary>A state's rule on practice authority for EMRs.</summary>
/// <param name="State">The state's name or code (for example "Ohio").</param>
/// <param name="LicensureRequired">Whether the state requires its own licensure or authorization before an EMR may practice.</param>
public sealed record StateAuthorization(string State, bool LicensureRequired);

/// <summary>What a candidate can show on the certification pathway, gate by gate.</summary>
public sealed record CertificationRecord
{
    /// <summary>The state where the candidate means to practice, and whether it requires licensure.</summary>
    public required StateAuthorization State { get; init; }

    /// <summary>The state-approved EMR course. Default not started.</summary>
    public GateEvidence EducationCourse { get; init; }

    /// <summary>The Program Director's verification on the National Registry website. Default not started.</summary>
    public GateEvidence ProgramDirectorVerification { get; init; }

    /// <summary>The cognitive exam attempts. Default none.</summary>
    public AttemptHistory ExamAttempts { get; init; } = AttemptHistory.Empty;

    /// <summary>The State EMS Office approved BLS psychomotor (skills) verification. Default not started.</summary>
    public GateEvidence PsychomotorVerification { get; init; }

    /// <summary>State licensure or authorization; ignored when the state does not require it. Default not started.</summary>
    public GateEvidence StateLicensure { get; init; }
}
