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
}
