using EmrCat.Candidates;
using EmrCat.Irt;
using EmrCat.Scoring;

namespace EmrCat.Tests.Candidates;

public class ErrorLogBuilderTests
{
    private static readonly ErrorLogBuilder Builder = new();

    private static AnsweredItem Item(string id, bool correct = false, double seconds = 40, bool pilot = false, string stem = "Choose the dose.", string[]? tags = null, bool timedOut = false, double a = 1.0, double b = 0.0) =>
        new(id, "primary", new ItemParameters(a, b), correct, pilot)
        {
            ResponseTime = TimeSpan.FromSeconds(seconds),
            Stem = stem,
            Tags = tags ?? [],
            TimedOut = timedOut,
            Chosen = ["A"],
            Key = ["C"],
        };

    /// <summary>Ten right answers at 40 s each: enough for a median of 40 s.</summary>
    private static IEnumerable<AnsweredItem> Baseline() => Enumerable.Range(0, 10).Select(i => Item($"ok{i}", correct: true));

    private static ErrorLogEntry Only(params AnsweredItem[] misses) => Assert.Single(Builder.Build([.. Baseline(), .. misses]).Entries);

    [Fact]
    public void Build_LogsOnlyScoredMisses()
    {
        var log = Builder.Build([.. Baseline(), Item("miss"), Item("pilotMiss", pilot: true), Item("right", correct: true)]);
        var entry = Assert.Single(log.Entries);
        Assert.Equal("miss", entry.ItemId);
        Assert.Equal("primary", entry.Domain);
        Assert.Equal(["A"], entry.Chosen);
        Assert.Equal(["C"], entry.Key);
        Assert.Equal(TimeSpan.FromSeconds(40), entry.ResponseTime);
        Assert.Null(entry.BucketOverride);
    }

    [Fact]
    public void Build_MedianOverAllAnsweredItems_IncludesPilotAndCorrectAnswers()
    {
        var log = Builder.Build([.. Enumerable.Range(0, 9).Select(i => Item($"p{i}", correct: true, seconds: 60, pilot: true)), Item("m", seconds: 20)]);
        Assert.Equal(TimeSpan.FromSeconds(60), log.MedianResponseTime);
    }

    [Fact]
    public void Build_EvenCount_MedianIsTheMidpoint()
    {
        var items = Enumerable.Range(0, 10).Select(i => Item($"r{i}", correct: true, seconds: i < 5 ? 30 : 50));
        Assert.Equal(TimeSpan.FromSeconds(40), Builder.Build([.. items]).MedianResponseTime);
    }

    [Fact]
    public void Build_ItemsWithoutAMeasuredTime_AreLeftOutOfTheMedian()
    {
        var items = Baseline().Append(Item("x", correct: true) with { ResponseTime = null });
        Assert.Equal(TimeSpan.FromSeconds(40), Builder.Build([.. items]).MedianResponseTime);
    }

    [Fact]
    public void Build_FewerThanTheMinimumAnswers_NoMedianAndSpeedIsNoEvidence()
    {
        var log = Builder.Build([.. Baseline().Take(8), Item("fast", seconds: 1)]);
        Assert.Null(log.MedianResponseTime);
        Assert.Equal(ErrorBucket.DomainKnowledge, log.Entries[0].SuggestedBucket);
    }

    [Fact]
    public void Suggest_TimedOut_IsPacingEvenWithoutAMedian()
    {
        var log = Builder.Build([Item("late", timedOut: true, tags: ["scope"])]);
        Assert.Equal(ErrorBucket.Pacing, log.Entries[0].SuggestedBucket);
        Assert.Equal("The item's time ran out before you answered.", log.Entries[0].Evidence);
    }

    [Fact]
    public void Suggest_FarFasterThanTheMedian_IsPacingBeforeScope()
    {
        var e = Only(Item("fast", seconds: 9, tags: ["scope"], stem: "Which is NOT safe?"));
        Assert.Equal(ErrorBucket.Pacing, e.SuggestedBucket);
        Assert.Equal("You answered in 9 s, under 25% of your median 40 s: a rushed answer.", e.Evidence);
    }

