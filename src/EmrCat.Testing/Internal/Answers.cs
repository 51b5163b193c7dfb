using EmrCat.Banks;

namespace EmrCat.Testing.Internal;

/// <summary>A right and a wrong answer to any valid bank item, whatever its type.</summary>
internal static class Answers
{
    public static IReadOnlyList<string> Right(BankItem item) => item.Key;

    public static IReadOnlyList<string> Wrong(BankItem item)
    {
        IReadOnlyList<string> wrong = item.Type switch
        {
            ItemType.Ordered => item.Key.Reverse().ToArray(),
            ItemType.Multiple => item.Options.FirstOrDefault(o => !item.Key.Contains(o.Id, StringComparer.Ordinal)) is { } extra
                ? [.. item.Key, extra.Id]
                : item.Key.Take(item.Key.Count - 1).ToArray(),
            _ => [item.Options.First(o => !item.Key.Contains(o.Id, StringComparer.Ordinal)).Id],
        };

        if (wrong.Count == 0 || item.IsCorrect(wrong))
        {
            throw new InvalidOperationException($"Item '{item.Id}' has no wrong answer a simulated examinee could give.");
        }

        return wrong;
    }
}
