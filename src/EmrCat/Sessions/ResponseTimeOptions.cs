using EmrCat.Banks;

namespace EmrCat.Sessions;

/// <summary>
/// Rapid-guess flags by a normative threshold (Wise &amp; Ma 2012): an answer given in less than
/// <see cref="RapidGuessFraction"/> of its item's typical time came faster than the question can be read, so it says
/// little about ability. Flags are always reported; with <see cref="EffortModerated"/> flagged scored answers are also
/// left out of θ̂, the stopping rules, the decision and the chance of passing (effort-moderated scoring, Wise &amp;
/// DeMars 2006). An item's typical time is its bank's <c>typicalSeconds</c>, else the default for its type here.
/// </summary>
public sealed record ResponseTimeOptions
{
    /// <summary>The defaults: flag below 10% of the typical time (60 s single, 90 s select-all and ordering), scoring unchanged.</summary>
    public static ResponseTimeOptions Default { get; } = new();

    /// <summary>An answer faster than this share of its item's typical time is a rapid guess; in [0, 1), 0 flags nothing. Default 0.10.</summary>
    public double RapidGuessFraction { get; init; } = 0.10;

    /// <summary>Whether flagged scored answers are left out of θ̂ and the decision (they are still recorded and reported). Default false.</summary>
    public bool EffortModerated { get; init; }

    /// <summary>
    /// Whether the response times are not the candidate's own: the answers came from a script or another program, not
    /// from a person reading the items (a host knows where its input comes from). Then nothing is flagged as a rapid
    /// guess and nothing is left out of θ̂, and a report should say that response times were not checked. Default false
    /// (times are measured); not written to a snapshot when false, so earlier snapshots keep their checksum.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool TimesNotMeasured { get; init; }

    /// <summary>Typical time of a single-answer item without its own <c>typicalSeconds</c>, in seconds. Default 60.</summary>
    public double SingleTypicalSeconds { get; init; } = 60;

    /// <summary>Typical time of a select-all item without its own <c>typicalSeconds</c>, in seconds. Default 90.</summary>
    public double MultipleTypicalSeconds { get; init; } = 90;

    /// <summary>Typical time of an ordering item without its own <c>typicalSeconds</c>, in seconds. Default 90.</summary>
    public double OrderedTypicalSeconds { get; init; } = 90;

    /// <summary>Every problem with these options, all at once (each names its property).</summary>
    /// <returns>Problems; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!(RapidGuessFraction >= 0 && RapidGuessFraction < 1)) problems.Add($"ResponseTimes.RapidGuessFraction must be in [0, 1), but was {RapidGuessFraction}.");
        Check(nameof(SingleTypicalSeconds), SingleTypicalSeconds);
        Check(nameof(MultipleTypicalSeconds), MultipleTypicalSeconds);
        Check(nameof(OrderedTypicalSeconds), OrderedTypicalSeconds);
        return problems;

        void Check(string name, double seconds)
        {
            if (!(seconds > 0 && seconds <= BankItem.MaxTypicalSeconds)) problems.Add($"ResponseTimes.{name} must be in (0, {BankItem.MaxTypicalSeconds}] seconds, but was {seconds}.");
        }
    }

    /// <summary>The typical time of <paramref name="item"/>: its own when the bank gives one, else this type's default.</summary>
    /// <param name="item">A bank item.</param>
    /// <returns>Seconds.</returns>
    public double TypicalSeconds(BankItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.TypicalSeconds ?? item.Type switch
        {
            ItemType.Multiple => MultipleTypicalSeconds,
            ItemType.Ordered => OrderedTypicalSeconds,
            _ => SingleTypicalSeconds,
        };
    }

    /// <summary>
    /// The rapid-guess threshold of <paramref name="item"/> in whole milliseconds: an answer whose recorded response
    /// time (whole ms, as a snapshot stores it) is below this is flagged. Whole ms so a resumed session flags as the live one did.
    /// </summary>
    /// <param name="item">A bank item.</param>
    /// <returns>Milliseconds; 0 flags nothing.</returns>
    public long RapidGuessThresholdMs(BankItem item) =>
        // Rounded to a nanosecond first, so 10% of 60 s is 6000 ms and not 6001 by a last-bit product.
        (long)Math.Ceiling(Math.Round(RapidGuessFraction * TypicalSeconds(item) * 1000, 6));
}
