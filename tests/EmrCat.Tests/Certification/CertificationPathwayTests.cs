using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;

namespace EmrCat.Tests.Certification;

public class CertificationPathwayTests
{
    private static readonly DateOnly Today = new(2026, 6, 15); // a Monday
    private static readonly CertificationPathway Pathway = new(timeProvider: new FakeTimeProvider(new DateTimeOffset(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)));
    private static readonly StateAuthorization Requires = new("Ohio", LicensureRequired: true);
    private static readonly StateAuthorization NoLicence = new("Somestate", LicensureRequired: false);

    private static AttemptHistory Passed(DateOnly on) => new([new ExamAttempt(on, AttemptResult.Pass)]);

    private static CertificationRecord Certified(StateAuthorization? state = null) => new()
    {
        State = state ?? Requires,
        EducationCourse = GateEvidence.Completed(Today.AddMonths(-6)),
        ProgramDirectorVerification = GateEvidence.Completed(Today.AddMonths(-5)),
        ExamAttempts = Passed(Today.AddMonths(-4)),
        PsychomotorVerification = GateEvidence.Completed(Today.AddMonths(-3)),
    };

    [Fact]
    public void Evaluate_NothingDone_EveryGateNotStartedAndFiveBlockers()
    {
        var s = Pathway.Evaluate(new CertificationRecord { State = Requires });
        Assert.All(s.Gates, g => Assert.Equal(GateStatus.NotStarted, g.Status));
        Assert.Equal(Enum.GetValues<CertificationGate>(), s.Gates.Select(g => g.Gate));
        Assert.Equal(5, s.Blockers.Count);
        Assert.False(s.CertifiedByRegistry);
        Assert.False(s.MayPractice);
        Assert.Equal("Not certified yet: 5 steps remain.", s.Headline);
        Assert.Equal(Today, s.AsOf);
    }

    [Fact]
    public void Evaluate_ExamPassedOnly_IsNeverCertificationNorTheRightToPractice()
    {
        var record = new CertificationRecord
        {
            State = NoLicence,
            EducationCourse = GateEvidence.Completed(Today.AddMonths(-3)),
            ExamAttempts = Passed(Today.AddDays(-10)),
        };
        var s = Pathway.Evaluate(record);
        Assert.Equal(GateStatus.Complete, s[CertificationGate.CognitiveExam].Status);
        Assert.True(s.Exam.HasPassed);
        Assert.False(s.CertifiedByRegistry);
        Assert.False(s.MayPractice);
        Assert.Equal("You passed the cognitive exam, but you are not certified yet and may not practice: 2 steps remain.", s.Headline);
        Assert.Equal(
            [
                "Ask your Program Director to verify your course completion on the National Registry website.",
                "Complete the State EMS Office approved BLS psychomotor (skills) competency verification.",
            ],
            s.Blockers);
    }

    [Fact]
    public void Evaluate_FirstFourComplete_LicensureRequiredButMissing_CertifiedButMayNotPractice()
    {
        var s = Pathway.Evaluate(Certified());
        Assert.True(s.CertifiedByRegistry);
        Assert.False(s.MayPractice);
        Assert.Equal(GateStatus.NotStarted, s[CertificationGate.StateLicensure].Status);
        var blocker = Assert.Single(s.Blockers);
        Assert.Equal("Apply for Ohio licensure or authorization: National Registry certification alone is not the right to practice there.", blocker);
        Assert.Equal("Certified by the National Registry, but not yet authorized to practice in Ohio: state licensure is still needed.", s.Headline);
    }

    [Fact]
    public void Evaluate_EveryGateComplete_MayPractice()
    {
        var s = Pathway.Evaluate(Certified() with { StateLicensure = GateEvidence.Completed(Today.AddMonths(-1)) });
        Assert.True(s.CertifiedByRegistry);
        Assert.True(s.MayPractice);
        Assert.Empty(s.Blockers);
        Assert.StartsWith("Certified by the National Registry and licensed in Ohio", s.Headline);
        Assert.Equal(Today.AddMonths(-1), s[CertificationGate.StateLicensure].EvidenceDate);
    }

    [Fact]
    public void Evaluate_StateWithoutLicensure_NotRequiredAndMayPracticeOnceCertified()
    {
        var s = Pathway.Evaluate(Certified(NoLicence));
        Assert.Equal(GateStatus.NotRequired, s[CertificationGate.StateLicensure].Status);
        Assert.True(s.MayPractice);
        Assert.Empty(s.Blockers);
    }

