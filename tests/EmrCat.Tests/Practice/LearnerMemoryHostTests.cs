using EmrCat.Practice.Storage;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Practice;

/// <summary>The host remembers the learner across runs: recent items are held back, and the store rebuilds the profile.</summary>
public class LearnerMemoryHostTests
{
    private static string Answers(int count) => string.Join('\n', Enumerable.Range(0, count).Select(i => "ABCD"[(i * 5 + i / 2) % 4]));

    [Fact]
    public void Three_runs_in_one_store_repeat_no_item_and_the_profile_holds_each_run()
    {
        string data = HostProcess.TempDataDir();
        for (int run = 0; run < 3; run++)
        {
            var (code, output, error) = HostProcess.Run(Answers(40), "--preset", "quick", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "77", "--data-dir", data);
            Assert.True(code == 0, error + output);
            if (run > 0) Assert.Contains("held back until the bank runs low", output);
        }

        using var store = PracticeStore.Open(data);
        var sessions = store.Sessions();
        Assert.Equal(3, sessions.Count);
        var ids = sessions.SelectMany(s => s.Result!.Items.Select(i => i.ItemId)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(sessions.Select(s => s.Snapshot.Options.HeldBackItems.Count), new[] { 0, sessions[0].Result!.Items.Count, sessions[0].Result!.Items.Count + sessions[1].Result!.Items.Count });

        var profile = LearnerHistory.Load(store);
        Assert.Equal(sessions.Select(s => s.Result!.Theta), profile.PracticeRuns.Select(r => r.Theta));
        Assert.Equal(sessions.Select(s => store.Misses(s.Id).Count), profile.Runs.Select(r => r.Misses.Count));

        // history: every run's chance of passing and band, the trend chart and the verdict of the one rule.
        var history = HostProcess.Run("", "history", "--plain", "--data-dir", data);
        Assert.True(history.ExitCode == 0, history.Error + history.Output);
        Assert.Contains("Chance of passing by run", history.Output);
        foreach (var s in sessions)
        {
            string percent = (s.Result!.PassProbability * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%";
            Assert.Contains(percent, history.Output);
        }

        string verdict = EmrCat.Learning.Readiness.Assess(profile).Verdict switch
        {
            EmrCat.Learning.ReadinessVerdict.LikelyToPass => "likely to pass",
            EmrCat.Learning.ReadinessVerdict.NotYet => "not yet",
            _ => "too little evidence",
        };
        Assert.Contains($"Readiness: {verdict}.", history.Output);
    }

    [Fact]
    public void With_no_hold_back_the_same_seed_gives_the_same_items_again()
    {
        string data = HostProcess.TempDataDir();
        for (int run = 0; run < 2; run++)
        {
            var (code, output, error) = HostProcess.Run(Answers(40), "--preset", "quick", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "77", "--data-dir", data, "--hold-back-runs", "0", "--hold-back-days", "0");
            Assert.True(code == 0, error + output);
        }

        using var store = PracticeStore.Open(data);
        var sessions = store.Sessions();
        Assert.Equal(sessions[0].Result!.Items.Select(i => i.ItemId), sessions[1].Result!.Items.Select(i => i.ItemId));
    }

    [Fact]
    public void A_negative_window_is_refused_before_anything_is_written()
    {
        string data = HostProcess.TempDataDir();
        var (code, _, error) = HostProcess.Run("", "--answers", "-", "--data-dir", data, "--hold-back-runs", "-1");
        Assert.Equal(2, code);
        Assert.Contains("--hold-back-runs -1", error);
    }
}
