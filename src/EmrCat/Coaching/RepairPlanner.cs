using System.Collections.Immutable;
using System.Globalization;
using EmrCat.Banks;
using EmrCat.Internal;

namespace EmrCat.Coaching;

/// <summary>
/// Turns an error log into a <see cref="RepairPlan"/>: for each bucket with misses a title, a one-line diagnosis and
/// concrete steps (knowledge: focused review of the weakest domains by name; sequence: priority-ladder drills; scope:
/// the EMR can/cannot list; reading: deliberate stem reading with the key words circled; pacing: timed practice at the
/// exam's pace), ranked by cost as <see cref="ErrorLog.Summarize"/> ranks the buckets. Immutable and thread-safe.
/// </summary>
public sealed class RepairPlanner
{
    private readonly RepairPlanOptions _options;

    /// <summary>Creates the planner.</summary>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public RepairPlanner(RepairPlanOptions? options = null)
    {
        _options = options ?? new RepairPlanOptions();
        OptionsGuard.ThrowIfInvalid(nameof(RepairPlanOptions), _options.Validate());
    }

    /// <summary>The options in force.</summary>
    public RepairPlanOptions Options => _options;

    /// <summary>Plans the repair of a log's misses.</summary>
    /// <param name="log">The error log (with the candidate's overrides).</param>
    /// <param name="blueprint">The blueprint, for domain names; <see langword="null"/> for <see cref="Blueprint.Emr2025"/>.</param>
    /// <param name="readingKeyWords">The key words to circle; <see langword="null"/> for <see cref="ErrorLogOptions.DefaultReadingKeyWords"/>.</param>
    /// <returns>The plan.</returns>
    public RepairPlan Plan(ErrorLog log, Blueprint? blueprint = null, IReadOnlyList<string>? readingKeyWords = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        blueprint ??= Blueprint.Emr2025;
        readingKeyWords ??= ErrorLogOptions.DefaultReadingKeyWords;
        var actions = log.Summarize().Buckets
            .Select(b => b.Bucket switch
            {
                ErrorBucket.DomainKnowledge => Knowledge(b, log, blueprint),
                ErrorBucket.Sequence => Sequence(b),
                ErrorBucket.Scope => Scope(b),
                ErrorBucket.Reading => Reading(b, readingKeyWords),
                _ => Pacing(b),
            })
            .ToImmutableArray();
        return new RepairPlan(actions, _options.TargetTimePerItem);
    }

    private RepairAction Knowledge(BucketSummary bucket, ErrorLog log, Blueprint blueprint)
    {
        var weakest = log.Entries
            .Where(e => e.Bucket == ErrorBucket.DomainKnowledge)
            .GroupBy(e => e.Domain, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Name: blueprint.Find(g.Key)?.Name ?? g.Key, Misses: g.Count(), Cost: g.Sum(e => e.Cost)))
            .OrderByDescending(d => d.Cost).ThenByDescending(d => d.Misses).ThenBy(d => d.Id, StringComparer.Ordinal)
            .Take(_options.DomainsToReview)
            .ToList();
        var steps = weakest
            .Select(d => d.Misses == 1
                ? $"Review {d.Name}: re-read that content and the rationale of the item you missed there."
                : Invariant($"Review {d.Name}: re-read that content and the rationale of each of the {d.Misses} items you missed there."))
            .Concat(
            [
                "Write each missed fact as a one-line question and answer card; test yourself on the cards daily until every one is automatic.",
                "Then take a short practice block in the same domain(s) and check that the misses do not recur.",
            ]);
        return Action(bucket, "Close the knowledge gaps",
            $"{Lead(bucket)} where you did not know the fact, mostly in {string.Join(" and ", weakest.Select(d => d.Name))}.",
            steps);
    }

    private static RepairAction Sequence(BucketSummary bucket) => Action(bucket, "Fix the order of priorities",
        $"{Lead(bucket)} where you knew the actions but chose them in the wrong order.",
        [
            "Drill the priority ladder until you can recite it: scene safety and precautions, then responsiveness, life-threatening bleeding, airway, breathing, circulation, then secondary assessment and transport decisions.",
            "For each missed item, name the rung of the ladder the right answer belongs to and the rung of the option you chose.",
            "Practice 'what do you do first?' questions, saying out loud why each earlier rung is already safe.",
        ]);

    private static RepairAction Scope(BucketSummary bucket) => Action(bucket, "Stay within EMR scope",
        $"{Lead(bucket)} where you chose an action outside what an EMR may do.",
        [
            "Memorize the EMR can/cannot list below, then check it against your state's scope and protocols.",
            "For each missed item, name the level (EMR, EMT, AEMT, paramedic) of the option you chose.",
            "When an option is above EMR scope, look for the EMR-level action that keeps the patient safe until the higher level arrives.",
        ],
        [
            .. EmrScopeOfPractice.Can.Select(s => "EMR can: " + s),
            .. EmrScopeOfPractice.Cannot.Select(s => "EMR cannot: " + s),
        ]);

    private static RepairAction Reading(BucketSummary bucket, IReadOnlyList<string> keyWords) => Action(bucket, "Read every stem deliberately",
        $"{Lead(bucket)} where the stem turned on a key word you read past.",
        [
            "Read the whole stem slowly before you look at the options, and put the question in your own words.",
            $"Circle (or point at) the key words as you read: {string.Join(", ", keyWords)}; NOT and EXCEPT reverse the question.",
            "Re-read each missed stem and find the word that changes the answer.",
        ]);

    private RepairAction Pacing(BucketSummary bucket)
    {
        double seconds = Math.Round(_options.TargetTimePerItem.TotalSeconds);
        double minutes = _options.ExamTimeLimit.TotalMinutes;
        return Action(bucket, "Practice at exam pace",
            $"{Lead(bucket)} where you rushed far faster than your usual pace or ran out of time.",
            [
                Invariant($"Your target pace is about {seconds:0} s per item: {_options.ExamItemCount} items in {minutes:0.#} minutes."),
                Invariant($"Do timed blocks of 20 items in {Math.Round(20 * _options.TargetTimePerItem.TotalMinutes):0} minutes; mark every item you answered in under {Math.Round(seconds / 4):0} s or that took over {2 * seconds:0} s, and review why."),
                "On the exam you cannot go back: read the stem fully, choose your best answer, and move on instead of freezing.",
            ]);
    }

    private static RepairAction Action(BucketSummary bucket, string title, string diagnosis, IEnumerable<string> steps, IEnumerable<string>? keyFacts = null) => new()
    {
        Bucket = bucket.Bucket,
        Title = title,
        Diagnosis = diagnosis,
        Steps = [.. steps],
        KeyFacts = keyFacts is null ? [] : [.. keyFacts],
        Misses = bucket.Misses,
        Cost = bucket.Cost,
        ItemIds = bucket.ItemIds,
    };

    private static string Lead(BucketSummary bucket) =>
        Invariant($"{Count(bucket.Misses, "miss", "misses")} (about {Math.Round(bucket.Cost):0} scaled points)");

    private static string Count(int n, string one, string? many = null) =>
        n == 1 ? $"1 {one}" : Invariant($"{n} {many ?? one + "s"}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
