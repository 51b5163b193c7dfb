using System.Collections.Immutable;

namespace EmrCat.Banks;

/// <summary>
/// The item tags a bank may use: a closed set, so that a misspelt tag is an error instead of silently turning off
/// what reads it (the error log's bucket suggestion reads <see cref="Sequence"/>, <see cref="Scope"/>,
/// <see cref="Reading"/> and <see cref="Pacing"/>). Tags are lowercase and compared exactly.
/// </summary>
public static class ItemTags
{
    /// <summary>The item is about scene or rescuer safety.</summary>
    public const string Safety = "safety";

    /// <summary>The item is about the order or priority of steps, not about how one step is done.</summary>
    public const string Sequence = "sequence";

    /// <summary>The item is about what an EMR may or may not do (scope of practice).</summary>
    public const string Scope = "scope";

    /// <summary>The stem turns on a qualifier that is easy to misread (NOT, EXCEPT, FIRST, BEST, MOST, ...).</summary>
    public const string Reading = "reading";

    /// <summary>The item is long or calculation-heavy enough that a rushed answer is the likely miss.</summary>
    public const string Pacing = "pacing";

    /// <summary>Infant or child patient.</summary>
    public const string Pediatric = "pediatric";

    /// <summary>Older adult patient.</summary>
    public const string Geriatric = "geriatric";

    /// <summary>Pregnancy, childbirth or newborn care.</summary>
    public const string Obstetric = "obstetric";

    /// <summary>Consent, refusal, confidentiality, duty to act and other legal points.</summary>
    public const string Legal = "legal";

    /// <summary>Behavioral or psychiatric emergency.</summary>
    public const string Behavioral = "behavioral";

    /// <summary>START/JumpSTART or other mass-casualty sorting.</summary>
    public const string Triage = "triage";

    /// <summary>Every allowed tag, in documented order.</summary>
    public static IReadOnlyList<string> All { get; } =
        ImmutableArray.Create(Safety, Sequence, Scope, Reading, Pacing, Pediatric, Geriatric, Obstetric, Legal, Behavioral, Triage);

    /// <summary>Whether <paramref name="tag"/> is one of <see cref="All"/> (exact, case-sensitive).</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>True when allowed.</returns>
    public static bool IsKnown(string? tag) => tag is not null && All.Contains(tag, StringComparer.Ordinal);
}
