using System.Text.Json.Nodes;
using EmrCat.Banks;
using EmrCat.Sessions;
using EmrCat.Stopping;
using EmrCat.Tests.Sessions;

namespace EmrCat.Tests.Reliability;

/// <summary>
/// Misuse of the session API and bad snapshots: the exact exception, a message that names the item or the answer,
/// and a session (or nothing) left exactly as it was. <see cref="CatSessionTests"/> has the basic cases (another
/// item, the same item twice, an unknown option, after the end, another bank, a tampered checksum, a non-replaying
/// item); these add the messages, the unchanged state, and snapshots that pass the checksum (re-signed by someone
/// who edited them) but not the replay.
/// </summary>
public class BadInputSessionApiTests
{
    private static readonly ItemBank Bank = TestBanks.Emr;

    [Fact]
    public void Submit_TheSameItemTwice_NamesBothItemsAndChangesNothing()
    {
        var session = Started(1, answered: 2);
        var answered = session.Answers[^1].ItemId;
        string before = session.Snapshot().ToJson();

        var ex = Assert.Throws<InvalidOperationException>(() => session.Submit(answered, "A"));

        Assert.Equal($"Item '{answered}' is not the current item ('{session.Current.ItemId}'); each item is answered once, in order.", ex.Message);
        Assert.Equal(before, session.Snapshot().ToJson());
    }

    [Fact]
    public void Submit_UnknownItemId_NamesItAndChangesNothing()
    {
        var session = Started(2, answered: 1);
        string before = session.Snapshot().ToJson();
        var ex = Assert.Throws<InvalidOperationException>(() => session.Submit("NOPE-0001", "A"));
        Assert.StartsWith("Item 'NOPE-0001' is not the current item", ex.Message);
        Assert.Equal(before, session.Snapshot().ToJson());
    }

    [Theory]
    [InlineData(new string[0], "needs exactly one option")]
    [InlineData(new[] { "A", "B" }, "needs exactly one option")]
    [InlineData(new[] { "A", "A" }, "needs exactly one option")]
    [InlineData(new[] { "a" }, "'a' is not an option of item")]
    public void Submit_InvalidAnswer_ThrowsArgumentAndChangesNothing(string[] answer, string problem)
    {
        var session = Started(3, answered: 1);
        string before = session.Snapshot().ToJson();
        var current = session.Current;

        var ex = Assert.Throws<ArgumentException>(() => session.Submit(current.ItemId, answer));

        Assert.Equal("answer", ex.ParamName);
        Assert.Contains(problem, ex.Message);
        Assert.Contains(current.ItemId, ex.Message);
        Assert.Equal(before, session.Snapshot().ToJson());
        Assert.Equal(current, session.Current);
    }

    [Fact]
    public void Submit_AfterTheEnd_SaysTheSessionHasEndedAndKeepsTheResult()
    {
        var session = CatSession.Start(Bank, CatOptions.Quick, 4);
        SessionDriver.Run(session, 0.5, 4);
        string result = SessionJson.Serialize(session.Result);

        var ex = Assert.Throws<InvalidOperationException>(() => session.Submit(session.Answers[0].ItemId, "A"));

        Assert.Equal("The session has ended; no more answers are accepted.", ex.Message);
        Assert.Equal(result, SessionJson.Serialize(session.Result));
    }

    [Fact]
    public void Resume_SnapshotOfAnotherBank_NamesBothBanks()
    {
        var snapshot = Started(5, answered: 3).Snapshot();
        var other = TestBanks.Build(8, [76, 140, 22, 79, 43], [8, 16, 2, 9, 5], 12);

        var ex = Assert.Throws<InvalidSnapshotException>(() => CatSession.Resume(other, snapshot));

        Assert.Equal("The snapshot was taken on bank 'test-7' version 1, not on 'test-8' version 1 (fingerprints differ).", ex.Message);
    }

    [Fact]
    public void Resume_SnapshotOfAnotherVersionOfTheSameBank_IsRefused()
    {
        var snapshot = Started(6, answered: 3).Snapshot();
        var items = Bank.Items.Select((item, i) => i == 0 ? item with { Key = [item.Key[0] == "A" ? "B" : "A"] } : item);
        var edited = ItemBank.Create(Bank.Metadata, Bank.Scale, Bank.Blueprint, items, Bank.EnemyGroups);

        var ex = Assert.Throws<InvalidSnapshotException>(() => CatSession.Resume(edited, snapshot));

        Assert.Contains("(fingerprints differ)", ex.Message);
    }

    [Theory]
    [InlineData("", "The snapshot is not valid JSON of the expected shape")]
    [InlineData("null", "The snapshot is empty (null).")]
    [InlineData("[]", "The snapshot is not valid JSON of the expected shape")]
    [InlineData("{\"formatVersion\":1}", "The snapshot is not valid JSON of the expected shape")]
    public void FromJson_NotASnapshot_IsRefused(string json, string problem) =>
        Assert.StartsWith(problem, Assert.Throws<InvalidSnapshotException>(() => SessionSnapshot.FromJson(json)).Message);

