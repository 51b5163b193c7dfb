using System.Globalization;
using System.Text.RegularExpressions;
using EmrCat.Banks;
using EmrCat.Coaching;
using EmrCat.Internal;
using EmrCat.Irt;
using EmrCat.Learning;

namespace EmrCat.Drills;

/// <summary>
/// Chooses drills from a learner's repair plan and checks their answers. Per bucket: knowledge draws from the learner's
/// weakest domains (the latest practice run's domain levels), sequence from ordering items then sequence-tagged ones,
/// scope and reading from items with those tags, pacing from every scored item under a time limit at exam pace. Within
/// a bucket the items are the most informative at the learner's last practice θ̂ (adaptive to the learner: neither
/// too easy nor hopeless), drawn at random among the best three times the set's size so that drills vary. Items the
/// learner saw within the recency window are left out until too few others fit, then given back least recently seen
/// first, as the kernel does with held-back items. Pilot items are never drilled. Immutable and thread-safe.
/// </summary>
public sealed class DrillPlanner
{
    private const int Stream = 7;
    private readonly DrillOptions _options;
    private readonly Regex _keyWords;

    /// <summary>Creates the planner.</summary>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public DrillPlanner(DrillOptions? options = null)
    {
        _options = options ?? new DrillOptions();
        OptionsGuard.ThrowIfInvalid(nameof(DrillOptions), _options.Validate());
        string words = string.Join("|", _options.ReadingKeyWords.Select(w => Regex.Escape(w.Trim())));
        _keyWords = new Regex($@"\b(?:{words})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>The options in force.</summary>
    public DrillOptions Options => _options;

    /// <summary>The bucket to drill next: the repair plan's costliest, or knowledge when there is nothing to repair.</summary>
    /// <param name="plan">The learner's latest repair plan, or <see langword="null"/> when there is none.</param>
    /// <returns>The bucket.</returns>
    public static ErrorBucket Suggest(RepairPlan? plan) => plan is { IsEmpty: false } ? plan.Actions[0].Bucket : ErrorBucket.DomainKnowledge;

    /// <summary>Chooses a drill of <paramref name="bucket"/> for <paramref name="learner"/>.</summary>
    /// <param name="bank">The bank.</param>
    /// <param name="learner">The learner (practice runs give θ̂ and domain levels; every run's items count as seen).</param>
    /// <param name="bucket">The bucket to drill.</param>
    /// <param name="window">What counts as seen recently.</param>
    /// <param name="now">The time of the drill.</param>
    /// <param name="seed">Seed of the random draw: the same inputs and seed give the same set.</param>
    /// <returns>The set; fewer than <see cref="DrillOptions.ItemCount"/> items only when the bank has fewer that fit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The bucket is not defined.</exception>
    /// <exception cref="InvalidOperationException">The bank has no scored item for the bucket.</exception>
    public DrillSet Choose(ItemBank bank, LearnerProfile learner, ErrorBucket bucket, RecencyWindow window, DateTimeOffset now, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(window);
        if (!Enum.IsDefined(bucket)) throw new ArgumentOutOfRangeException(nameof(bucket), bucket, "Unknown error bucket.");
        double theta = learner.LastPractice?.Theta ?? bank.Scale.CutTheta;
        var scored = bank.Items.Where(i => i.Status == ItemStatus.Scored).ToList();
        IReadOnlyList<string> domains = [];
        List<List<BankItem>> pools; // drawn in turn; earlier pools first where the order says priority
        bool interleave = false;
        switch (bucket)
        {
            case ErrorBucket.DomainKnowledge:
                domains = WeakestDomains(bank, learner);
                pools = domains.Select(d => scored.Where(i => i.Domain == d).ToList()).ToList();
                interleave = true;
                break;
            case ErrorBucket.Sequence:
                pools = [scored.Where(i => i.Type == ItemType.Ordered).ToList(), scored.Where(i => i.Type != ItemType.Ordered && i.HasTag(ItemTags.Sequence)).ToList()];
                break;
            case ErrorBucket.Scope:
                pools = [scored.Where(i => i.HasTag(ItemTags.Scope)).ToList()];
                break;
            case ErrorBucket.Reading:
                pools = [scored.Where(i => i.HasTag(ItemTags.Reading)).ToList()];
                break;
            default:
                pools = [scored];
                break;
        }

        if (pools.All(p => p.Count == 0)) throw new InvalidOperationException($"The bank has no scored items for a {Word(bucket)} drill.");

        // Recent items go last, least recently seen first (the kernel's order); fresh items by information at θ.
        var recent = learner.RecentItems(bank, window, now);
        var recentRank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int r = 0; r < recent.Count; r++) recentRank[recent[r]] = r;
        var random = new SessionRandom(seed);
        int count = _options.ItemCount, draw = 0;
        var ranked = pools.Select(p => Rank(p, bank, theta, recentRank, count, random, ref draw)).ToList();

        var chosen = new List<BankItem>(count);
        if (interleave)
        {
            // Knowledge: the weakest domains in turn, fresh items before recent ones across all of them.
            var fresh = ranked.Select(r => new Queue<BankItem>(r.Where(i => !recentRank.ContainsKey(i.Id)))).ToList();
            var old = new Queue<BankItem>(ranked.SelectMany(r => r.Where(i => recentRank.ContainsKey(i.Id))).OrderBy(i => recentRank[i.Id]));
            while (chosen.Count < count && fresh.Any(q => q.Count > 0))
            {
                foreach (var q in fresh)
                {
                    if (chosen.Count < count && q.Count > 0) chosen.Add(q.Dequeue());
                }
            }

            while (chosen.Count < count && old.Count > 0) chosen.Add(old.Dequeue());
        }
        else
        {
            // Fresh items of every pool in priority order, then recent ones least recently seen first.
            var all = ranked.SelectMany(r => r).DistinctBy(i => i.Id).ToList();
            chosen.AddRange(all.Where(i => !recentRank.ContainsKey(i.Id)).Take(count));
            chosen.AddRange(all.Where(i => recentRank.ContainsKey(i.Id)).OrderBy(i => recentRank[i.Id]).Take(count - chosen.Count));
        }

        int reused = chosen.Count(i => recentRank.ContainsKey(i.Id));
        bool timed = bucket == ErrorBucket.Pacing;
        TimeSpan pace = _options.Pace;
        return new DrillSet
        {
            Bucket = bucket,
            Items = chosen.ToArray(),
            Domains = domains,
            TargetTheta = theta,
            RecentItemsReused = reused,
            TimeLimit = timed ? pace * chosen.Count : null,
            Pace = timed ? pace : null,
            Description = Describe(bucket, bank, domains, chosen.Count, pace),
        };
    }

    /// <summary>
    /// The time a reading drill waits before it accepts an answer: the stem's words at
    /// <see cref="DrillOptions.ReadingWordsPerMinute"/>; zero for other drills or when the wait is off.
    /// </summary>
    /// <param name="set">The drill.</param>
    /// <param name="item">The item on screen.</param>
    /// <returns>The minimum reading time.</returns>
    public TimeSpan MinimumReadingTime(DrillSet set, BankItem item)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(item);
        if (set.Bucket != ErrorBucket.Reading || _options.ReadingWordsPerMinute == 0) return TimeSpan.Zero;
        int words = item.Stem.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return TimeSpan.FromSeconds(Math.Round(words * 60.0 / _options.ReadingWordsPerMinute));
    }

