using EmrCat.Banks;
using EmrCat.Irt;

namespace EmrCat.Tests.Fixtures;

/// <summary>Two partial-credit items the scoring, credit and report tests share: an ordering item and a select-two item.</summary>
internal static class TeItems
{
    /// <summary>Put four steps in order (key B D A C), three adjacent pairs, GPCM; tagged scope for the error log.</summary>
    public static readonly BankItem Order = new()
    {
        Id = "ORD-1",
        Domain = "primary",
        Type = ItemType.Ordered,
        Scoring = ScoringRule.AdjacentPairs,
        Tags = ["scope"],
        Stem = "Put the steps in order.",
        Options = [new("A", "a"), new("B", "b"), new("C", "c"), new("D", "d")],
        Key = ["B", "D", "A", "C"],
        Parameters = ItemParameters.GeneralizedPartialCredit(1.2, [-0.5, 0.1, 0.6]),
    };

    /// <summary>Select all that apply (key A C), right minus wrong, GRM.</summary>
    public static readonly BankItem SelectTwo = new()
    {
        Id = "SEL-1",
        Domain = "primary",
        Type = ItemType.Multiple,
        Scoring = ScoringRule.RightMinusWrong,
        Stem = "Select all that apply.",
        Options = [new("A", "a"), new("B", "b"), new("C", "c"), new("D", "d")],
        Key = ["A", "C"],
        Parameters = ItemParameters.Graded(0.9, [-0.4, 0.5]),
    };
}