    [Theory]
    [InlineData("seed")]
    [InlineData("answers")]
    [InlineData("options")]
    [InlineData("bankFingerprint")]
    [InlineData("checksum")]
    public void FromJson_OneValueEdited_FailsTheChecksum(string field)
    {
        var node = JsonNode.Parse(Started(7, answered: 4).Snapshot().ToJson())!;
        switch (field)
        {
            case "seed": node["seed"] = 8; break;
            case "answers": node["answers"]!.AsArray().RemoveAt(3); break;
            case "options": node["options"]!["confidence"] = 0.9; break;
            case "bankFingerprint": node["bankFingerprint"] = new string('0', 64); break;
            default: node["checksum"] = new string('f', 64); break;
        }

        var ex = Assert.Throws<InvalidSnapshotException>(() => SessionSnapshot.FromJson(node.ToJsonString()));

        Assert.Equal("The snapshot's checksum does not match its content: it was edited or corrupted.", ex.Message);
    }

    [Fact]
    public void FromJson_AnotherFormatVersion_IsRefusedBeforeTheChecksum()
    {
        var node = JsonNode.Parse(Started(7, answered: 1).Snapshot().ToJson())!;
        node["formatVersion"] = 2;
        var ex = Assert.Throws<InvalidSnapshotException>(() => SessionSnapshot.FromJson(node.ToJsonString()));
        Assert.Equal("Snapshot format version 2 is not supported (expected 1).", ex.Message);
    }

    [Fact]
    public void FromJson_DeeplyNestedValue_IsRefused()
    {
        string json = Started(8, answered: 1).Snapshot().ToJson().Replace("\"exposureParameters\":{}", "\"exposureParameters\":" + Nested(20), StringComparison.Ordinal);
        Assert.StartsWith("The snapshot is not valid JSON of the expected shape", Assert.Throws<InvalidSnapshotException>(() => SessionSnapshot.FromJson(json)).Message);
    }

    [Fact]
    public void FromJson_LongerThan4MiB_IsRefusedUnread()
    {
        var ex = Assert.Throws<InvalidSnapshotException>(() => SessionSnapshot.FromJson(new string(' ', SessionSnapshot.MaxJsonLength + 1)));
        Assert.Equal("The snapshot is 4194305 characters; the limit is 4194304.", ex.Message);
    }

    [Fact]
    public void Resume_ReSignedSnapshotWhoseAnswerIsForAnotherItem_NamesTheAnswerAndBothItems()
    {
        var snapshot = Started(9, answered: 4).Snapshot();
        var presented = snapshot.Answers[2].ItemId;
        string other = Bank.Items.First(i => snapshot.Answers.All(a => a.ItemId != i.Id)).Id;

        var ex = ResumeRefused(snapshot, 2, a => a with { ItemId = other });

        Assert.Equal($"Answer 3 is for item '{other}', but the session presents '{presented}' there: the snapshot does not replay.", ex.Message);
    }

    [Theory]
    [InlineData(new[] { "Z" }, "'Z' is not an option of item")]
    [InlineData(new[] { "a" }, "'a' is not an option of item")]
    [InlineData(new string[0], "needs exactly one option")]
    [InlineData(new[] { "A", "B" }, "needs exactly one option")]
    [InlineData(new[] { "B", "B" }, "needs exactly one option")]
    public void Resume_ReSignedSnapshotWithAnInvalidAnswer_NamesTheAnswerAndTheItem(string[] answer, string problem)
    {
        var snapshot = Started(10, answered: 4).Snapshot();
        string item = snapshot.Answers[1].ItemId;

        var ex = ResumeRefused(snapshot, 1, a => a with { Answer = answer });

        Assert.StartsWith($"Answer 2 ({item}) is not a valid answer: ", ex.Message);
        Assert.Contains(problem, ex.Message);
        Assert.Contains(item, ex.Message[$"Answer 2 ({item})".Length..]);
    }

    [Theory]
    [InlineData(-1L, 0L)]
    [InlineData(long.MaxValue, 0L)]
    [InlineData(0L, long.MaxValue)]
    [InlineData(0L, -1L)]
    public void Resume_ReSignedSnapshotWithImpossibleTimes_IsRefused(long responseMs, long elapsedMs)
    {
        var snapshot = Started(11, answered: 4).Snapshot();
        var ex = ResumeRefused(snapshot, 3, a => a with { ResponseTimeMs = responseMs, ElapsedMs = elapsedMs == 0 ? a.ElapsedMs : elapsedMs });
        Assert.StartsWith($"Answer 4 ({snapshot.Answers[3].ItemId}) has invalid times", ex.Message);
    }

