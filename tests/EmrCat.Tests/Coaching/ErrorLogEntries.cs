using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;

namespace EmrCat.Tests.Coaching;

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
