using EmrCat.Estimation;
using EmrCat.Internal;
using EmrCat.Irt;
using EmrCat.Sessions;
using MathNet.Numerics.Distributions;

namespace EmrCat.Reporting;

/// <summary>
/// Builds a <see cref="ScoreReport"/> from a finished session. Per domain it estimates θ from that domain's scored items
/// only, with the configured estimator, and states a level against the cut: above when θ̂ − z·SE &gt; cut, below when
/// θ̂ + z·SE &lt; cut, near otherwise; a domain with fewer than the minimum number of scored items says
/// <see cref="DomainLevel.InsufficientData"/> instead of guessing. Pilot items never move anything but the pilot count.
/// Immutable and thread-safe.
/// </summary>
/// <remarks>
/// The rule is deliberately conservative: with an all-right or all-wrong domain the estimate sits where the domain's
/// items carry little information, so its SE is wide and the level is often Near; a level of Above or Below is stated
/// only when the interval clears the cut.
/// </remarks>
public sealed class ScoreReporter
{
    private readonly ScoreReportOptions _options;

    /// <summary>Creates the reporter.</summary>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public ScoreReporter(ScoreReportOptions? options = null)
    {
        _options = options ?? new ScoreReportOptions();
        OptionsGuard.ThrowIfInvalid(nameof(ScoreReportOptions), _options.Validate());
        CriticalValue = Normal.InvCDF(0.0, 1.0, 1.0 - (1.0 - _options.Confidence) / 2.0);
    }

    /// <summary>The options in force.</summary>
    public ScoreReportOptions Options => _options;

    /// <summary>z of the two-sided interval: Φ⁻¹(1 − (1 − confidence)/2); 1.959964 for the default 0.95.</summary>
    public double CriticalValue { get; }

    /// <summary>Builds the report.</summary>
    /// <param name="input">The finished session.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">The input is invalid; the message lists every problem.</exception>
    public ScoreReport Create(ScoreReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OptionsGuard.ThrowIfInvalid(nameof(ScoreReportInput), input.Problems());

        var scored = input.Responses.Where(r => r.IsScored).ToList();
        var scale = input.Scale;
        return new ScoreReport
        {
            Decision = input.Decision,
            Reason = input.Reason,
            Theta = input.Theta,
            StandardError = input.StandardError,
            ScaledScore = scale.ToScaled(input.Theta),
            ReportedScore = scale.ToReported(input.Theta),
            PassingScore = scale.PassingScore,
            MinimumScore = scale.Minimum,
            MaximumScore = scale.Maximum,
            ScoredCount = scored.Count,
            ScoredCorrect = scored.Count(r => r.Correct),
            ScoredPoints = scored.Sum(r => r.Category),
            PossiblePoints = scored.Sum(r => r.MaxCategory),
            PilotCount = input.Responses.Count - scored.Count,
            Confidence = _options.Confidence,
            CriticalValue = CriticalValue,
            Domains = DomainLines(input, scored),
            RapidGuessItemIds = input.RapidGuessItemIds ?? [],
            LeftOutOfEstimate = input.LeftOutOfEstimate,
        };
    }

    /// <summary>Builds the report of a finished session from its result alone (answers, metric, scale and blueprint).</summary>
    /// <param name="result">The session's result.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException">The result is inconsistent (e.g. edited); the message lists every problem.</exception>
    public ScoreReport Create(SessionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Create(SessionAnswers.ReportInput(result));
    }

    /// <summary>The interval rule: the level of an estimate against the cut at this reporter's z.</summary>
    /// <param name="estimate">A domain's θ̂ and SE.</param>
    /// <param name="cutTheta">θ at the passing standard.</param>
    /// <returns>Above, near or below the passing standard.</returns>
    public DomainLevel Classify(AbilityEstimate estimate, double cutTheta)
    {
        var (lower, upper) = Interval(estimate);
        if (lower > cutTheta) return DomainLevel.AbovePassingStandard;
        if (upper < cutTheta) return DomainLevel.BelowPassingStandard;
        return DomainLevel.NearPassingStandard;
    }

