using System.Diagnostics;
using System.Globalization;
using EmrCat.Banks;
using EmrCat.IO;
using EmrCat.Practice.Commands;
using EmrCat.Practice.Storage;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Practice;

/// <summary>
/// The real host's <c>drill</c> and <c>plan</c> for a scripted learner: drills come from the right buckets, repeat no
/// item within the window, never change what <c>history</c> says, survive a kill, and the retest plan is dated from the
/// recorded failure and marks the day's drill done.
/// </summary>
public class DrillHostTests
{
    private static readonly Lazy<ItemBank> Bundled = new(() => ItemBankJson.Load(Path.Combine(FixturePaths.Repository, "item-bank", "emr-practice.json")));

    // Lone letters by position: the runs and drills below use the bundled bank's single-answer items (SingleAnswerBank).
    private static string Answers(int count) => string.Join('\n', Enumerable.Range(0, count).Select(i => "ABCD"[(i * 5 + i / 2) % 4]));

    private static BankItem Item(string id) => Bundled.Value.TryGetIndex(id, out int i) ? Bundled.Value.Items[i] : throw new KeyError(id);

    private sealed class KeyError(string id) : Exception(id);

    [Fact]
    public async Task A_sequence_drill_on_the_bundled_bank_takes_whole_orders_for_its_ordering_items()
    {
        // Sequence drills put ordering items first; the bundled bank has them. The script reads each item's
        // instructions and types a whole order (the letters in display order), as a candidate in plain mode would.
        string data = HostProcess.TempDataDir();
        using var host = Process.Start(HostProcess.StartInfo("drill", "--bucket", "sequence", "--items", "2", "--answers", "-", "--seed", "5", "--reading-wpm", "0", "--data-dir", data))!;
        var output = new System.Text.StringBuilder();
        int orders = 0;
        try
        {
            while (true)
            {
                string? line = await host.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
                if (line is null) break;
                output.AppendLine(line);
                var order = System.Text.RegularExpressions.Regex.Match(line, @"^Put all (\d) in order");
                if (order.Success && orders < 2)
                {
                    host.StandardInput.WriteLine(new string([.. Enumerable.Range(0, int.Parse(order.Groups[1].Value, CultureInfo.InvariantCulture)).Select(k => (char)('A' + k))]));
                    host.StandardInput.WriteLine();
                    host.StandardInput.Flush();
                    orders++;
                }
            }
        }
        finally
        {
            if (!host.WaitForExit(60_000)) host.Kill();
        }

        Assert.True(orders == 2, output.ToString());
        Assert.DoesNotContain("is not an order", output.ToString());
        using var store = PracticeStore.Open(data);
        var answers = store.Drills().Single().Answers;
        Assert.Equal(2, answers.Count);
        Assert.All(answers, a => Assert.Equal(Item(a.ItemId).Options.Count, a.Answer.Count));
        Assert.All(answers, a => Assert.Equal(ItemType.Ordered, Item(a.ItemId).Type));

        // Each order that is not the key shows its partial credit in the result screen's words, from the library's
        // own computation (BankItem.Credit, the category the score uses): which steps were placed in order and which not.
        string flat = System.Text.RegularExpressions.Regex.Replace(output.ToString(), @"\s+", " ");
        Assert.Contains(answers, a => !a.Correct);
        int points = answers.Sum(a => Item(a.ItemId).Credit(a.Answer).Category), possible = answers.Sum(a => Item(a.ItemId).MaxCategory);
        Assert.Contains($"{answers.Count(a => a.Correct)} of 2 right ({points} of {possible} points with partial credit).", flat);
        foreach (var answer in answers.Where(a => !a.Correct))
        {
            var credit = Item(answer.ItemId).Credit(answer.Answer);
            Assert.Contains("Credit: " + EmrCat.Practice.Ui.ResultReport.CreditText(credit), flat);
            Assert.Contains(credit.IsPartial ? "Partly right." : "Not the best answer.", flat);
        }
    }

