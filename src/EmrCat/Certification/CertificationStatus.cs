using System.Collections.Immutable;

namespace EmrCat.Certification;

/// <summary>One gate's status and evidence.</summary>
/// <param name="Gate">The gate.</param>
/// <param name="Status">Its status.</param>
/// <param name="EvidenceDate">The date behind the status (completion, pending attempt, …), or <see langword="null"/>.</param>
/// <param name="Detail">The status in plain words.</param>
public sealed record GateState(CertificationGate Gate, GateStatus Status, DateOnly? EvidenceDate, string Detail)
{
    /// <summary>Whether the gate no longer holds the candidate up (complete or not required).</summary>
    public bool IsClosed => Status is GateStatus.Complete or GateStatus.NotRequired;
}

/// <summary>Where a candidate stands on the certification pathway.</summary>
public sealed record CertificationStatus
{
    /// <summary>The date the status was computed for.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>Every gate, in pathway order.</summary>
    public required IReadOnlyList<GateState> Gates { get; init; }

    /// <summary>What blocks the candidate now, in plain words, in gate order; empty only when <see cref="MayPractice"/>.</summary>
    public required IReadOnlyList<string> Blockers { get; init; }

    /// <summary>The cognitive exam's retake standing.</summary>
    public required RetakeStatus Exam { get; init; }

    /// <summary>
    /// Certified by the National Registry: the first four gates (course, Program Director verification, cognitive exam,
    /// psychomotor verification) are all complete.
    /// </summary>
    public bool CertifiedByRegistry =>
        RegistryGates.All(gate => Gates.Any(g => g.Gate == gate && g.Status == GateStatus.Complete));

    /// <summary>
    /// May practice: certified, and state licensure complete or not required. Passing the exam alone never makes this
    /// true: certification is not the right to practice.
    /// </summary>
    public bool MayPractice => CertifiedByRegistry && Gates.Any(g => g.Gate == CertificationGate.StateLicensure && g.IsClosed);

    /// <summary>A one-line summary for the candidate.</summary>
    public required string Headline { get; init; }

    /// <summary>The state of one gate.</summary>
    /// <param name="gate">The gate.</param>
    /// <returns>Its state.</returns>
    /// <exception cref="KeyNotFoundException">The status has no such gate.</exception>
    public GateState this[CertificationGate gate] =>
        Gates.FirstOrDefault(g => g.Gate == gate) ?? throw new KeyNotFoundException($"The status has no {gate} gate.");

    private static readonly ImmutableArray<CertificationGate> RegistryGates =
    [
        CertificationGate.EducationCourse, CertificationGate.ProgramDirectorVerification,
        CertificationGate.CognitiveExam, CertificationGate.PsychomotorVerification,
    ];
}
