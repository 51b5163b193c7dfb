using EmrCat.Practice.Commands;

namespace EmrCat.Tests.Practice;

public class PlanningCommandsTests
{
    [Fact]
    public void Plan_AfterThreeFailures_RequiresARefresherAndShowsOpenGates()
    {
        string data = HostProcess.TempDataDir();
        Assert.Equal(0, PlanningCommands.RecordAttempt("2026-01-05", "fail", data, TextWriter.Null));
        Assert.Equal(0, PlanningCommands.RecordAttempt("2026-01-20", "fail", data, TextWriter.Null));
        Assert.Equal(0, PlanningCommands.RecordAttempt("2026-02-04", "fail", data, TextWriter.Null));
        var output = new StringWriter();

        Assert.Equal(0, PlanningCommands.Plan(data, plain: true, "2026-03-01", output));

        string text = output.ToString();
        Assert.Contains("3 of 3 attempts used", text);
        Assert.Contains("A full EMR refresher course is required", text);
        Assert.Contains("Program Director verification", text);
        Assert.Contains("not the", text); // certification alone is not the right to practice
    }

    [Fact]
    public void RecordAttempt_TooSoonAfterAFailure_IsRefusedAndNotStored()
    {
        string data = HostProcess.TempDataDir();
        Assert.Equal(0, PlanningCommands.RecordAttempt("2026-10-01", "fail", data, TextWriter.Null));
        var error = new StringWriter();
        Assert.Equal(1, PlanningCommands.RecordAttempt("2026-10-10", "fail", data, TextWriter.Null, error));
        Assert.Contains("15 days", error.ToString());
        var plan = new StringWriter();
        PlanningCommands.Plan(data, true, "2026-10-12", plan);
        Assert.Contains("1 of 3 attempts used", plan.ToString());
        Assert.Contains("2026-10-16", plan.ToString());
    }

    [Fact]
    public void Plan_PendingAttempt_SaysWhenResultsPost()
    {
        string data = HostProcess.TempDataDir();
        Assert.Equal(0, PlanningCommands.RecordAttempt("2026-11-20", "pending", data, TextWriter.Null)); // a Friday
        var output = new StringWriter();
        PlanningCommands.Plan(data, true, "2026-11-21", output);
        Assert.Contains("should post by 2026-11-24", output.ToString()); // two business days, weekend skipped
    }

    [Fact]
    public void RealHost_AttemptAndPlan_WorkEndToEnd()
    {
        string data = HostProcess.TempDataDir();
        var record = HostProcess.Run(null, "attempt", "record", "--date", "2026-05-04", "--result", "fail", "--data-dir", data);
        Assert.Equal(0, record.ExitCode);
        var plan = HostProcess.Run(null, "plan", "--plain", "--today", "2026-05-06", "--data-dir", data);
        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("earliest retest 2026-05-19", plan.Output);
        var bad = HostProcess.Run(null, "attempt", "record", "--date", "May 4", "--result", "fail", "--data-dir", data);
        Assert.Equal(2, bad.ExitCode);
    }

    [Theory]
    [InlineData("attempt", "record", "--date", "2999-01-01", "--result", "fail")]
    [InlineData("attempt", "refresher", "--date", "2999-01-01")]
    [InlineData("gate", "set", "course", "--date", "2999-01-01")]
    public void FutureDate_IsRefusedOnStderrAndNothingIsStored(params string[] args)
    {
        string data = HostProcess.TempDataDir();
        var (code, output, error) = HostProcess.Run(null, [.. args, "--data-dir", data]);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: --date 2999-01-01 is after today", error);
        using var store = EmrCat.Practice.Storage.PracticeStore.Open(data);
        Assert.Empty(store.Attempts());
        Assert.Empty(store.Gates());
    }

