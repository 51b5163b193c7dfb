using EmrCat.Banks;
using EmrCat.Irt;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Banks;

/// <summary><see cref="BankItem.Credit"/>: what an answer earned under its scoring rule, always the category <see cref="BankItem.Score"/> gives.</summary>
public class AnswerCreditTests
{
    private static readonly BankItem Order = TeItems.Order;

    private static readonly BankItem SelectTwo = TeItems.SelectTwo;

    [Fact]
    public void Ordering_NamesEachKeyStepKeptOrNot()
    {
        // B D C A: B before D kept, D before A kept (A is last), A before C broken.
        var credit = Order.Credit(["B", "D", "C", "A"]);

        Assert.Equal((2, 3, ScoringRule.AdjacentPairs), (credit.Category, credit.MaxCategory, credit.Scoring));
        Assert.Equal([new OrderedStep("B", "D", true), new OrderedStep("D", "A", true), new OrderedStep("A", "C", false)], credit.Steps);
        Assert.True(credit.IsPartial);
        Assert.False(credit.IsFull);
        Assert.Empty(credit.RightChosen);
    }

    [Fact]
    public void SelectAll_NamesTheRightAndWrongChoicesAndWhatWasMissed()
    {
        var credit = SelectTwo.Credit(["D", "A"]);

        Assert.Equal(0, credit.Category); // 1 right − 1 wrong
        Assert.Equal(["A"], credit.RightChosen);
        Assert.Equal(["D"], credit.WrongChosen);
        Assert.Equal(["C"], credit.Missed);
        Assert.Empty(credit.Steps);
        Assert.Equal((1, false, true), (SelectTwo.Credit(["C"]).Category, SelectTwo.Credit(["C"]).IsFull, SelectTwo.Credit(["C"]).IsPartial));
        Assert.True(SelectTwo.Credit(["C", "A"]).IsFull);
    }

    [Fact]
    public void RightOrWrongItem_HasNoBreakdown()
    {
        var single = Order with { Id = "S-1", Type = ItemType.Single, Scoring = ScoringRule.AllOrNothing, Key = ["B"], Parameters = new ItemParameters(1, 0) };
        var credit = single.Credit(["C"]);
        Assert.Equal((0, 1), (credit.Category, credit.MaxCategory));
        Assert.Empty(credit.Steps);
        Assert.Empty(credit.RightChosen);
        Assert.True(single.Credit(["B"]).IsFull);
    }

    [Fact]
    public void EveryAnswer_CreditAgreesWithScore_AndCountsItsSteps()
    {
        // Every order of the four options, and every non-empty selection: the category is Score's, and the steps kept
        // (the right choices minus the wrong ones, floored) add up to it.
        var letters = new[] { "A", "B", "C", "D" };
        foreach (var order in Permutations(letters))
        {
            var credit = Order.Credit(order);
            Assert.Equal(Order.Score(order), credit.Category);
            Assert.Equal(credit.Steps.Count(s => s.InOrder), credit.Category);
        }

        for (int mask = 1; mask < 16; mask++)
        {
            var chosen = letters.Where((_, k) => (mask >> k & 1) == 1).ToArray();
            var credit = SelectTwo.Credit(chosen);
            Assert.Equal(SelectTwo.Score(chosen), credit.Category);
            Assert.Equal(Math.Max(0, credit.RightChosen.Count - credit.WrongChosen.Count), credit.Category);
            Assert.Equal(SelectTwo.Key.Count, credit.RightChosen.Count + credit.Missed.Count);
        }
    }

    [Fact]
    public void Lists_AreCopiesOfWhatWasHandedIn()
    {
        var right = new List<string> { "A" };
        var steps = new List<OrderedStep> { new("A", "B", true) };
        var credit = new AnswerCredit { Category = 1, MaxCategory = 2, Scoring = ScoringRule.RightMinusWrong, RightChosen = right, Steps = steps };
        right.Add("C");
        steps.Clear();
        Assert.Equal(["A"], credit.RightChosen);
        Assert.Single(credit.Steps);
    }

    private static IEnumerable<string[]> Permutations(string[] items) =>
        items.Length <= 1 ? [items] : items.SelectMany((x, i) => Permutations([.. items.Take(i), .. items.Skip(i + 1)]).Select(rest => (string[])[x, .. rest]));
}