    [Fact]
    public void A_scripted_learner_drills_every_bucket_from_the_right_items_and_history_does_not_move()
    {
        string data = HostProcess.TempDataDir();
        var first = HostProcess.Run(Answers(40), "--preset", "quick", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "31", "--data-dir", data);
        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        var historyBefore = HostProcess.Run("", "history", "--plain", "--data-dir", data);
        Assert.Equal(0, historyBefore.ExitCode);

        string[] buckets = ["knowledge", "sequence", "scope", "reading", "pacing"];
        foreach (var (bucket, n) in buckets.Select((b, n) => (b, n)))
        {
            var drill = HostProcess.Run(Answers(5), "drill", "--bucket", bucket, "--items", "5", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", (40 + n).ToString(CultureInfo.InvariantCulture),
                "--reading-wpm", "0", "--data-dir", data);
            Assert.True(drill.ExitCode == 0, drill.Error + drill.Output);
            Assert.Contains($"Drill {n + 1}: {bucket}", drill.Output);
            Assert.Contains("Best answer:", drill.Output);
            Assert.Contains("Why:", drill.Output);
            Assert.Contains("Drill done", drill.Output);
            if (bucket == "scope") Assert.Contains("EMR cannot: ", drill.Output);
            if (bucket == "pacing") Assert.Contains("exam pace 57 s", drill.Output);
        }

        using (var store = PracticeStore.Open(data))
        {
            var run = store.Sessions().Single();
            var drills = store.Drills();
            Assert.Equal(5, drills.Count);
            Assert.All(drills, d => Assert.True(d.IsFinished && d.Answers.Count == 5));

            // Knowledge: the two domains with the lowest share right in the practice run.
            var weakest = run.Result!.Domains.OrderBy(d => (d.Correct + 0.5) / (d.Given + 1.0)).ThenBy(d => d.DomainId, StringComparer.Ordinal).Take(2).Select(d => d.DomainId).ToHashSet();
            Assert.All(drills[0].ItemIds, id => Assert.Contains(Item(id).Domain, weakest));
            Assert.All(drills[1].ItemIds, id => Assert.True(Item(id).HasTag(ItemTags.Sequence)));
            Assert.All(drills[2].ItemIds, id => Assert.True(Item(id).HasTag(ItemTags.Scope)));
            Assert.All(drills[3].ItemIds, id => Assert.True(Item(id).HasTag(ItemTags.Reading)));
            Assert.True(drills[4].TimeLimitMs > 0);

            // No item twice within the window: not the practice run's, not another drill's.
            var all = run.Result.Items.Select(i => i.ItemId).Concat(drills.SelectMany(d => d.ItemIds)).ToList();
            Assert.Equal(all.Count, all.Distinct().Count());
        }

        // Drills are kept out of readiness: history reads exactly as before.
        var historyAfter = HostProcess.Run("", "history", "--plain", "--data-dir", data);
        Assert.Equal(historyBefore.Output, historyAfter.Output);

        // And the next practice run holds back the drilled items too.
        var second = HostProcess.Run(Answers(40), "--preset", "quick", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "32", "--data-dir", data);
        Assert.True(second.ExitCode == 0, second.Error + second.Output);
        using (var store = PracticeStore.Open(data))
        {
            var drilled = store.Drills().SelectMany(d => d.ItemIds).ToHashSet();
            Assert.DoesNotContain(store.Sessions()[1].Result!.Items, i => drilled.Contains(i.ItemId));
        }
    }

    [Fact]
    public void A_reading_drill_waits_the_stem_out_and_shows_its_key_words()
    {
        string data = HostProcess.TempDataDir();
        var clock = Stopwatch.StartNew();
        var drill = HostProcess.Run("A\nB\n", "drill", "--bucket", "reading", "--items", "2", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "3", "--reading-wpm", "1000", "--data-dir", data);
        clock.Stop();
        Assert.True(drill.ExitCode == 0, drill.Error + drill.Output);
        Assert.Contains("answers are taken after", drill.Output);
        Assert.Contains("Key words:", drill.Output);
        Assert.Matches(@"\*(?i:not|except|first|most|least|best|unresponsive|unsafe)\*", drill.Output);
        using var store = PracticeStore.Open(data);
        var answers = store.Drills().Single().Answers;
        // Each answer waited its stem's words at 1,000 a minute (whole seconds, rounded).
        foreach (var a in answers)
        {
            int words = Item(a.ItemId).Stem.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            Assert.True(a.ResponseMs >= Math.Round(words * 60.0 / 1000) * 1000 - 50, $"{a.ItemId}: {a.ResponseMs} ms for {words} words");
        }
    }

    [Fact]
    public void A_pacing_drill_ends_when_exam_pace_time_is_used_up()
    {
        string data = HostProcess.TempDataDir();
        var drill = HostProcess.Run("wait:1.2\nA\nwait:5\nB\nC\n", "drill", "--bucket", "pacing", "--items", "3", "--pace", "1s", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "5", "--data-dir", data);
        Assert.True(drill.ExitCode == 0, drill.Error + drill.Output);
        Assert.Contains("Time is up: 1 of 3 items answered", drill.Output);
        Assert.Contains("behind", drill.Output);
        using var store = PracticeStore.Open(data);
        var stored = store.Drills().Single();
        Assert.True(stored.IsFinished);
        Assert.Single(stored.Answers);
    }