    [Fact]
    public void PendingAttempt_CanBeResolved_ThenTheNextAttemptIsAllowed()
    {
        string data = HostProcess.TempDataDir();
        Assert.Equal(0, PlanningCommands.RecordAttempt("2026-03-02", "pending", data, TextWriter.Null));
        var refused = new StringWriter();
        Assert.Equal(1, PlanningCommands.RecordAttempt("2026-04-01", "fail", data, TextWriter.Null, refused));
        Assert.Contains("still pending", refused.ToString());
        Assert.Contains("Nothing was changed", refused.ToString());

        var plan = new StringWriter();
        PlanningCommands.Plan(data, true, "2026-03-20", plan);
        Assert.Contains("should have posted by 2026-03-04", plan.ToString()); // a past date reads as past
        Assert.Contains("attempt set 1 --result pass", plan.ToString());

        Assert.Equal(0, PlanningCommands.CorrectAttempt("1", null, "fail", data, TextWriter.Null));
        Assert.Equal(0, PlanningCommands.RecordAttempt("2026-04-01", "fail", data, TextWriter.Null));
        var list = new StringWriter();
        PlanningCommands.ListAttempts(data, list);
        Assert.Contains("1  2026-03-02  exam attempt: fail", list.ToString());
        Assert.Contains("2  2026-04-01  exam attempt: fail", list.ToString());
    }

    [Fact]
    public void Records_CanBeDeleted_UnlessWhatIsLeftCouldNotHaveHappened()
    {
        string data = HostProcess.TempDataDir();
        Assert.Equal(0, PlanningCommands.RecordAttempt("2026-01-05", "fail", data, TextWriter.Null));
        Assert.Equal(0, PlanningCommands.RecordAttempt("2026-01-20", "fail", data, TextWriter.Null));
        Assert.Equal(0, PlanningCommands.RecordAttempt("2026-02-04", "fail", data, TextWriter.Null));
        Assert.Equal(0, PlanningCommands.RecordRefresher("2026-03-01", data, TextWriter.Null));
        Assert.Equal(0, PlanningCommands.RecordAttempt("2026-03-10", "fail", data, TextWriter.Null));

        var error = new StringWriter();
        Assert.Equal(1, PlanningCommands.DeleteAttempt("4", data, TextWriter.Null, error)); // the refresher: attempt 4 would then be a 4th attempt
        Assert.Contains("refresher course", error.ToString());
        Assert.Equal(0, PlanningCommands.DeleteAttempt("5", data, TextWriter.Null));
        Assert.Equal(0, PlanningCommands.DeleteAttempt("4", data, TextWriter.Null));
        Assert.Equal(1, PlanningCommands.DeleteAttempt("9", data, TextWriter.Null, TextWriter.Null)); // no such record
        Assert.Equal(2, PlanningCommands.DeleteAttempt("x", data, TextWriter.Null, TextWriter.Null));
    }

    [Fact]
    public void Plan_AfterThreeFailures_SaysThereIsNoRetestUntilTheRefresher_ThenNamesTheRefresherDate()
    {
        string data = HostProcess.TempDataDir();
        Assert.Equal(0, PlanningCommands.RecordAttempt("2026-01-05", "fail", data, TextWriter.Null));
        Assert.Equal(0, PlanningCommands.RecordAttempt("2026-01-20", "fail", data, TextWriter.Null));
        Assert.Equal(0, PlanningCommands.RecordAttempt("2026-02-04", "fail", data, TextWriter.Null));
        string before = PlanText(data, "2026-02-10");
        Assert.Contains("Last failure 2026-02-04: that was attempt 3 of 3, so there is no retest until a full EMR refresher course is completed.", before);
        Assert.DoesNotContain("earliest retest —", before);

        Assert.Equal(0, PlanningCommands.RecordRefresher("2026-03-11", data, TextWriter.Null));
        Assert.Contains("1 record dated after 2026-03-05 is left out.", PlanText(data, "2026-03-05")); // the refresher came later
        string after = PlanText(data, "2026-03-12");
        Assert.Contains("Last failure 2026-02-04: you may retest now (allowed since 2026-03-11, the day your refresher course was completed", after);
        Assert.DoesNotContain("15 days later", after);
    }

    private static string PlanText(string data, string today)
    {
        var output = new StringWriter();
        Assert.Equal(0, PlanningCommands.Plan(data, true, today, output));
        return System.Text.RegularExpressions.Regex.Replace(output.ToString(), @"\s*\n", " "); // the console wraps at 100 columns
    }

    [Fact]
    public void History_UsesPlainWordsAndLabelsLocalTime()
    {
        string data = HostProcess.TempDataDir();
        HostProcess.Run("A\n", "--answers", "-", "--seed", "1", "--data-dir", data);
        var output = new StringWriter();

        Assert.Equal(0, PlanningCommands.History(data, plain: true, output));

        string text = output.ToString();
        Assert.Contains("local time", text);
        Assert.Contains("in progress", text);
        Assert.DoesNotContain("in_progress", text);
        Assert.DoesNotContain("NotStarted", text);
    }
}
