using EmrCat.Banks;
using EmrCat.Coaching;
using EmrCat.Irt;
using EmrCat.Reporting;
using EmrCat.Scoring;
using EmrCat.Sessions;
using EmrCat.Stopping;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Reporting;

/// <summary>Select-all and ordering items in the score report and the error log: categories, points, sequence, cost.</summary>
public class PartialCreditReportTests
{
    private static readonly BankItem Order = TeItems.Order;

    private static readonly BankItem SelectTwo = TeItems.SelectTwo;

    [Fact]
    public void FromBankItem_PartialAnswer_CarriesCategoryTypeAndTopCategory()
    {
        var answered = AnsweredItem.FromBankItem(Order, ["B", "D", "C", "A"]);

        Assert.False(answered.Correct);
        Assert.Equal(2, answered.Category);
        Assert.Equal(3, answered.MaxCategory);
        Assert.Equal(ItemType.Ordered, answered.Type);
        Assert.True(answered.IsPartialCredit);
        Assert.Equal(3, AnsweredItem.FromBankItem(Order, Order.Key).Category);
    }

    [Fact]
    public void ErrorLog_OrderingMiss_SuggestsSequenceBeforeItsTags_WithTheStepsInOrder()
    {
        var log = new ErrorLogBuilder().Build([AnsweredItem.FromBankItem(Order, ["B", "D", "C", "A"]), AnsweredItem.FromBankItem(SelectTwo, ["A"])]);

        var ordering = log.Entries.Single(e => e.ItemId == "ORD-1");
        Assert.Equal(ErrorBucket.Sequence, ordering.SuggestedBucket);
        Assert.Contains("2 of 3 steps followed the one before in the right order", ordering.Evidence);
        Assert.Equal((2, 3, true), (ordering.Category, ordering.MaxCategory, ordering.IsPartialCredit));
        Assert.NotEqual(ErrorBucket.Sequence, log.Entries.Single(e => e.ItemId == "SEL-1").SuggestedBucket);
    }

    [Fact]
    public void ErrorLog_PartialCreditCost_IsTheStepToTheTopCategory()
    {
        // GPCM: d log P_x/dθ = a(x − E[X]), so the step from x to K moves the score by a(K − x); cost = 100 · a(K − x) / I.
        var scale = ReportingScale.Emr;
        double information = ItemResponseFunctions.Information(Order.Parameters, scale.CutTheta);
        var log = new ErrorLogBuilder().Build([AnsweredItem.FromBankItem(Order, ["B", "D", "C", "A"])], scale);

        Assert.Equal(100 * 1.2 * (3 - 2) / information, log.Entries.Single().Cost, 9);
    }

    [Fact]
    public void ScoreReport_PartialCreditItems_ScoreDomainsByCategoryAndCountPoints()
    {
        var responses = new List<AnsweredItem>();
        for (int i = 0; i < 6; i++)
        {
            responses.Add(AnsweredItem.FromBankItem(Order with { Id = $"O{i}" }, i % 2 == 0 ? Order.Key : ["B", "D", "C", "A"]));
            responses.Add(AnsweredItem.FromBankItem(SelectTwo with { Id = $"S{i}" }, i % 3 == 0 ? ["A", "B"] : ["A", "C"]));
        }

        var report = new ScoreReporter().Create(new ScoreReportInput
        {
            Decision = PassFailDecision.Pass,
            Reason = StopReason.ConfidenceClassification,
            Theta = 0.4,
            StandardError = 0.3,
            Responses = responses,
        });

        var primary = report.Domains.Single(d => d.DomainId == "primary");
        Assert.Equal((12, 3 * 3 + 3 * 2 + 4 * 2 + 2 * 0, 6 * 3 + 6 * 2), (primary.Total, primary.Points, primary.PossiblePoints));
        Assert.Equal(3 + 4, primary.Correct);
        Assert.NotNull(primary.Estimate);
        Assert.Equal((primary.Points, primary.PossiblePoints), (report.ScoredPoints, report.PossiblePoints));
    }

    [Fact]
    public void Validate_CategoryOutsideTheItem_IsAProblem()
    {
        var bad = AnsweredItem.FromBankItem(Order, Order.Key) with { Category = 4 };

        var e = Assert.Throws<ArgumentException>(() => new ErrorLogBuilder().Build([bad]));

        Assert.Contains("has category 4, outside its item's 0..3", e.Message);
    }
}
