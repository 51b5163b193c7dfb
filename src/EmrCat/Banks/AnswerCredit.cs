using EmrCat.Internal;

namespace EmrCat.Banks;

/// <summary>
/// How an answer earned its credit under its item's <see cref="ScoringRule"/>, for feedback: the category
/// <see cref="BankItem.Score"/> gives, and what earned it (each ordering step kept or not; the right and wrong
/// choices of a select-all item). Built by <see cref="BankItem.Credit"/>, so it always agrees with the score. The
/// lists are copies: changing what was handed in changes nothing here.
/// </summary>
public sealed record AnswerCredit
{
    /// <summary>The response category earned (<see cref="BankItem.Score"/>): 0..<see cref="MaxCategory"/>.</summary>
    public required int Category { get; init; }

    /// <summary>The item's top category (full credit): 1 for a right/wrong item.</summary>
    public required int MaxCategory { get; init; }

    /// <summary>The item's scoring rule.</summary>
    public required ScoringRule Scoring { get; init; }

    /// <summary>Ordering items under <see cref="ScoringRule.AdjacentPairs"/>: each adjacent pair of the key, in key order, and whether the answer kept it in order; empty otherwise.</summary>
    public IReadOnlyList<OrderedStep> Steps { get; init => field = ReadOnly.Copy(value); } = [];

    /// <summary>Select-all items under <see cref="ScoringRule.RightMinusWrong"/>: the right options chosen, in key order; empty otherwise.</summary>
    public IReadOnlyList<string> RightChosen { get; init => field = ReadOnly.Copy(value); } = [];

    /// <summary>Select-all items under <see cref="ScoringRule.RightMinusWrong"/>: the options chosen that are not in the key, in the order chosen; empty otherwise.</summary>
    public IReadOnlyList<string> WrongChosen { get; init => field = ReadOnly.Copy(value); } = [];

    /// <summary>Select-all items under <see cref="ScoringRule.RightMinusWrong"/>: the right options not chosen, in key order; empty otherwise.</summary>
    public IReadOnlyList<string> Missed { get; init => field = ReadOnly.Copy(value); } = [];

    /// <summary>Whether the answer earned full credit.</summary>
    public bool IsFull => Category == MaxCategory;

    /// <summary>Whether the answer earned some credit but not all of it (partial-credit items only).</summary>
    public bool IsPartial => Category > 0 && Category < MaxCategory;
}

/// <summary>One step of an ordering item's key: <paramref name="First"/> must come (anywhere) before <paramref name="Second"/>.</summary>
/// <param name="First">The option id that comes first in the key.</param>
/// <param name="Second">The option id right after it in the key.</param>
/// <param name="InOrder">Whether the answer placed <paramref name="First"/> before <paramref name="Second"/>.</param>
public readonly record struct OrderedStep(string First, string Second, bool InOrder);