    /// <summary>Checks an answer and says what to show: right or not, the key and rationale, and the bucket's own aid.</summary>
    /// <param name="set">The drill.</param>
    /// <param name="item">The item answered (one of the set's).</param>
    /// <param name="answer">The option ids chosen, in order.</param>
    /// <param name="responseTime">The time the answer took.</param>
    /// <returns>The feedback.</returns>
    /// <exception cref="ArgumentException">The item is not in the set.</exception>
    public DrillFeedback Check(DrillSet set, BankItem item, IReadOnlyList<string> answer, TimeSpan responseTime)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(answer);
        if (!set.Items.Any(i => i.Id == item.Id)) throw new ArgumentException($"Item '{item.Id}' is not in this drill.", nameof(item));
        return new DrillFeedback
        {
            ItemId = item.Id,
            Correct = item.IsCorrect(answer),
            Credit = item.Credit(answer),
            Key = item.Key,
            Rationale = item.Rationale,
            ScopeFacts = set.Bucket == ErrorBucket.Scope
                ? [.. EmrScopeOfPractice.Can.Select(s => "EMR can: " + s), .. EmrScopeOfPractice.Cannot.Select(s => "EMR cannot: " + s)]
                : [],
            KeyWords = set.Bucket == ErrorBucket.Reading ? KeyWordsIn(item.Stem) : [],
            ResponseTime = responseTime,
        };
    }

    /// <summary>The key words of a stem (as written, each once, in order of appearance).</summary>
    /// <param name="stem">The stem.</param>
    /// <returns>The words.</returns>
    public IReadOnlyList<string> KeyWordsIn(string stem)
    {
        ArgumentNullException.ThrowIfNull(stem);
        return _keyWords.Matches(stem).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The learner's weakest domains by the latest practice run's share right (smoothed, so one item says little); every domain's order by id without one.</summary>
    private IReadOnlyList<string> WeakestDomains(ItemBank bank, LearnerProfile learner)
    {
        var levels = learner.LastPractice?.Domains.ToDictionary(d => d.Domain, StringComparer.Ordinal) ?? [];
        var ids = bank.Blueprint.IsEmpty ? bank.Items.Select(i => i.Domain).Distinct(StringComparer.Ordinal) : bank.Blueprint.Domains.Select(d => d.Id);
        return ids
            .Select(id => (Id: id, Share: levels.TryGetValue(id, out var l) ? (l.Correct + 0.5) / (l.Given + 1.0) : 0.5))
            .OrderBy(d => d.Share).ThenBy(d => d.Id, StringComparer.Ordinal)
            .Take(_options.DomainsToTarget)
            .Select(d => d.Id)
            .ToArray();
    }

    /// <summary>A pool's items in drill order: fresh ones drawn at random among the most informative at θ, then the rest.</summary>
    private static List<BankItem> Rank(List<BankItem> pool, ItemBank bank, double theta, Dictionary<string, int> recent, int count, SessionRandom random, ref int draw)
    {
        var byInformation = pool
            .OrderByDescending(i => ItemResponseFunctions.Information(i.Parameters, theta, bank.Metric))
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        var fresh = byInformation.Where(i => !recent.ContainsKey(i.Id)).ToList();
        int top = Math.Min(fresh.Count, 3 * count);
        var best = fresh.Take(top).ToList();
        var picked = new List<BankItem>(top);
        while (best.Count > 0)
        {
            int k = random.Below(best.Count, draw++, Stream);
            picked.Add(best[k]);
            best.RemoveAt(k);
        }

        return [.. picked, .. fresh.Skip(top), .. byInformation.Where(i => recent.ContainsKey(i.Id))];
    }

    private static string Describe(ErrorBucket bucket, ItemBank bank, IReadOnlyList<string> domains, int count, TimeSpan pace) => bucket switch
    {
        ErrorBucket.DomainKnowledge => Invariant($"{count} items from your weakest domains ({string.Join(" and ", domains.Select(d => bank.Blueprint.Find(d)?.Name ?? d))}), chosen at your level, with the rationale after each."),
        ErrorBucket.Sequence => Invariant($"{count} order-of-priority items: say which rung of the priority ladder each option belongs to before you answer."),
        ErrorBucket.Scope => Invariant($"{count} scope-of-practice items, with the EMR can/cannot list after each."),
        ErrorBucket.Reading => Invariant($"{count} items whose stems turn on a key word: answers are accepted only after you have had time to read the whole stem, and the key words are shown after each."),
        _ => Invariant($"{count} items at exam pace ({pace.TotalSeconds:0} s per item, {(pace * count).TotalMinutes:0.#} minutes in all), with a pace meter."),
    };

    private static string Word(ErrorBucket bucket) => bucket switch
    {
        ErrorBucket.DomainKnowledge => "knowledge",
        _ => bucket.ToString().ToLowerInvariant(),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
