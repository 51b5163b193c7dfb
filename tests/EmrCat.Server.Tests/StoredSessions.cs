using EmrCat.Server.Storage;
using EmrCat.Sessions;

namespace EmrCat.Server.Tests;

/// <summary>What tests read from a stored session's log: its answers and its end.</summary>
internal static class StoredSessions
{
    public static IReadOnlyList<AnswerRecord> Answers(this StoredSession stored) => stored.Records.Select(r => r.Record.Answer).OfType<AnswerRecord>().ToArray();

    public static SessionEnding? Ending(this StoredSession stored) => stored.Records.Count > 0 ? stored.Records[^1].Record.Ending : null;
}