    [Fact]
    public void Suggest_ExactlyAQuarterOfTheMedian_IsNotPacing() =>
        Assert.Equal(ErrorBucket.DomainKnowledge, Only(Item("edge", seconds: 10)).SuggestedBucket);

    [Fact]
    public void Suggest_ScopeTag_BeatsSequenceAndKeyWords() =>
        Assert.Equal(ErrorBucket.Scope, Only(Item("s", tags: ["Sequence", "SCOPE"], stem: "What should you do FIRST?")).SuggestedBucket);

    [Fact]
    public void Suggest_SequenceTag_BeatsKeyWords()
    {
        var e = Only(Item("s", tags: ["sequence"], stem: "What should you do first?"));
        Assert.Equal(ErrorBucket.Sequence, e.SuggestedBucket);
        Assert.Equal("The item tests the order of actions.", e.Evidence);
    }

    [Theory]
    [InlineData("reading", ErrorBucket.Reading, "The item turns on a qualifier in its stem that is easy to misread.")]
    [InlineData("pacing", ErrorBucket.Pacing, "The item is one where a rushed answer is the usual miss.")]
    public void Suggest_ReadingAndPacingTags_MapToTheirBuckets(string tag, ErrorBucket bucket, string evidence)
    {
        var e = Only(Item("t", tags: [tag]));
        Assert.Equal((bucket, evidence), (e.SuggestedBucket, e.Evidence));
    }

    [Fact]
    public void Suggest_TagOrder_ScopeThenSequenceThenReadingThenPacing()
    {
        var log = Builder.Build([.. Baseline(), Item("a", tags: ["pacing", "reading"]), Item("b", tags: ["reading", "sequence"]), Item("c", tags: ["pacing", "scope"])]);
        Assert.Equal([ErrorBucket.Reading, ErrorBucket.Sequence, ErrorBucket.Scope], log.Entries.Select(e => e.SuggestedBucket));
    }

    [Fact]
    public void Suggest_TaggedItemWithoutABucketTag_IgnoresKeyWordsInTheStem() =>
        Assert.Equal(ErrorBucket.DomainKnowledge, Only(Item("p", tags: ["pediatric"], stem: "What should you do FIRST?")).SuggestedBucket);

    [Theory]
    [InlineData("The patient is unresponsive.", "unresponsive")]
    [InlineData("The scene is UNSAFE", "UNSAFE")]
    [InlineData("Which of these is NOT an EMR skill?", "NOT")]
    [InlineData("All of the following EXCEPT:", "EXCEPT")]
    [InlineData("What do you do first?", "first")]
    [InlineData("Which is most appropriate?", "most")]
    [InlineData("Which is the least likely cause?", "least")]
    [InlineData("(Best) response:", "Best")]
    [InlineData("This is not-so-simple", "not")]
    public void Suggest_KeyWordInTheStem_IsReadingAndNamesTheWord(string stem, string word)
    {
        var e = Only(Item("r", stem: stem));
        Assert.Equal(ErrorBucket.Reading, e.SuggestedBucket);
        Assert.Equal($"The stem turns on the key word \"{word}\".", e.Evidence);
    }

    [Theory]
    [InlineData("Nothing in the history is relevant.")]
    [InlineData("The firstborn child is crying.")]
    [InlineData("He cannot move his legs.")]
    [InlineData("Mostly clear breath sounds.")]
    [InlineData("Knot the bandage.")]
    public void Suggest_KeyWordOnlyInsideAnotherWord_IsNotReading(string stem) =>
        Assert.Equal(ErrorBucket.DomainKnowledge, Only(Item("k", stem: stem)).SuggestedBucket);

    [Fact]
    public void Suggest_CustomKeyPhrase_MatchesAcrossWhitespace()
    {
        var builder = new ErrorLogBuilder(new ErrorLogOptions { ReadingKeyWords = ["most likely"] });
        var log = builder.Build([Item("p", stem: "What is MOST   likely?"), Item("q", stem: "Which is first?")]);
        Assert.Equal(ErrorBucket.Reading, log.Entries[0].SuggestedBucket);
        Assert.Equal(ErrorBucket.DomainKnowledge, log.Entries[1].SuggestedBucket);
    }

