namespace EmrCat.Banks;

/// <summary>One problem found in a bank: where (JSON path), which item and field, and what is wrong.</summary>
/// <param name="Path">JSON path of the offending value, e.g. <c>$.items[12].key</c>.</param>
/// <param name="ItemId">The item's id when the problem is inside an item, else <see langword="null"/>.</param>
/// <param name="Field">The field's name, e.g. <c>key</c>, when known.</param>
/// <param name="Message">What is wrong.</param>
public sealed record BankProblem(string Path, string? ItemId, string? Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => ItemId is null ? $"{Path}: {Message}" : $"{Path} (item {ItemId}, field {Field ?? "-"}): {Message}";
}

/// <summary>A bank could not be loaded or built. <see cref="Problems"/> lists every problem found; nothing was loaded.</summary>
public sealed class BankValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file name or label of the bank.</param>
    /// <param name="problems">Every problem found; at least one.</param>
    public BankValidationException(string source, IReadOnlyList<BankProblem> problems)
        : base($"{source}: {problems.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Source = source;
        Problems = problems;
    }

    /// <summary>The file name or label of the bank.</summary>
    public new string Source { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<BankProblem> Problems { get; }
}