    private (double Lower, double Upper) Interval(AbilityEstimate estimate)
    {
        double half = double.IsFinite(estimate.StandardError) ? CriticalValue * estimate.StandardError : double.PositiveInfinity;
        return (estimate.Theta - half, estimate.Theta + half);
    }

    private List<DomainPerformance> DomainLines(ScoreReportInput input, List<AnsweredItem> scored)
    {
        // Items are taken in item-id order, so the report does not depend on the order responses were listed in
        // (a sum in another order can differ in the last bit).
        var byDomain = scored
            .GroupBy(r => r.Domain, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.ItemId, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        IEnumerable<(string Id, string Name)> domains = input.Blueprint.IsEmpty
            ? scored.Select(r => r.Domain).Distinct(StringComparer.Ordinal).Select(id => (id, id))
            : input.Blueprint.Domains.Select(d => (d.Id, d.Name));

        // The items' own metric (the bank's), so a normal-ogive bank is not scored as a logistic one.
        var metric = input.Responses.Count > 0 ? input.Responses[0].Metric : IrtMetric.Logistic;
        var estimator = _options.DomainEstimator ?? ScoreReportOptions.DefaultDomainEstimator(metric);
        // The kernel's rule decides which answers a domain estimate reads: under effort-moderated scoring a rapid
        // guess is left out here as it was left out of θ̂.
        var rapid = input.RapidGuessItemIds.ToHashSet(StringComparer.Ordinal);
        var lines = new List<DomainPerformance>();
        foreach (var (id, name) in domains)
        {
            var items = byDomain.TryGetValue(id, out var list) ? list : [];
            var entering = items.Where(r => RapidGuessRule.EntersEstimate(r.IsPilot, rapid.Contains(r.ItemId), input.ResponseTimes)).ToList();
            lines.Add(DomainLine(id, name, items, entering, input.Scale.CutTheta, estimator));
        }

        return lines;
    }

    /// <summary>One domain's line: counts and points from every scored item, the estimate from those that enter it.</summary>
    private DomainPerformance DomainLine(string id, string name, List<AnsweredItem> all, List<AnsweredItem> items, double cutTheta, IAbilityEstimator estimator)
    {
        int correct = all.Count(r => r.Correct);
        int points = all.Sum(r => r.Category), possible = all.Sum(r => r.MaxCategory);
        int leftOut = all.Count - items.Count;
        if (items.Count < _options.MinimumItemsPerDomain)
        {
            return new DomainPerformance { DomainId = id, Name = name, Level = DomainLevel.InsufficientData, Correct = correct, Total = all.Count, Points = points, PossiblePoints = possible, LeftOutOfEstimate = leftOut };
        }

        // Response categories, so partial credit moves the domain estimate as it moved θ̂ (1/0 for right/wrong items).
        var parameters = new ItemParameters[items.Count];
        var answers = new bool[items.Count];
        var categories = new int[items.Count];
        bool polytomous = false;
        for (int i = 0; i < items.Count; i++)
        {
            parameters[i] = items[i].Parameters;
            answers[i] = items[i].Correct;
            categories[i] = items[i].Category;
            polytomous |= parameters[i].IsPolytomous;
        }

        // Partial-credit items score by category; a right/wrong domain keeps the right/wrong path (catR's).
        var estimate = polytomous ? estimator.Estimate(parameters, categories) : estimator.Estimate(parameters, answers);
        var (lower, upper) = Interval(estimate);
        return new DomainPerformance
        {
            DomainId = id,
            Name = name,
            Level = Classify(estimate, cutTheta),
            Correct = correct,
            Total = all.Count,
            Points = points,
            PossiblePoints = possible,
            LeftOutOfEstimate = leftOut,
            Estimate = estimate,
            Lower = lower,
            Upper = upper,
        };
    }
}
