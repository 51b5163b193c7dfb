using EmrCat.Banks;
using EmrCat.Irt;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmrCat.Tests.Banks;

public class BankItemScoringTests
{
    private static readonly BankItem SelectThree = new()
    {
        Id = "M1",
        Domain = "all",
        Type = ItemType.Multiple,
        Scoring = ScoringRule.RightMinusWrong,
        Stem = "Select 3",
        Options = [new("A", "a"), new("B", "b"), new("C", "c"), new("D", "d"), new("E", "e")],
        Key = ["A", "C", "E"],
        Parameters = ItemParameters.GeneralizedPartialCredit(1.1, [-0.5, 0.2, 0.9]),
    };

    private static readonly BankItem Order = new()
    {
        Id = "O1",
        Domain = "all",
        Type = ItemType.Ordered,
        Scoring = ScoringRule.AdjacentPairs,
        Stem = "Order",
        Options = [new("A", "a"), new("B", "b"), new("C", "c"), new("D", "d")],
        Key = ["B", "D", "A", "C"],
        Parameters = ItemParameters.Graded(1.3, [-1, 0, 1]),
    };

    [Theory]
    [InlineData(new[] { "A", "C", "E" }, 3)]
    [InlineData(new[] { "E", "A" }, 2)]
    [InlineData(new[] { "A", "C", "B" }, 1)]
    [InlineData(new[] { "A", "B", "D" }, 0)]
    [InlineData(new[] { "A", "B", "C", "D", "E" }, 1)]
    [InlineData(new[] { "A", "A", "C" }, 2)]
    [InlineData(new string[0], 0)]
    public void Score_SelectAll_IsRightMinusWrongFlooredAtZero(string[] answer, int expected) =>
        Assert.Equal(expected, SelectThree.Score(answer));

    [Theory]
    [InlineData(new[] { "B", "D", "A", "C" }, 3)]
    [InlineData(new[] { "D", "B", "A", "C" }, 2)]
    [InlineData(new[] { "C", "A", "D", "B" }, 0)]
    [InlineData(new[] { "B", "A", "C", "D" }, 2)]
    [InlineData(new[] { "B", "D" }, 1)]
    public void Score_Ordering_CountsAdjacentKeyStepsInOrder(string[] answer, int expected) =>
        Assert.Equal(expected, Order.Score(answer));

    [Property(MaxTest = 50)]
    public Property AnswerFor_EarnsExactlyThatCategory() =>
        Prop.ForAll(Gen.Choose(0, 3).ToArbitrary(), category =>
            SelectThree.Score(SelectThree.AnswerFor(category)) == category && Order.Score(Order.AnswerFor(category)) == category);

    [Fact]
    public void Score_OnlyTheKeyEarnsFullCredit()
    {
        Assert.True(Order.IsCorrect(Order.AnswerFor(Order.MaxCategory)));
        Assert.Equal(3, Order.MaxCategory);
    }

    [Fact]
    public void Validate_MismatchedCategoriesOrRule_NamesTheItemAndField()
    {
        var problems = BankValidator.Validate(EmrCat.Scoring.ReportingScale.Emr, Blueprint.None,
            [SelectThree with { Parameters = ItemParameters.GeneralizedPartialCredit(1, [0, 1]) },
             Order with { Id = "O2", Type = ItemType.Multiple },
             Order with { Id = "O3", Scoring = ScoringRule.AllOrNothing }], []);
        Assert.Contains(problems, p => p.ItemId == "M1" && p.Field == "irt.steps" && p.Message.Contains("3 right options gives scores 0..3, so the GPCM item needs 3 steps, but has 2"));
        Assert.Contains(problems, p => p.ItemId == "O2" && p.Field == "scoring" && p.Message.Contains("for ordering (ordered) items"));
        Assert.Contains(problems, p => p.ItemId == "O3" && p.Field == "irt.thresholds" && p.Message.Contains("Scoring 'allOrNothing' with right or wrong gives scores 0..1, so the GRM item needs 1 threshold, but has 3"));
    }

    [Fact]
    public void ScoreAndIsCorrect_OfAnySelection_EqualTheSetDefinitions()
    {
        // Scoring runs on plain loops (no sets or LINQ per answer); compared with the definitions written with sets,
        // over selections with repeats and ids outside the item.
        var random = new Random(11);
        string[] ids = ["A", "B", "C", "D", "E", "Z"];
        for (int trial = 0; trial < 3000; trial++)
        {
            var answer = Enumerable.Range(0, random.Next(0, 7)).Select(_ => ids[random.Next(ids.Length)]).ToArray();
            var chosen = answer.Distinct(StringComparer.Ordinal).ToList();
            int right = chosen.Count(SelectThree.Key.Contains);
            Assert.Equal(Math.Clamp(right - (chosen.Count - right), 0, SelectThree.MaxCategory), SelectThree.Score(answer));
            Assert.Equal(answer.Length == 3 && answer.ToHashSet(StringComparer.Ordinal).SetEquals(SelectThree.Key), SelectThree.IsCorrect(answer));
        }
    }
}
