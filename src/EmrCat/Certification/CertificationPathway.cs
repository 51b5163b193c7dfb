using EmrCat.Internal;

namespace EmrCat.Certification;

/// <summary>
/// Judges a candidate's <see cref="CertificationRecord"/> gate by gate: the education course (completed within two
/// years before the exam), the Program Director's verification, the cognitive exam (through <see cref="RetakePolicy"/>),
/// the BLS psychomotor verification, and state licensure where the state requires it. National Registry certification
/// needs the first four; the right to practice needs certification and, where required, state licensure. Passing the
/// exam alone is never reported as either. Immutable and thread-safe; "today" comes from the injected
/// <see cref="TimeProvider"/>.
/// </summary>
public sealed class CertificationPathway
{
    private readonly CertificationPathwayOptions _options;
    private readonly RetakePolicy _retakes;
    private readonly TimeProvider _time;

    /// <summary>Creates the pathway.</summary>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <param name="retakePolicy">The retake rules for the exam gate; <see langword="null"/> for the EMR defaults on the same clock.</param>
    /// <param name="timeProvider">The clock for "today"; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public CertificationPathway(CertificationPathwayOptions? options = null, RetakePolicy? retakePolicy = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new CertificationPathwayOptions();
        OptionsGuard.ThrowIfInvalid(nameof(CertificationPathwayOptions), _options.Validate());
        _time = timeProvider ?? TimeProvider.System;
        _retakes = retakePolicy ?? new RetakePolicy(timeProvider: _time);
    }

    /// <summary>The options in force.</summary>
    public CertificationPathwayOptions Options => _options;

    /// <summary>Today's date in the time provider's local time zone.</summary>
    public DateOnly Today => DateOnly.FromDateTime(_time.GetLocalNow().DateTime);

    /// <summary>Judges the record as of today.</summary>
    /// <param name="record">The candidate's evidence.</param>
    /// <returns>The status of every gate, the blockers, and whether the candidate is certified and may practice.</returns>
    /// <exception cref="ArgumentException">The record is inconsistent (dates in the future, a course completed after the exam); the message lists every problem.</exception>
    /// <exception cref="InvalidAttemptHistoryException">The exam attempts break the retake rules.</exception>
    public CertificationStatus Evaluate(CertificationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        DateOnly today = Today;
        OptionsGuard.ThrowIfInvalid(nameof(CertificationRecord), Problems(record, today));

        var exam = _retakes.Evaluate(record.ExamAttempts);
        var gates = new List<GateState>
        {
            Education(record.EducationCourse, exam, today),
            Simple(CertificationGate.ProgramDirectorVerification, record.ProgramDirectorVerification, today,
                notStarted: "Ask your Program Director to verify your course completion on the National Registry website.",
                pending: "Your Program Director has not verified your course completion on the National Registry website yet; follow up with them.",
                what: "Your Program Director's verification"),
            Exam(exam),
            Simple(CertificationGate.PsychomotorVerification, record.PsychomotorVerification, today,
                notStarted: "Complete the State EMS Office approved BLS psychomotor (skills) competency verification.",
                pending: "Your BLS skills verification is not signed off yet; make sure it is completed and recorded.",
                what: "Your BLS skills verification"),
            Licensure(record.State, record.StateLicensure, today),
        };

        var status = new CertificationStatus
        {
            AsOf = today,
            Gates = gates,
            Blockers = [.. gates.Where(g => !g.IsClosed).Select(g => g.Detail)],
            Exam = exam,
            Headline = "",
        };
        return status with { Headline = Headline(status, record.State) };
    }

    private static List<string> Problems(CertificationRecord record, DateOnly today)
    {
        var problems = new List<string>();
        if (record.State is null || string.IsNullOrWhiteSpace(record.State.State)) problems.Add("State must name the state.");
        if (record.ExamAttempts is null) problems.Add("ExamAttempts must not be null.");
        void Future(string name, GateEvidence e)
        {
            if (e.CompletedOn is { } c && c > today) problems.Add($"{name} is completed on {PlainWords.Date(c)}, which is after today ({PlainWords.Date(today)}).");
            if (e.CompletedOn is { } d && e.ExpiresOn is { } x && x < d) problems.Add($"{name} expires on {PlainWords.Date(x)}, before it was completed on {PlainWords.Date(d)}.");
        }

        Future(nameof(record.EducationCourse), record.EducationCourse);
        Future(nameof(record.ProgramDirectorVerification), record.ProgramDirectorVerification);
        Future(nameof(record.PsychomotorVerification), record.PsychomotorVerification);
        Future(nameof(record.StateLicensure), record.StateLicensure);
        if (record.ExamAttempts is { } attempts)
        {
            foreach (var a in attempts.Attempts.Where(a => a.Date > today))
            {
                problems.Add($"An exam attempt is dated {PlainWords.Date(a.Date)}, after today ({PlainWords.Date(today)}).");
            }

            foreach (var r in attempts.RefresherCompletions.Where(r => r > today))
            {
                problems.Add($"A refresher course is completed on {PlainWords.Date(r)}, which is after today ({PlainWords.Date(today)}).");
            }

            if (record.EducationCourse.CompletedOn is { } course
                && attempts.Attempts.FirstOrDefault(a => a.Result is AttemptResult.Pass or AttemptResult.Pending) is { } sat
                && course > sat.Date)
            {
                problems.Add($"EducationCourse is completed on {PlainWords.Date(course)}, after the exam attempt on {PlainWords.Date(sat.Date)}; the course comes before the exam.");
            }
        }

        return problems;
    }

    private GateState Education(GateEvidence evidence, RetakeStatus exam, DateOnly today)
    {
        const CertificationGate gate = CertificationGate.EducationCourse;
        if (evidence.CompletedOn is not { } completed)
        {
            return evidence.InProgress
                ? new GateState(gate, GateStatus.Pending, null, "Finish your state-approved EMR course.")
                : new GateState(gate, GateStatus.NotStarted, null, "Complete a state-approved EMR course that meets or exceeds the National EMS Education Standards.");
        }

        int years = _options.EducationWindowYears;
        DateOnly lastExamDay = completed.AddYears(years);
        var (reference, what) = exam.PassedOn is { } passed ? (passed, "your passing exam")
            : exam.PendingSince is { } pending ? (pending, "your exam attempt")
            : (today, "today");
        if (reference > lastExamDay)
        {
            return new GateState(gate, GateStatus.Expired, completed,
                $"Your EMR course was completed on {PlainWords.Date(completed)}, more than {PlainWords.Count(years, "year", "years")} before {what} ({PlainWords.Date(reference)}); complete a new state-approved EMR course.");
        }

        string detail = exam.PassedOn is null && exam.PendingSince is null
            ? $"Completed on {PlainWords.Date(completed)}; it counts for an exam taken by {PlainWords.Date(lastExamDay)}."
            : $"Completed on {PlainWords.Date(completed)}, within {PlainWords.Count(years, "year", "years")} before the exam.";
        return new GateState(gate, GateStatus.Complete, completed, detail);
    }

    private static GateState Exam(RetakeStatus exam)
    {
        const CertificationGate gate = CertificationGate.CognitiveExam;
        if (exam.PassedOn is { } passed) return new GateState(gate, GateStatus.Complete, passed, $"Passed on {PlainWords.Date(passed)}.");
        if (exam.PendingSince is { } pending) return new GateState(gate, GateStatus.Pending, pending, exam.Summary);
        if (exam.TotalAttempts > 0) return new GateState(gate, GateStatus.Pending, exam.LastFailure, "You have not passed the cognitive exam yet. " + exam.Summary);
        return new GateState(gate, GateStatus.NotStarted, null, "Pass the National Registry EMR cognitive exam.");
    }

    private static GateState Simple(CertificationGate gate, GateEvidence evidence, DateOnly today, string notStarted, string pending, string what)
    {
        if (evidence.CompletedOn is { } completed)
        {
            if (evidence.ExpiresOn is { } expires && today > expires)
            {
                return new GateState(gate, GateStatus.Expired, completed, $"{what} expired on {PlainWords.Date(expires)}; it must be renewed.");
            }

            return new GateState(gate, GateStatus.Complete, completed, $"Completed on {PlainWords.Date(completed)}.");
        }

        return evidence.InProgress
            ? new GateState(gate, GateStatus.Pending, null, pending)
            : new GateState(gate, GateStatus.NotStarted, null, notStarted);
    }

    private static GateState Licensure(StateAuthorization state, GateEvidence evidence, DateOnly today)
    {
        if (!state.LicensureRequired)
        {
            return new GateState(CertificationGate.StateLicensure, GateStatus.NotRequired, null,
                $"{state.State} does not require separate state licensure for EMRs; follow your agency's credentialing and medical direction.");
        }

        return Simple(CertificationGate.StateLicensure, evidence, today,
            notStarted: $"Apply for {state.State} licensure or authorization: National Registry certification alone is not the right to practice there.",
            pending: $"Your {state.State} licensure or authorization is in process; you may not practice as an EMR until it is granted.",
            what: $"Your {state.State} licensure");
    }

    private static string Headline(CertificationStatus status, StateAuthorization state)
    {
        int open = status.Blockers.Count;
        string steps = PlainWords.Count(open, "step remains", "steps remain");
        if (status.MayPractice)
        {
            return state.LicensureRequired
                ? $"Certified by the National Registry and licensed in {state.State}: you may practice as an EMR under your agency's medical direction."
                : $"Certified by the National Registry; {state.State} requires no separate licensure, so you may practice as an EMR under your agency's medical direction.";
        }

        if (status.CertifiedByRegistry) return $"Certified by the National Registry, but not yet authorized to practice in {state.State}: state licensure is still needed.";
        if (status[CertificationGate.CognitiveExam].Status == GateStatus.Complete)
        {
            return $"You passed the cognitive exam, but you are not certified yet and may not practice: {steps}.";
        }

        return $"Not certified yet: {steps}.";
    }
}
