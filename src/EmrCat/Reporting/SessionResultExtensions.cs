using EmrCat.Banks;
using EmrCat.Sessions;

namespace EmrCat.Reporting;

/// <summary>Connects a finished session to the candidate module: its answers as <see cref="AnsweredItem"/>s and its score-report input.</summary>
public static class SessionResultExtensions
{
    /// <summary>Every administered item with the bank's key, tags, stem and metric, in session order.</summary>
    /// <param name="result">The session result.</param>
    /// <param name="bank">The bank the session ran on.</param>
    /// <returns>The answered items (pilot items included and flagged).</returns>
    /// <exception cref="ArgumentException">An item of the result is not in the bank.</exception>
    public static IReadOnlyList<AnsweredItem> ToAnsweredItems(this SessionResult result, ItemBank bank)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(bank);
        var list = new List<AnsweredItem>(result.Items.Count);
        foreach (var item in result.Items)
        {
            if (!bank.TryGetIndex(item.ItemId, out int index)) throw new ArgumentException($"Item '{item.ItemId}' of the result is not in bank '{bank.Metadata.Id}'.", nameof(bank));
            list.Add(AnsweredItem.FromBankItem(bank.Items[index], item.Answer, item.ResponseTime, metric: bank.Metric));
        }

        return list;
    }

    /// <summary>The score-report input for a finished session (decision, reason, θ, SE, answers, the bank's blueprint and scale).</summary>
    /// <param name="result">The session result.</param>
    /// <param name="bank">The bank the session ran on.</param>
    /// <returns>The input for <see cref="ScoreReporter.Create"/>.</returns>
    public static ScoreReportInput ToScoreReportInput(this SessionResult result, ItemBank bank) => new()
    {
        Decision = result.Decision,
        Reason = result.Reason,
        Theta = result.Theta,
        StandardError = result.StandardError,
        Responses = result.ToAnsweredItems(bank),
        Blueprint = bank.Blueprint,
        Scale = bank.Scale,
        RapidGuessItemIds = result.RapidGuessItemIds,
        LeftOutOfEstimate = result.LeftOutOfEstimate,
    };
}