    [Fact]
    public void Evaluate_LicensureApplied_PendingAndMayNotPractice()
    {
        var s = Pathway.Evaluate(Certified() with { StateLicensure = GateEvidence.Started });
        Assert.Equal(GateStatus.Pending, s[CertificationGate.StateLicensure].Status);
        Assert.False(s.MayPractice);
        Assert.Contains("may not practice as an EMR until it is granted", s.Blockers.Single());
    }

    [Fact]
    public void Evaluate_LicensureExpired_ExpiredAndMayNotPractice()
    {
        var s = Pathway.Evaluate(Certified() with { StateLicensure = GateEvidence.Completed(Today.AddYears(-2), expiresOn: Today.AddDays(-1)) });
        Assert.Equal(GateStatus.Expired, s[CertificationGate.StateLicensure].Status);
        Assert.False(s.MayPractice);
        Assert.Equal("Your Ohio licensure expired on Sunday, June 14, 2026; it must be renewed.", s.Blockers.Single());
    }

    [Fact]
    public void Evaluate_LicensureExpiringToday_StillComplete() =>
        Assert.True(Pathway.Evaluate(Certified() with { StateLicensure = GateEvidence.Completed(Today.AddYears(-2), expiresOn: Today) }).MayPractice);

    [Fact]
    public void Evaluate_CourseOlderThanTwoYearsWithoutAPass_Expired()
    {
        var s = Pathway.Evaluate(new CertificationRecord { State = Requires, EducationCourse = GateEvidence.Completed(new DateOnly(2024, 6, 14)) });
        var gate = s[CertificationGate.EducationCourse];
        Assert.Equal(GateStatus.Expired, gate.Status);
        Assert.Equal(new DateOnly(2024, 6, 14), gate.EvidenceDate);
        Assert.Contains("more than 2 years before today", gate.Detail);
        Assert.Contains("complete a new state-approved EMR course", gate.Detail);
    }

    [Fact]
    public void Evaluate_CourseExactlyTwoYearsBeforeToday_StillCountsAndSaysUntilWhen()
    {
        var gate = Pathway.Evaluate(new CertificationRecord { State = Requires, EducationCourse = GateEvidence.Completed(new DateOnly(2024, 6, 15)) })[CertificationGate.EducationCourse];
        Assert.Equal(GateStatus.Complete, gate.Status);
        Assert.Equal("Completed on Saturday, June 15, 2024; it counts for an exam taken by Monday, June 15, 2026.", gate.Detail);
    }

    [Fact]
    public void Evaluate_CourseWithinTwoYearsOfThePassingExam_CompleteEvenWhenOldToday()
    {
        var record = Certified() with { EducationCourse = GateEvidence.Completed(new DateOnly(2022, 1, 10)), ProgramDirectorVerification = GateEvidence.Completed(new DateOnly(2022, 1, 20)), ExamAttempts = Passed(new DateOnly(2023, 12, 1)) };
        var gate = Pathway.Evaluate(record)[CertificationGate.EducationCourse];
        Assert.Equal(GateStatus.Complete, gate.Status);
        Assert.Contains("within 2 years before the exam", gate.Detail);
    }

    [Fact]
    public void Evaluate_PassingExamMoreThanTwoYearsAfterTheCourse_EducationExpiredAndNotCertified()
    {
        var record = Certified() with { EducationCourse = GateEvidence.Completed(new DateOnly(2023, 1, 10)), ExamAttempts = Passed(new DateOnly(2025, 1, 11)) };
        var s = Pathway.Evaluate(record);
        Assert.Equal(GateStatus.Expired, s[CertificationGate.EducationCourse].Status);
        Assert.Contains("before your passing exam (Saturday, January 11, 2025)", s[CertificationGate.EducationCourse].Detail);
        Assert.False(s.CertifiedByRegistry);
    }

    [Fact]
    public void Evaluate_OtherEducationWindow_IsHonoured()
    {
        var pathway = new CertificationPathway(new CertificationPathwayOptions { EducationWindowYears = 3 }, timeProvider: new FakeTimeProvider(new DateTimeOffset(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)));
        var gate = pathway.Evaluate(new CertificationRecord { State = Requires, EducationCourse = GateEvidence.Completed(new DateOnly(2023, 7, 1)) })[CertificationGate.EducationCourse];
        Assert.Equal(GateStatus.Complete, gate.Status);
    }