    [Fact]
    public void A_killed_drill_keeps_its_answers_and_resume_finishes_it()
    {
        string data = HostProcess.TempDataDir();
        using (var host = Process.Start(HostProcess.StartInfo("drill", "--bucket", "scope", "--items", "4", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "9", "--data-dir", data))!)
        {
            try
            {
                host.StandardInput.WriteLine("A");
                host.StandardInput.WriteLine("B");
                host.StandardInput.Flush();
                HostProcess.WaitForLine(host, "item 3 of 4");
            }
            finally
            {
                host.Kill();
                host.WaitForExit();
            }
        }

        using (var store = PracticeStore.Open(data))
        {
            var drill = store.Drills().Single();
            Assert.False(drill.IsFinished);
            Assert.Equal(2, drill.Answers.Count);
        }

        var bad = HostProcess.Run("", "drill", "--resume", "--bucket", "scope", "--answers", "-", "--data-dir", data);
        Assert.Equal(2, bad.ExitCode);
        var resumed = HostProcess.Run("C\nD\n", "drill", "--resume", "--bank", SingleAnswerBank.Path, "--answers", "-", "--data-dir", data);
        Assert.True(resumed.ExitCode == 0, resumed.Error + resumed.Output);
        using (var store = PracticeStore.Open(data))
        {
            var drill = store.Drills().Single();
            Assert.True(drill.IsFinished);
            Assert.Equal(drill.ItemIds, drill.Answers.Select(a => a.ItemId));
            Assert.Equal(["A", "B", "C", "D"], drill.Answers.Select(a => a.Answer.Single()));
        }

        // Answers running out mid-drill save it the same way (exit 3).
        var partial = HostProcess.Run("A\n", "drill", "--bucket", "scope", "--items", "3", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "10", "--data-dir", data);
        Assert.Equal(PracticeCommand.ExitSaved, partial.ExitCode);
        Assert.Contains("continue with 'drill --resume'", partial.Output);
    }

    [Theory]
    [InlineData("--bucket", "luck", "--bucket 'luck' is not a bucket")]
    [InlineData("--items", "0", "--items 0 must be")]
    [InlineData("--pace", "forever", "--pace 'forever'")]
    [InlineData("--reading-wpm", "-5", "--reading-wpm -5")]
    public void Bad_arguments_are_one_line_and_exit_2_with_nothing_written(string option, string value, string message)
    {
        string data = HostProcess.TempDataDir();
        var (code, _, error) = HostProcess.Run("", "drill", option, value, "--answers", "-", "--data-dir", data);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(data, "emrcat.db")));
    }

    [Fact]
    public void Plan_after_a_recorded_failure_lays_out_the_days_from_that_failure_and_marks_the_drill_done()
    {
        string data = HostProcess.TempDataDir();
        var today = DateOnly.FromDateTime(DateTime.Now);
        var failed = today.AddDays(-3);
        var run = HostProcess.Run(Answers(40), "--preset", "quick", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "12", "--data-dir", data);
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Equal(0, HostProcess.Run("", "attempt", "record", "--date", failed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--result", "fail", "--data-dir", data).ExitCode);

        var before = HostProcess.Run("", "plan", "--plain", "--data-dir", data);
        Assert.True(before.ExitCode == 0, before.Error + before.Output);
        string F(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Contains($"failed {F(failed)}, earliest retest {F(failed.AddDays(15))}", before.Output);
        Assert.Contains($"1 │ {F(failed.AddDays(1))}", before.Output);
        Assert.Contains($"14 │ {F(failed.AddDays(14))}", before.Output);
        Assert.Contains("mock exam", before.Output);
        Assert.Matches($@"3 │ {F(today)} \w+ │ [^│]+│ today", before.Output);
        Assert.Matches($@"1 │ {F(failed.AddDays(1))} \w+ │ [^│]+│ missed", before.Output);

        // 'drill' with no bucket runs today's planned drill; plan then marks today done.
        var drill = HostProcess.Run(Answers(10), "drill", "--bank", SingleAnswerBank.Path, "--answers", "-", "--seed", "13", "--reading-wpm", "0", "--data-dir", data);
        Assert.True(drill.ExitCode == 0, drill.Error + drill.Output);
        Assert.Contains("today's drill in your retest plan (day 3)", drill.Output);
        var after = HostProcess.Run("", "plan", "--plain", "--data-dir", data);
        Assert.Matches($@"3 │ {F(today)} \w+ │ [^│]+│ done", after.Output);
        Assert.Contains("Done 1 of", after.Output);
    }
}
