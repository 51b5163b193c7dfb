using EmrCat.Banks;
using EmrCat.Candidates;

namespace EmrCat.Tests.Candidates;

public class RepairPlannerTests
{
    private static readonly RepairPlanner Planner = new();

    private static ErrorLog AllBuckets() => new(
    [
        ErrorLogEntries.Entry("k1", ErrorBucket.DomainKnowledge, 9, "scene"),
        ErrorLogEntries.Entry("k2", ErrorBucket.DomainKnowledge, 8, "treatment"),
        ErrorLogEntries.Entry("k3", ErrorBucket.DomainKnowledge, 2, "operations"),
        ErrorLogEntries.Entry("k4", ErrorBucket.DomainKnowledge, 7, "scene"),
        ErrorLogEntries.Entry("q1", ErrorBucket.Sequence, 6),
        ErrorLogEntries.Entry("c1", ErrorBucket.Scope, 14),
        ErrorLogEntries.Entry("r1", ErrorBucket.Reading, 3),
        ErrorLogEntries.Entry("t1", ErrorBucket.Pacing, 1),
    ]);

    [Fact]
    public void Plan_OneActionPerBucket_RankedByCost()
    {
        var plan = Planner.Plan(AllBuckets());
        Assert.Equal([ErrorBucket.DomainKnowledge, ErrorBucket.Scope, ErrorBucket.Sequence, ErrorBucket.Reading, ErrorBucket.Pacing], plan.Actions.Select(a => a.Bucket));
        Assert.Equal([4, 1, 1, 1, 1], plan.Actions.Select(a => a.Misses));
        Assert.Equal(26, plan.Actions[0].Cost, 9);
        Assert.False(plan.IsEmpty);
        Assert.All(plan.Actions, a =>
        {
            Assert.False(string.IsNullOrWhiteSpace(a.Title));
            Assert.DoesNotContain('\n', a.Diagnosis);
            Assert.NotEmpty(a.Steps);
        });
    }

    [Fact]
    public void Plan_Knowledge_NamesTheWeakestDomainsFromTheBlueprint()
    {
        var knowledge = Planner.Plan(AllBuckets()).Actions[0];
        Assert.Equal("Close the knowledge gaps", knowledge.Title);
        Assert.Equal("4 misses (about 26 scaled points) where you did not know the fact, mostly in Scene Size-up & Safety and Patient Treatment & Transport.", knowledge.Diagnosis);
        Assert.StartsWith("Review Scene Size-up & Safety:", knowledge.Steps[0]);
        Assert.Contains("each of the 2 items you missed there", knowledge.Steps[0]);
        Assert.StartsWith("Review Patient Treatment & Transport:", knowledge.Steps[1]);
        Assert.Contains("the rationale of the item you missed there", knowledge.Steps[1]);
        Assert.DoesNotContain(knowledge.Steps, s => s.Contains("Operations"));
        Assert.Equal(["k1", "k2", "k3", "k4"], knowledge.ItemIds);
    }

    [Fact]
    public void Plan_Knowledge_MoreDomainsToReview_NamesMore()
    {
        var planner = new RepairPlanner(new RepairPlanOptions { DomainsToReview = 3 });
        Assert.Contains(planner.Plan(AllBuckets()).Actions[0].Steps, s => s.StartsWith("Review Operations:", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_Knowledge_UnknownDomain_FallsBackToTheId()
    {
        var plan = Planner.Plan(new ErrorLog([ErrorLogEntries.Entry("x", ErrorBucket.DomainKnowledge, 1, "pharmacology")]), Blueprint.None);
        Assert.StartsWith("Review pharmacology:", plan.Actions[0].Steps[0]);
    }

    [Fact]
    public void Plan_Sequence_DrillsThePriorityLadder()
    {
        var sequence = Planner.Plan(AllBuckets()).Actions.Single(a => a.Bucket == ErrorBucket.Sequence);
        Assert.Equal("Fix the order of priorities", sequence.Title);
        Assert.Contains(sequence.Steps, s => s.Contains("priority ladder"));
    }

    [Fact]
    public void Plan_Scope_CarriesTheCanCannotList()
    {
        var scope = Planner.Plan(AllBuckets()).Actions.Single(a => a.Bucket == ErrorBucket.Scope);
        Assert.Equal("Stay within EMR scope", scope.Title);
        Assert.Equal("1 miss (about 14 scaled points) where you chose an action outside what an EMR may do.", scope.Diagnosis);
        Assert.Contains(scope.Steps, s => s.Contains("can/cannot list"));
        Assert.Equal(EmrScopeOfPractice.Can.Count + EmrScopeOfPractice.Cannot.Count, scope.KeyFacts.Count);
        Assert.Contains(scope.KeyFacts, f => f.StartsWith("EMR can: Perform CPR and use an AED", StringComparison.Ordinal));
        Assert.Contains(scope.KeyFacts, f => f.StartsWith("EMR cannot: Start an IV", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_Reading_CirclesTheKeyWords()
    {
        var reading = Planner.Plan(AllBuckets()).Actions.Single(a => a.Bucket == ErrorBucket.Reading);
        Assert.Equal("Read every stem deliberately", reading.Title);
        Assert.Contains(reading.Steps, s => s.StartsWith("Circle", StringComparison.Ordinal) && s.Contains("unresponsive, unsafe, not, except, first, most, least, best"));
        Assert.Empty(reading.KeyFacts);
    }

    [Fact]
    public void Plan_Reading_CustomKeyWordsAreListed()
    {
        var reading = Planner.Plan(AllBuckets(), readingKeyWords: ["always", "never"]).Actions.Single(a => a.Bucket == ErrorBucket.Reading);
        Assert.Contains(reading.Steps, s => s.Contains("always, never"));
    }

    [Fact]
    public void Plan_Pacing_TargetsTheExamPace()
    {
        var plan = Planner.Plan(AllBuckets());
        var pacing = plan.Actions.Single(a => a.Bucket == ErrorBucket.Pacing);
        Assert.Equal("Practice at exam pace", pacing.Title);
        Assert.Equal("Your target pace is about 57 s per item: 110 items in 105 minutes.", pacing.Steps[0]);
        Assert.Contains("20 items in 19 minutes", pacing.Steps[1]);
        Assert.Equal(57.27, plan.TargetTimePerItem.TotalSeconds, 2);
    }

    [Fact]
    public void Plan_OtherExamLength_ChangesThePace()
    {
        var planner = new RepairPlanner(new RepairPlanOptions { ExamItemCount = 60, ExamTimeLimit = TimeSpan.FromMinutes(60) });
        var pacing = planner.Plan(new ErrorLog([ErrorLogEntries.Entry("t", ErrorBucket.Pacing, 1)])).Actions[0];
        Assert.Equal("Your target pace is about 60 s per item: 60 items in 60 minutes.", pacing.Steps[0]);
    }

    [Fact]
    public void Plan_FollowsTheCandidatesOverrides()
    {
        var plan = Planner.Plan(AllBuckets().WithBucket("c1", ErrorBucket.Reading));
        Assert.DoesNotContain(plan.Actions, a => a.Bucket == ErrorBucket.Scope);
        Assert.Equal(2, plan.Actions.Single(a => a.Bucket == ErrorBucket.Reading).Misses);
    }

    [Fact]
    public void Plan_NoMisses_IsEmpty()
    {
        var plan = Planner.Plan(new ErrorLog([]));
        Assert.True(plan.IsEmpty);
        Assert.Empty(plan.Actions);
    }

    [Fact]
    public void Plan_NullLog_Throws() => Assert.Throws<ArgumentNullException>(() => Planner.Plan(null!));
}
