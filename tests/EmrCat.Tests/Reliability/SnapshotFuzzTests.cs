using System.Text;
using System.Text.Json;
using EmrCat.Banks;
using EmrCat.Fuzz;
using EmrCat.Sessions;
using EmrCat.Tests.Sessions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmrCat.Tests.Reliability;

/// <summary>
/// <see cref="SessionSnapshot.FromJson"/> and <see cref="CatSession.Resume"/> on mutated copies of a snapshot taken
/// mid-session on <see cref="TestBanks.Emr"/>: each either resumes or throws <see cref="InvalidSnapshotException"/>,
/// never anything else, a hang, or unbounded memory. Raw mutations mostly meet the checksum; the re-signed ones
/// (edited, then given a fresh checksum, as anyone can) reach the replay.
/// </summary>
public class SnapshotFuzzTests
{
    private static readonly ItemBank Bank = TestBanks.Emr;

    private static readonly string Valid = MidSession();

    [Property(MaxTest = 400)]
    public Property FromJsonThenResume_MutatedSnapshotText_ResumesOrThrowsInvalidSnapshotException() =>
        Prop.ForAll(Mutations.Several.ToArbitrary(), mutations =>
        {
            string json = Encoding.UTF8.GetString(Mutations.Apply(Encoding.UTF8.GetBytes(Valid), mutations, Mutations.JsonTokens));
            return LoaderOracle.LoadsOrRefuses<InvalidSnapshotException>(json.Length * 2L, () => CatSession.Resume(Bank, SessionSnapshot.FromJson(json)), string.Join(" ", mutations.Select(m => m.ToString())));
        });

    [Property(MaxTest = 300)]
    public Property Resume_ReSignedSnapshotWithMutatedText_ResumesOrThrowsInvalidSnapshotException() =>
        Prop.ForAll(Mutations.Several.ToArbitrary(), mutations =>
        {
            string json = Resign(Encoding.UTF8.GetString(Mutations.Apply(Encoding.UTF8.GetBytes(Valid), mutations, Mutations.JsonTokens)));
            return LoaderOracle.LoadsOrRefuses<InvalidSnapshotException>(json.Length * 2L, () => CatSession.Resume(Bank, SessionSnapshot.FromJson(json)), string.Join(" ", mutations.Select(m => m.ToString())));
        });

    [Property(MaxTest = 1000)]
    public Property Resume_ReSignedSnapshotWithEditedValues_ResumesOrThrowsInvalidSnapshotException() =>
        Prop.ForAll(Mutations.JsonEdits.ToArbitrary(), edits =>
        {
            string edited = Mutations.Apply(Valid, edits), json = Resign(edited);
            return LoaderOracle.LoadsOrRefuses<InvalidSnapshotException>(json.Length * 2L, () => CatSession.Resume(Bank, SessionSnapshot.FromJson(json)), edited);
        });

    [Fact]
    public void Resume_UnmutatedSnapshot_ResumesMidSession()
    {
        var session = CatSession.Resume(Bank, SessionSnapshot.FromJson(Valid));
        Assert.Equal(10, session.AnsweredCount);
        Assert.False(session.IsFinished);
    }

    private static string MidSession()
    {
        var session = CatSession.Start(Bank, CatOptions.Quick, 42);
        SessionDriver.Run(session, 0.3, 42, stopAfter: 10);
        return session.Snapshot().ToJson();
    }

    /// <summary>Gives edited snapshot text a fresh checksum when it still reads as a snapshot; otherwise returns it as it is.</summary>
    private static string Resign(string json)
    {
        try
        {
            var snapshot = JsonSerializer.Deserialize(json, SessionJsonContext.Default.SessionSnapshot);
            return snapshot is null ? json : (snapshot with { Checksum = "" }).ToJson();
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException or OverflowException or InvalidOperationException or NotSupportedException)
        {
            return json; // not a snapshot at all: FromJson must refuse it as such
        }
    }
}
