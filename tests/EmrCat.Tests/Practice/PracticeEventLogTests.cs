using System.Text.Json.Nodes;
using EmrCat.Practice.Commands;
using EmrCat.Practice.Storage;
using EmrCat.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace EmrCat.Tests.Practice;

/// <summary>
/// The practice host keeps each session's signed event log in its SQLite file, record by record with the answer, and
/// resumes from it: an answer edited in the database is refused with one clear line, and the key file is the user's only.
/// </summary>
public class PracticeEventLogTests
{
    private static void Execute(string data, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "emrcat.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void Run_StoresTheStartAndOneSignedRecordPerAnswer_AndResumeContinuesFromThem()
    {
        string data = HostProcess.TempDataDir();
        Assert.Equal(PracticeCommand.ExitSaved, HostProcess.Run("A\nB\nC\n", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "5", "--data-dir", data).ExitCode);
        using (var store = PracticeStore.Open(data))
        {
            var events = store.Events(1);
            Assert.Equal(4, events.Count);
            Assert.Equal(store.Answers(1).Select(a => (a.ItemId, string.Join(",", a.Answer), a.ResponseTimeMs, a.ElapsedMs)),
                events.Skip(1).Select(e => (e.Answer!.ItemId, string.Join(",", e.Answer.Answer), e.Answer.ResponseTimeMs, e.Answer.ElapsedMs)));
        }

        var resumed = HostProcess.Run("D\n", "--resume", "--answers", "-", "--data-dir", data);
        Assert.Equal(PracticeCommand.ExitSaved, resumed.ExitCode);
        Assert.Contains("Resuming session 1 (quick) after 3 answers.", resumed.Output);
        using (var store = PracticeStore.Open(data))
        {
            Assert.Equal(5, store.Events(1).Count);
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, EventLogKeyFile.FileName)));
        }
    }

    [Fact]
    public void Resume_AfterAnAnswerWasEditedInTheDatabase_IsRefusedWithOneClearLine()
    {
        string data = HostProcess.TempDataDir();
        Assert.Equal(PracticeCommand.ExitSaved, HostProcess.Run("A\nB\nC\n", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "6", "--data-dir", data).ExitCode);
        string record;
        using (var store = PracticeStore.Open(data))
        {
            var node = JsonNode.Parse(store.Events(1)[2].ToJson())!;
            node["answer"]!["answer"] = new JsonArray(node["answer"]!["answer"]![0]!.GetValue<string>() == "A" ? "B" : "A");
            record = node.ToJsonString();
        }

        Execute(data, $"UPDATE session_events SET record_json = '{record.Replace("'", "''", StringComparison.Ordinal)}' WHERE session_id = 1 AND sequence = 2;");
        var (code, _, error) = HostProcess.Run("D\n", "--resume", "--answers", "-", "--data-dir", data);

        Assert.Equal(HostException.BadInput, code);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Session 1 in ", line, StringComparison.Ordinal);
        Assert.Contains("Event log record 3 of 4 (the answer to item '", line, StringComparison.Ordinal);
        Assert.Contains("does not verify", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_AfterAMiddleRecordWasDeleted_IsRefused()
    {
        string data = HostProcess.TempDataDir();
        Assert.Equal(PracticeCommand.ExitSaved, HostProcess.Run("A\nB\nC\n", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "7", "--data-dir", data).ExitCode);
        Execute(data, "DELETE FROM session_events WHERE session_id = 1 AND sequence = 1;");

        var (code, _, error) = HostProcess.Run("D\n", "--resume", "--answers", "-", "--data-dir", data);

        Assert.Equal(HostException.BadInput, code);
        Assert.Contains("Event log record 2 of 3", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_AfterTheLastRecordsWereDeleted_IsRefusedByTheHostsAnswerCount()
    {
        // A cut that leaves a running session's prefix verifies on its own; the host's answers table tells it apart.
        string data = HostProcess.TempDataDir();
        Assert.Equal(PracticeCommand.ExitSaved, HostProcess.Run("A\nB\nC\n", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "8", "--data-dir", data).ExitCode);
        Execute(data, "DELETE FROM session_events WHERE session_id = 1 AND sequence = 3;");

        var (code, _, error) = HostProcess.Run("D\n", "--resume", "--answers", "-", "--data-dir", data);

        Assert.Equal(HostException.BadInput, code);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("its event log holds 2 answers but the history holds 3 answers, so records were removed outside EmrCat", line, StringComparison.Ordinal);
    }

    [Fact]
    public void FinishedRun_StoresItsLogClosedByTheSignedEndRecord_WhichResumesToTheStoredResult()
    {
        string data = HostProcess.TempDataDir();
        string answers = string.Join('\n', Enumerable.Range(0, 40).Select(i => "ABCD"[(i * 7 + i / 3) % 4]));
        var (code, output, error) = HostProcess.Run(answers, "--preset", "quick", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "12", "--data-dir", data);
        Assert.True(code == 0, error + output);

        using var store = PracticeStore.Open(data);
        var session = Assert.Single(store.Sessions());
        var events = store.Events(session.Id);
        Assert.Equal(session.Result!.Items.Count + 2, events.Count); // the start, every answer, the end
        Assert.Equal((EmrCat.Sessions.SessionEventKind.End, session.Result.Reason), (events[^1].Kind, events[^1].Ending!.Reason));
        var resumed = EmrCat.Sessions.CatSession.Resume(PracticeCommand.LoadBank(session.BankPath), events, EventLogKeyFile.LoadOrCreate(data));
        Assert.Equal((session.Result.Reason, session.Result.Theta), (resumed.Result.Reason, resumed.Result.Theta));
        Assert.Throws<EmrCat.Sessions.InvalidEventLogException>(() => EmrCat.Sessions.CatSession.Resume(PracticeCommand.LoadBank(session.BankPath), events.Take(events.Count - 1).ToList(), EventLogKeyFile.LoadOrCreate(data)));
    }
}