    [Fact]
    public void Evaluate_InProgressGates_ArePendingWithPlainBlockers()
    {
        var record = new CertificationRecord
        {
            State = Requires,
            EducationCourse = GateEvidence.Started,
            ProgramDirectorVerification = GateEvidence.Started,
            PsychomotorVerification = GateEvidence.Started,
        };
        var s = Pathway.Evaluate(record);
        Assert.Equal([GateStatus.Pending, GateStatus.Pending, GateStatus.NotStarted, GateStatus.Pending, GateStatus.NotStarted], s.Gates.Select(g => g.Status));
        Assert.Equal("Finish your state-approved EMR course.", s.Blockers[0]);
        Assert.Contains("follow up with them", s.Blockers[1]);
        Assert.Equal("Pass the National Registry EMR cognitive exam.", s.Blockers[2]);
        Assert.Contains("not signed off yet", s.Blockers[3]);
    }

    [Fact]
    public void Evaluate_ExamResultPending_PendingWithExpectedDate()
    {
        var record = Certified() with { ExamAttempts = new AttemptHistory([new ExamAttempt(Today.AddDays(-3), AttemptResult.Pending)]) }; // Friday
        var s = Pathway.Evaluate(record);
        var exam = s[CertificationGate.CognitiveExam];
        Assert.Equal(GateStatus.Pending, exam.Status);
        Assert.Equal(Today.AddDays(-3), exam.EvidenceDate);
        Assert.Contains("expect it by Tuesday, June 16, 2026", exam.Detail);
        Assert.False(s.CertifiedByRegistry);
    }

    [Fact]
    public void Evaluate_ExamFailed_PendingWithTheNextAttemptDate()
    {
        var record = Certified() with { ExamAttempts = new AttemptHistory([new ExamAttempt(Today.AddDays(-5), AttemptResult.Fail)]) };
        var exam = Pathway.Evaluate(record)[CertificationGate.CognitiveExam];
        Assert.Equal(GateStatus.Pending, exam.Status);
        Assert.Equal("You have not passed the cognitive exam yet. Your next attempt (2nd of 3 in this cycle) is allowed from Thursday, June 25, 2026.", exam.Detail);
    }

    [Fact]
    public void Evaluate_ThreeFailures_BlockerSaysRefresher()
    {
        var d = new DateOnly(2026, 3, 2);
        var record = Certified() with
        {
            ExamAttempts = new AttemptHistory([new ExamAttempt(d, AttemptResult.Fail), new ExamAttempt(d.AddDays(15), AttemptResult.Fail), new ExamAttempt(d.AddDays(30), AttemptResult.Fail)]),
        };
        var s = Pathway.Evaluate(record);
        Assert.True(s.Exam.RefresherRequired);
        Assert.Contains(s.Blockers, b => b.Contains("full EMR refresher course"));
    }

    [Fact]
    public void Evaluate_InconsistentRecord_ThrowsListingEveryProblem()
    {
        var record = new CertificationRecord
        {
            State = new StateAuthorization(" ", true),
            EducationCourse = GateEvidence.Completed(Today.AddDays(-10)),
            ProgramDirectorVerification = GateEvidence.Completed(Today.AddDays(1)),
            ExamAttempts = new AttemptHistory([new ExamAttempt(Today.AddDays(-20), AttemptResult.Pass)]),
            PsychomotorVerification = GateEvidence.Completed(Today.AddDays(-5), expiresOn: Today.AddDays(-6)),
        };
        var ex = Assert.Throws<ArgumentException>(() => Pathway.Evaluate(record));
        Assert.StartsWith("Invalid CertificationRecord:", ex.Message);
        Assert.Contains("State must name the state.", ex.Message);
        Assert.Contains("ProgramDirectorVerification is completed on Tuesday, June 16, 2026, which is after today", ex.Message);
        Assert.Contains("EducationCourse is completed on Friday, June 5, 2026, after the exam attempt on Tuesday, May 26, 2026", ex.Message);
        Assert.Contains("PsychomotorVerification expires on", ex.Message);
    }