    [Fact]
    public void Suggest_VeryLongStem_IsScannedInLinearTimeWithoutATimeOut()
    {
        // 15 million characters: the old backtracking pattern with a 1 s time-out threw here; the scan must finish and
        // still find a key word at the very end.
        string filler = string.Concat(Enumerable.Repeat("the patient nothing firstborn knot ", 15_000_000 / 35));
        Assert.Equal(ErrorBucket.DomainKnowledge, Only(Item("long", stem: filler)).SuggestedBucket);
        var e = Only(Item("longer", stem: filler + "EXCEPT"));
        Assert.Equal(ErrorBucket.Reading, e.SuggestedBucket);
        Assert.Equal("The stem turns on the key word \"EXCEPT\".", e.Evidence);
    }

    [Fact]
    public void Suggest_NoKeyWordsConfigured_NeverReading()
    {
        var builder = new ErrorLogBuilder(new ErrorLogOptions { ReadingKeyWords = [] });
        Assert.Equal(ErrorBucket.DomainKnowledge, builder.Build([Item("n", stem: "Which is NOT safe?")]).Entries[0].SuggestedBucket);
    }

    [Fact]
    public void Suggest_NoEvidence_IsDomainKnowledgeNamingTheDomain()
    {
        var e = Only(Item("d"));
        Assert.Equal(ErrorBucket.DomainKnowledge, e.SuggestedBucket);
        Assert.Contains("domain 'primary'", e.Evidence);
    }

    [Fact]
    public void Suggest_CustomTagsAndFraction_AreHonoured()
    {
        var builder = new ErrorLogBuilder(new ErrorLogOptions { ScopeTag = "emr-scope", SequenceTag = "order", FastResponseFraction = 0.5, MinimumAnswersForMedian = 3 });
        var baseline = Enumerable.Range(0, 3).Select(i => Item($"ok{i}", correct: true));
        var log = builder.Build([.. baseline, Item("a", seconds: 19), Item("b", tags: ["emr-scope"]), Item("c", tags: ["order"]), Item("d", tags: ["scope"])]);
        Assert.Equal([ErrorBucket.Pacing, ErrorBucket.Scope, ErrorBucket.Sequence, ErrorBucket.DomainKnowledge], log.Entries.Select(e => e.SuggestedBucket));
    }

    [Fact]
    public void Build_Cost_IsPointsPerLogitTimesScoreWeightOverTestInformationAtTheCut()
    {
        // Two 2PL items at b = 0, a = 1: I(0) = 2 · 0.25 = 0.5 and w = P'/(PQ) = a = 1, so cost = 100 · 1 / 0.5 = 200.
        var log = Builder.Build([Item("m1"), Item("m2", correct: true)]);
        Assert.Equal(200, log.Entries[0].Cost, 9);
    }

    [Fact]
    public void Build_Cost_GrowsWithDiscriminationAndUsesTheScale()
    {
        var log = Builder.Build([Item("low", a: 0.5), Item("high", a: 2.0)], ReportingScale.Emr with { PointsPerLogit = 50 });
        double information = 0.25 * 0.25 + 4 * 0.25;
        Assert.Equal(50 * 0.5 / information, log.Entries[0].Cost, 9);
        Assert.Equal(50 * 2.0 / information, log.Entries[1].Cost, 9);
    }

    [Fact]
    public void Build_PilotItems_DoNotChangeCosts()
    {
        var scored = new[] { Item("m1"), Item("m2", correct: true, b: 1) };
        var without = Builder.Build(scored);
        var with = Builder.Build([.. scored, Item("p", pilot: true, a: 3), Item("q", pilot: true, correct: true)]);
        Assert.Equal(without.Entries.Select(e => e.Cost), with.Entries.Select(e => e.Cost));
    }

    [Fact]
    public void Build_InvalidResponses_ThrowsListingEveryProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => Builder.Build([Item("a"), Item("a"), Item("b", seconds: -1)]));
        Assert.Contains("already answered", ex.Message);
        Assert.Contains("negative response time", ex.Message);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsListingEveryProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ErrorLogBuilder(new ErrorLogOptions { FastResponseFraction = 0, ScopeTag = " " }));
        Assert.StartsWith("Invalid ErrorLogOptions: FastResponseFraction must be in (0, 1), but was 0. ScopeTag must not be empty.", ex.Message);
    }
}
