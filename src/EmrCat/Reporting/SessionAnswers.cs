using EmrCat.Sessions;

namespace EmrCat.Reporting;

/// <summary>
/// A finished session's answers as the candidate module reads them. Everything comes from the <see cref="SessionResult"/>
/// (its items carry their parameters, key, tags and stem, the result the bank's metric, scale and blueprint), so a host
/// never hands the bank back.
/// </summary>
internal static class SessionAnswers
{
    /// <summary>
    /// Every administered item, in session order (pilot items included and flagged). When the session's times were not
    /// the candidate's (<see cref="ResponseTimeOptions.TimesNotMeasured"/>) each response time is null, "not measured",
    /// so an error log does not read a script's milliseconds as rushed answers.
    /// </summary>
    public static List<AnsweredItem> From(SessionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        bool measured = !result.ResponseTimes.TimesNotMeasured;
        var list = new List<AnsweredItem>(result.Items.Count);
        foreach (var item in result.Items)
        {
            list.Add(new AnsweredItem(item.ItemId, item.Domain, item.Parameters, item.Correct, item.IsPilot)
            {
                Category = item.Category,
                Type = item.Type,
                Chosen = item.Answer,
                Key = item.Key,
                ResponseTime = measured ? item.ResponseTime : null,
                Tags = item.Tags,
                Stem = item.Stem,
                Metric = result.Metric,
            });
        }

        return list;
    }

    /// <summary>The score-report input of a finished session.</summary>
    public static ScoreReportInput ReportInput(SessionResult result) => new()
    {
        Decision = result.Decision,
        Reason = result.Reason,
        Theta = result.Theta,
        StandardError = result.StandardError,
        Responses = From(result),
        Blueprint = result.Blueprint,
        Scale = result.Scale,
        RapidGuessItemIds = result.RapidGuessItemIds,
        LeftOutOfEstimate = result.LeftOutOfEstimate,
        ResponseTimes = result.ResponseTimes,
    };
}
