namespace EmrCat.Candidates;

/// <summary>The gates of the EMR certification pathway, in the order a candidate closes them.</summary>
public enum CertificationGate
{
    /// <summary>A state-approved EMR course meeting the National EMS Education Standards, completed within two years before the exam.</summary>
    EducationCourse,

    /// <summary>The Program Director's verification of course completion on the National Registry website.</summary>
    ProgramDirectorVerification,

    /// <summary>The National Registry EMR cognitive exam, passed.</summary>
    CognitiveExam,

    /// <summary>The State EMS Office approved BLS psychomotor (skills) competency verification.</summary>
    PsychomotorVerification,

    /// <summary>State licensure or authorization to practice, where the state requires it.</summary>
    StateLicensure,
}

/// <summary>The status of one gate.</summary>
public enum GateStatus
{
    /// <summary>Nothing done yet.</summary>
    NotStarted,

    /// <summary>Under way: in progress, requested, scheduled, awaiting a result, or attempts made without a pass.</summary>
    Pending,

    /// <summary>Closed.</summary>
    Complete,

    /// <summary>Was closed, but no longer counts (out of its time window or past its expiry date).</summary>
    Expired,

    /// <summary>Does not apply (state licensure in a state that does not require it).</summary>
    NotRequired,
}