    [Fact]
    public void Resume_ReSignedSnapshotWithAnAnswerAfterTheEnd_IsRefused()
    {
        var session = CatSession.Start(Bank, CatOptions.Quick, 12);
        SessionDriver.Run(session, 1, 12);
        var snapshot = session.Snapshot();
        var answers = snapshot.Answers.Append(snapshot.Answers[0]).ToList();

        var ex = Assert.Throws<InvalidSnapshotException>(() => CatSession.Resume(Bank, SessionSnapshot.FromJson((snapshot with { Answers = answers }).ToJson())));

        Assert.Equal($"Answer {answers.Count} ({answers[^1].ItemId}) comes after the session had ended.", ex.Message);
    }

    [Theory]
    [InlineData(StopReason.ConfidenceClassification, 0L, "ended by 'ConfidenceClassification'")]
    [InlineData((StopReason)99, 0L, "ended by '99'")]
    [InlineData(StopReason.Abandoned, -5L, "end time -5 ms is outside")]
    [InlineData(StopReason.TimeLimit, long.MaxValue, "end time 9223372036854775807 ms is outside")]
    public void Resume_ReSignedSnapshotWithAnImpossibleEnding_IsRefused(StopReason endedBy, long endedAtMs, string problem)
    {
        var snapshot = Started(13, answered: 2).Snapshot() with { EndedBy = endedBy, EndedAtMs = endedAtMs };
        var ex = Assert.Throws<InvalidSnapshotException>(() => CatSession.Resume(Bank, SessionSnapshot.FromJson(snapshot.ToJson())));
        Assert.Contains(problem, ex.Message);
    }

    [Theory]
    [InlineData("confidence", "1.5", "Confidence must be in (0, 1), but was 1.5.")]
    [InlineData("maxScoredItems", "2000000000", "MaxScoredItems must be at most 10000, but was 2000000000.")]
    [InlineData("pilotItems", "41", "The options ask for 41 pilot items but bank 'test-7' has 40.")]
    [InlineData("quadraturePoints", "2147483647", "QuadraturePoints must be in 2..100000")]
    public void Resume_ReSignedSnapshotWithInvalidOptions_NamesTheOption(string option, string value, string problem)
    {
        var node = JsonNode.Parse(Started(14, answered: 2).Snapshot().ToJson())!;
        node["options"]![option] = JsonNode.Parse(value);
        if (option == "maxScoredItems") node["options"]!["minScoredItems"] = JsonNode.Parse(value);
        var edited = SessionSnapshot.FromJson(Resign(node));

        var ex = Assert.Throws<InvalidSnapshotException>(() => CatSession.Resume(Bank, edited));

        Assert.StartsWith("The snapshot's options are invalid: ", ex.Message);
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public void Resume_SnapshotMissingItsParts_IsRefusedNotANullReference()
    {
        var snapshot = Started(15, answered: 1).Snapshot();
        Assert.Equal("The snapshot lacks its options or its answers.", Assert.Throws<InvalidSnapshotException>(() => CatSession.Resume(Bank, snapshot with { Answers = null! })).Message);
        Assert.Equal("The snapshot lacks its options or its answers.", Assert.Throws<InvalidSnapshotException>(() => CatSession.Resume(Bank, snapshot with { Options = null! })).Message);
        Assert.Equal("Answer 1 is empty.", Assert.Throws<InvalidSnapshotException>(() => CatSession.Resume(Bank, snapshot with { Answers = [null!] })).Message);
    }

    [Fact]
    public void Resume_ValidSnapshot_StillResumesWhereItStopped()
    {
        var session = Started(16, answered: 5);
        var resumed = CatSession.Resume(Bank, SessionSnapshot.FromJson(session.Snapshot().ToJson()));
        Assert.Equal(session.Current, resumed.Current);
        Assert.Equal(5, resumed.AnsweredCount);
    }

    private static CatSession Started(int seed, int answered)
    {
        var session = CatSession.Start(Bank, CatOptions.Quick, (ulong)seed);
        SessionDriver.Run(session, 0, seed, stopAfter: answered);
        return session;
    }

    /// <summary>Edits one answer, re-signs the snapshot as an editor could (the checksum is no secret), and resumes it.</summary>
    private static InvalidSnapshotException ResumeRefused(SessionSnapshot snapshot, int index, Func<AnswerRecord, AnswerRecord> edit)
    {
        var answers = snapshot.Answers.ToList();
        answers[index] = edit(answers[index]);
        var edited = SessionSnapshot.FromJson((snapshot with { Answers = answers }).ToJson());
        return Assert.Throws<InvalidSnapshotException>(() => CatSession.Resume(Bank, edited));
    }

    /// <summary>Re-signs edited snapshot JSON: reads it as a snapshot and writes it again with a fresh checksum.</summary>
    private static string Resign(JsonNode node) =>
        (System.Text.Json.JsonSerializer.Deserialize(node.ToJsonString(), SessionJsonContext.Default.SessionSnapshot)! with { Checksum = "" }).ToJson();

    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
}
