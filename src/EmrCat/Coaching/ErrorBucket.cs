namespace EmrCat.Coaching;

/// <summary>
/// Why a miss happened, in the five buckets of a retake plan. Each needs a different repair. The declaration order is
/// the final tie-break when ranking buckets (see <see cref="ErrorLog.Summarize"/>).
/// </summary>
public enum ErrorBucket
{
    /// <summary>The fact was not known: needs focused content review.</summary>
    DomainKnowledge,

    /// <summary>The facts were known but the order was wrong: needs priority-ladder drills.</summary>
    Sequence,

    /// <summary>An action above EMR level was chosen: needs the EMR can/cannot list.</summary>
    Scope,

    /// <summary>A key word of the stem was missed (unresponsive, unsafe, NOT, EXCEPT, …): needs deliberate stem reading.</summary>
    Reading,

    /// <summary>The candidate rushed or froze: needs timed practice.</summary>
    Pacing,
}
