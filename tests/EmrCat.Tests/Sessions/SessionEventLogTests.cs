using System.Text.Json.Nodes;
using EmrCat.Banks;
using EmrCat.Sessions;
using EmrCat.Stopping;
using Microsoft.Extensions.Time.Testing;

namespace EmrCat.Tests.Sessions;

/// <summary>The signed, append-only event log: a host stores it record by record; resuming verifies and replays it.</summary>
public class SessionEventLogTests
{
    private static readonly ItemBank Bank = TestBanks.Emr;
    private static readonly EventLogKey Key = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private static (CatSession Session, FakeTimeProvider Clock, List<string> Stored) Started(ulong seed, int answers)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var session = CatSession.Start(Bank, CatOptions.Quick, seed, clock, Key);
        var stored = session.EventLog.Select(e => e.ToJson()).ToList(); // what a host persists, record by record
        for (int k = 0; k < answers; k++) Answer(session, clock, stored, k);
        return (session, clock, stored);
    }

    private static void Answer(CatSession session, FakeTimeProvider clock, List<string> stored, int k)
    {
        clock.Advance(TimeSpan.FromSeconds(20 + k));
        var item = Bank.Items.Single(i => i.Id == session.Current.ItemId);
        var outcome = session.Submit(item.Id, k % 3 == 0 ? item.Options.First(o => o.Id != item.Key[0]).Id : item.Key[0]);
        Assert.True(outcome.Accepted);
        Store(session, stored);
    }

    /// <summary>Persists every record past those stored (an ending answer adds two: the answer and the end).</summary>
    private static void Store(CatSession session, List<string> stored) => stored.AddRange(session.EventLog.Skip(stored.Count).Select(e => e.ToJson()));

    private static (CatSession Session, FakeTimeProvider Clock, List<string> Stored) Finished(ulong seed)
    {
        var (session, clock, stored) = Started(seed, answers: 0);
        for (int k = 0; !session.IsFinished; k++) Answer(session, clock, stored, k);
        return (session, clock, stored);
    }

    private static List<SessionEvent> Read(IEnumerable<string> stored) => stored.Select(SessionEvent.FromJson).ToList();

    [Fact]
    public void EventLog_HasTheStartThenOneSignedRecordPerAnswer()
    {
        var (session, _, stored) = Started(41, answers: 5);

        var log = session.EventLog;
        Assert.Equal(6, log.Count);
        Assert.Equal(SessionEventKind.Start, log[0].Kind);
        Assert.Equal((Bank.Metadata.Id, Bank.Metadata.Version, 41UL), (log[0].Start!.BankId, log[0].Start!.BankVersion, log[0].Start!.Seed));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero), log[0].Start!.StartedAt);
        Assert.Equal(session.Answers, log.Skip(1).Select(e => e.Answer));
        Assert.Equal(Enumerable.Range(0, 6), log.Select(e => e.Sequence));
        Assert.All(log, e => Assert.Equal(64, e.Mac.Length));
        Assert.Equal(log.Count, log.Select(e => e.Mac).Distinct().Count());
        Assert.Equal(stored, log.Select(e => e.ToJson()));
    }

    [Fact]
    public void EventLog_WithoutAKey_IsEmpty()
    {
        var session = CatSession.Start(Bank, CatOptions.Quick, 42);
        session.Submit(session.Current.ItemId, "A");
        Assert.Empty(session.EventLog);
    }

    [Fact]
    public void Resume_FromTheStoredLog_ContinuesExactlyAndKeepsSigning()
    {
        var (original, clock, stored) = Started(43, answers: 7);
        var resumedClock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        var resumed = CatSession.Resume(Bank, Read(stored), Key, resumedClock);

        Assert.Equal(original.Current, resumed.Current);
        Assert.Equal(original.Estimate, resumed.Estimate);
        var resumedStored = new List<string>(stored);
        for (int k = 7; !original.IsFinished; k++)
        {
            Answer(original, clock, stored, k);
            Answer(resumed, resumedClock, resumedStored, k);
        }

        Assert.Equal(original.Result.Items.Select(i => i.ItemId), resumed.Result.Items.Select(i => i.ItemId));
        Assert.Equal(original.Result.Theta, resumed.Result.Theta);
        Assert.Equal(stored, resumedStored);
        Assert.Equal(original.Result.Decision, CatSession.Resume(Bank, Read(resumedStored), Key, clock).Result.Decision);
    }

    [Fact]
    public void Resume_AnEditedAnswer_IsRefusedNamingTheRecord()
    {
        var (_, _, stored) = Started(44, answers: 6);
        var node = JsonNode.Parse(stored[3])!;
        node["answer"]!["answer"] = new JsonArray("D");
        stored[3] = node.ToJsonString();

        var ex = Assert.Throws<InvalidEventLogException>(() => CatSession.Resume(Bank, Read(stored), Key));
        Assert.StartsWith("Event log record 4 of 7 (the answer to item '", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not verify", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_ReorderedOrDeletedRecords_AreRefused()
    {
        var (_, _, stored) = Started(45, answers: 6);

        var swapped = new List<string>(stored);
        (swapped[2], swapped[3]) = (swapped[3], swapped[2]);
        var deleted = new List<string>(stored);
        deleted.RemoveAt(3);

        Assert.Contains("record 3 of 7", Assert.Throws<InvalidEventLogException>(() => CatSession.Resume(Bank, Read(swapped), Key)).Message, StringComparison.Ordinal);
        Assert.Contains("record 4 of 6", Assert.Throws<InvalidEventLogException>(() => CatSession.Resume(Bank, Read(deleted), Key)).Message, StringComparison.Ordinal);
        Assert.Contains("empty", Assert.Throws<InvalidEventLogException>(() => CatSession.Resume(Bank, [], Key)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_WithAnotherKey_IsRefusedAtTheStart()
    {
        var (_, _, stored) = Started(46, answers: 2);

        var ex = Assert.Throws<InvalidEventLogException>(() => CatSession.Resume(Bank, Read(stored), EventLogKey.Generate()));
        Assert.Contains("record 1 of 3 (the start) does not verify", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_AnEditedStartSeed_IsRefused()
    {
        var (_, _, stored) = Started(47, answers: 2);
        var node = JsonNode.Parse(stored[0])!;
        node["start"]!["seed"] = 48;
        stored[0] = node.ToJsonString();

        Assert.Throws<InvalidEventLogException>(() => CatSession.Resume(Bank, Read(stored), Key));
    }

    [Fact]
    public void Abandon_AddsAnEndRecord_AndTheResumedSessionHasEnded()
    {
        var (session, clock, stored) = Started(49, answers: 3);
        session.Abandon();
        Store(session, stored);

        var end = session.EventLog[^1];
        Assert.Equal(SessionEventKind.End, end.Kind);
        Assert.Equal(StopReason.Abandoned, end.Ending!.Reason);
        var resumed = CatSession.Resume(Bank, Read(stored), Key, clock);
        Assert.True(resumed.IsFinished);
        Assert.Equal(StopReason.Abandoned, resumed.Result.Reason);
    }

    [Fact]
    public void EndingAnswer_AddsTheAnswerAndAnEndRecordWithTheRule_AndTheLogResumesFinished()
    {
        var (session, clock, stored) = Finished(51);

        var end = session.EventLog[^1];
        Assert.Equal((SessionEventKind.End, session.Result.Reason), (end.Kind, end.Ending!.Reason));
        Assert.Equal(SessionEventKind.Answer, session.EventLog[^2].Kind);
        Assert.Equal(session.AnsweredCount + 2, stored.Count);
        var resumed = CatSession.Resume(Bank, Read(stored), Key, clock);
        Assert.Equal((session.Result.Reason, session.Result.Theta), (resumed.Result.Reason, resumed.Result.Theta));
    }

    [Fact]
    public void Resume_AFinishedLogWithoutItsEndRecord_IsRefusedAsCutOff()
    {
        var (session, _, stored) = Finished(52);
        stored.RemoveAt(stored.Count - 1);

        var ex = Assert.Throws<InvalidEventLogException>(() => CatSession.Resume(Bank, Read(stored), Key));
        Assert.Equal(
            $"The event log's {session.AnsweredCount} answers end the session ({session.Result.Reason}), but its end record is missing: the last records were cut off. Nothing was resumed.",
            ex.Message);
    }

    [Fact]
    public void Resume_AnAbandonedLogCutBeforeItsEnd_ReadsAsTheEarlierSession_WhichOnlyTheHostsCountCanTell()
    {
        // What the log alone cannot show (documented): a cut that leaves a running session's prefix. The host keeps
        // the record count outside the log and compares it, as both sample hosts do.
        var (session, _, stored) = Started(53, answers: 4);
        session.Abandon();
        Store(session, stored);
        var cut = Read(stored.Take(4));

        var resumed = CatSession.Resume(Bank, cut, Key);
        Assert.False(resumed.IsFinished);
        Assert.Equal(3, resumed.AnsweredCount);
        Assert.NotEqual(stored.Count, resumed.EventLog.Count);
    }

    [Fact]
    public void Resume_AnEndRecordTheAnswersDoNotReach_IsRefused()
    {
        // Correctly signed (only a key holder or a host bug could write it): an end by a rule the answers do not meet.
        var (_, _, stored) = Started(54, answers: 3);
        var log = Read(stored);
        log.Add(new SessionEvent { Sequence = 4, Kind = SessionEventKind.End, Ending = new SessionEnding(StopReason.MaximumItems, 60_000) }.Signed(Key, log[^1].Mac));

        var ex = Assert.Throws<InvalidEventLogException>(() => CatSession.Resume(Bank, log, Key));
        Assert.Equal("The event log's end record says the session ended by MaximumItems, but its 3 answers replay to a session still running. Nothing was resumed.", ex.Message);
    }

    [Fact]
    public void Resume_OnAnotherBank_SaysTheLogDoesNotReplay()
    {
        var (_, _, stored) = Started(50, answers: 2);
        var other = TestBanks.Build(8, [76, 140, 22, 79, 43], [8, 16, 2, 9, 5], 12);

        var ex = Assert.Throws<InvalidEventLogException>(() => CatSession.Resume(other, Read(stored), Key));
        Assert.StartsWith("The event log verifies but does not replay", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_ShorterThan32Bytes_OrNotBase64_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new EventLogKey(new byte[31]));
        Assert.Throws<ArgumentException>(() => EventLogKey.FromBase64("not base64!"));
        Assert.Equal(Key.ToArray(), EventLogKey.FromBase64(Key.ToBase64()).ToArray());
    }
}
