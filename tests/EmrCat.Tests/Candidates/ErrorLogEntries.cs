using EmrCat.Candidates;

namespace EmrCat.Tests.Candidates;

/// <summary>Error-log entries for tests that need a log without building one from answers.</summary>
internal static class ErrorLogEntries
{
    public static ErrorLogEntry Entry(string id, ErrorBucket bucket, double cost, string domain = "primary") => new()
    {
        ItemId = id,
        Domain = domain,
        Chosen = ["A"],
        Key = ["B"],
        SuggestedBucket = bucket,
        Evidence = "test",
        Cost = cost,
    };
}