    [Fact]
    public void Evaluate_RefresherInTheFuture_IsRejected()
    {
        var record = new CertificationRecord { State = Requires, ExamAttempts = new AttemptHistory([], [Today.AddDays(1)]) };
        Assert.Contains("A refresher course is completed on Tuesday, June 16, 2026, which is after today", Assert.Throws<ArgumentException>(() => Pathway.Evaluate(record)).Message);
    }

    [Fact]
    public void Evaluate_AttemptInTheFuture_IsRejected()
    {
        var record = new CertificationRecord { State = Requires, ExamAttempts = new AttemptHistory([new ExamAttempt(Today.AddDays(3), AttemptResult.Pending)]) };
        Assert.Contains("after today", Assert.Throws<ArgumentException>(() => Pathway.Evaluate(record)).Message);
    }

    [Fact]
    public void Evaluate_InvalidAttemptHistory_ThrowsNamingTheAttempt()
    {
        var d = new DateOnly(2026, 3, 2);
        var record = new CertificationRecord { State = Requires, ExamAttempts = new AttemptHistory([new ExamAttempt(d, AttemptResult.Fail), new ExamAttempt(d.AddDays(3), AttemptResult.Fail)]) };
        Assert.Equal(2, Assert.Throws<InvalidAttemptHistoryException>(() => Pathway.Evaluate(record)).AttemptNumber);
    }

    [Fact]
    public void Evaluate_NullRecord_Throws() => Assert.Throws<ArgumentNullException>(() => Pathway.Evaluate(null!));

    [Fact]
    public void Today_ComesFromTheInjectedClock() => Assert.Equal(Today, Pathway.Today);

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CertificationPathway(new CertificationPathwayOptions { EducationWindowYears = 0 }));
        Assert.StartsWith("Invalid CertificationPathwayOptions: EducationWindowYears must be in 1..10, but was 0.", ex.Message);
    }

    private static Gen<GateEvidence> Evidence { get; } = Gen.OneOf(
        Gen.Constant(GateEvidence.NotStarted),
        Gen.Constant(GateEvidence.Started),
        Gen.Choose(1, 600).Select(days => GateEvidence.Completed(Today.AddDays(-days))),
        from days in Gen.Choose(1, 600) from left in Gen.Choose(-30, 30) select GateEvidence.Completed(Today.AddDays(-days), Today.AddDays(left)));

    private static Gen<AttemptHistory> Exam { get; } = Gen.OneOf(
        Gen.Constant(AttemptHistory.Empty),
        Gen.Constant(Passed(Today.AddDays(-1))),
        Gen.Constant(new AttemptHistory([new ExamAttempt(Today.AddDays(-1), AttemptResult.Pending)])),
        Gen.Constant(new AttemptHistory([new ExamAttempt(Today.AddDays(-1), AttemptResult.Fail)])));

    [Property(MaxTest = 300)]
    public Property Evaluate_MayPractice_OnlyWhenTheFirstFourAreCompleteAndLicensureIsClosed() =>
        Prop.ForAll(
            (from course in Evidence
             from director in Evidence
             from exam in Exam
             from skills in Evidence
             from licence in Evidence
             from required in Gen.Elements(true, false)
             select new CertificationRecord
             {
                 State = new StateAuthorization("Ohio", required),
                 EducationCourse = course,
                 ProgramDirectorVerification = director,
                 ExamAttempts = exam,
                 PsychomotorVerification = skills,
                 StateLicensure = licence,
             }).ToArbitrary(),
            record =>
            {
                CertificationStatus s;
                try
                {
                    s = Pathway.Evaluate(record);
                }
                catch (ArgumentException)
                {
                    return true; // an inconsistent record is refused, never judged
                }

                bool firstFour = s.Gates.Take(4).All(g => g.Status == GateStatus.Complete);
                bool licence = s.Gates[4].Status is GateStatus.Complete or GateStatus.NotRequired;
                bool examPassed = s.Gates[2].Status == GateStatus.Complete;
                return s.CertifiedByRegistry == firstFour
                    && s.MayPractice == (firstFour && licence)
                    && (!s.MayPractice || examPassed)
                    && (s.Blockers.Count == 0) == s.MayPractice
                    && (s[CertificationGate.StateLicensure].Status == GateStatus.NotRequired) == !record.State.LicensureRequired
                    && (!examPassed || s.MayPractice || !s.Headline.Contains("may practice", StringComparison.Ordinal));
            });
}
