using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Text;
using EmrCat.Practice.Storage;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Practice;

/// <summary>
/// The real host through whole runs on a bank where two items in three are technology-enhanced: select-all items
/// (right minus wrong, GPCM) and ordering items (adjacent pairs, GPCM). The test reads each item as the host shows it
/// and answers it like a candidate: the first select-all item with one wrong choice too, the first ordering item with
/// two of three steps in order, each after a malformed answer; the rest with the key.
/// </summary>
public partial class TechnologyEnhancedItemsHostTests
{
    [Theory]
    [InlineData("--answers", "-")]
    [InlineData("--plain", null)]
    public void QuickRun_AnswersSelectAllAndOrderingItems_WithPartialCreditInTheResultAndErrorLog(string mode, string? modeValue)
    {
        string data = HostProcess.TempDataDir();
        var (bank, keys) = WriteBank(data);
        var args = new List<string> { "--bank", bank, "--preset", "quick", "--seed", "8", "--data-dir", data, mode };
        if (modeValue is not null) args.Add(modeValue);

        var (code, output) = Drive(args.ToArray(), keys);

        Assert.True(code == 0, output);
        Assert.Contains("Select all that apply (select 2): type the letters of your choices", output);
        Assert.Contains("Put all 4 in order: type every letter first to last", output);
        Assert.Contains("'AZ' is not an answer here: type the letters of every option you select", output);
        Assert.Contains("'AB' is not an order of all 4 options", output);
        Assert.Contains("Missed or partly right scored questions", output);
        Assert.Contains("Credit: 2 of 3 steps in order", output);
        Assert.Contains("Credit: 1 of 2 points (right choices minus wrong ones)", output);
        Assert.Contains("Right order:", output);
        Assert.Contains("points)", output); // the domain table's partial-credit points
        Assert.Contains("Suggested: sequence: An ordering item: 2 of 3 steps followed the one before in the right order", output);

        using var store = PracticeStore.Open(data);
        var session = Assert.Single(store.Sessions());
        Assert.Equal("finished", session.Status);
        var answers = store.Answers(session.Id);
        Assert.Equal(session.Result!.Items.Count, answers.Count);
        Assert.Contains(answers, a => a.Answer.Count == 4); // an order
        Assert.Contains(answers, a => a.Answer.Count == 3); // a selection with one wrong choice
        var misses = store.Misses(session.Id);
        var ordering = Assert.Single(misses, m => keys[m.ItemId].Type == "ordered");
        Assert.Equal("sequence", ordering.Suggested);
        Assert.Single(misses, m => keys[m.ItemId].Type == "multiple");
    }

    [Fact]
    public void Validate_BankWithSelectAllAndOrderingItems_PassesTheEmrPreset()
    {
        string data = HostProcess.TempDataDir();
        var (bank, _) = WriteBank(data);

        var (code, output, error) = HostProcess.Run(null, "validate", bank);

        Assert.True(code == 0, error + output);
    }

    /// <summary>Answers items as they appear; returns the exit code and everything the host wrote.</summary>
    private static (int Code, string Output) Drive(string[] args, Dictionary<string, TestItem> keys)
    {
        using var host = Process.Start(HostProcess.StartInfo(args))!;
        var output = new StringBuilder();
        var errors = host.StandardError.ReadToEndAsync();
        bool warnedSelection = false, warnedOrder = false, partialSelection = false, partialOrder = false;
        string? itemId = null, header = null, answered = null;
        try
        {
            // A script's first token is awaited before the session starts (a bad script is refused first): a pause of 0 s.
            if (args.Contains("--answers")) Send(host, "wait:0");
            while (ReadLine(host) is { } line)
            {
                output.AppendLine(line);
                if (ItemHeader().Match(line) is { Success: true } number) header = number.Groups[1].Value;
                if (StemId().Match(line) is { Success: true } id) itemId = id.Groups[1].Value;
                string? answer = null;
                bool instructions = line.StartsWith("Type A–D and press Enter", StringComparison.Ordinal)
                    || line.StartsWith("Select all that apply", StringComparison.Ordinal) || line.StartsWith("Put all", StringComparison.Ordinal);
                if (instructions && header == answered) continue; // the same item drawn again after a warning: answered already
                if (instructions) answered = header;
                if (line.StartsWith("Type A–D and press Enter", StringComparison.Ordinal)) answer = "A";
                else if (line.StartsWith("Select all that apply", StringComparison.Ordinal))
                {
                    var item = keys[itemId!];
                    if (!warnedSelection)
                    {
                        warnedSelection = true;
                        Send(host, "AZ");
                    }

                    answer = Letters(item.Options, item.Key);
                    if (!partialSelection && item.Scored)
                    {
                        partialSelection = true;
                        answer += Letters(item.Options, item.Options.Except(item.Key).Take(1)); // 2 right − 1 wrong = 1 of 2
                    }
                }
                else if (line.StartsWith("Put all", StringComparison.Ordinal))
                {
                    var item = keys[itemId!];
                    if (!warnedOrder)
                    {
                        warnedOrder = true;
                        Send(host, "AB");
                    }

                    var key = item.Key;
                    answer = Letters(item.Options, key);
                    if (!partialOrder && item.Scored)
                    {
                        partialOrder = true;
                        answer = Letters(item.Options, [key[0], key[1], key[3], key[2]]); // k1→k2, k2→k3 in order; k3→k4 not
                    }
                }
                else if (line.Contains("Press Enter to", StringComparison.Ordinal)) answer = "";
                else if (line.StartsWith("  Suggested:", StringComparison.Ordinal)) answer = "-";
                else if (line.Contains("Repair plan (", StringComparison.Ordinal)) host.StandardInput.Close();

                if (answer is not null) Send(host, answer);
            }

            if (!host.WaitForExit(TimeSpan.FromMinutes(1))) throw new TimeoutException("The host did not exit.");
            return (host.ExitCode, output.ToString() + errors.Result);
        }
        finally
        {
            if (!host.HasExited) host.Kill(entireProcessTree: true);
        }
    }

    private static string? ReadLine(Process host)
    {
        var line = host.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromMinutes(1))) throw new TimeoutException("The host showed nothing for a minute.");
        return line.Result;
    }

    private static void Send(Process host, string text)
    {
        try
        {
            host.StandardInput.WriteLine(text);
            host.StandardInput.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The host has finished reading (or its input is closed): nothing more to say.
        }
    }

    private static string Letters(string[] options, IEnumerable<string> ids) =>
        string.Concat(ids.Select(id => (char)('A' + Array.IndexOf(options, id))));

    /// <summary>
    /// The bundled bank's single-answer items with two in three made technology-enhanced (select-all with the key and the
    /// next option right; ordering with the options' reverse as the key), each stem starting with its id so the test can
    /// find it. (The bundled bank's own select-all and ordering items are left out: their keys are known only to it.)
    /// </summary>
    internal static (string Path, Dictionary<string, TestItem> Keys) WriteBank(string directory)
    {
        var json = JsonNode.Parse(File.ReadAllText(SingleAnswerBank.Path))!;
        var keys = new Dictionary<string, TestItem>(StringComparer.Ordinal);
        var items = json["items"]!.AsArray();
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i]!;

            // The bundled bank's own select-all and ordering items are left out: this bank is built from its single items.
            if (item["type"]!.GetValue<string>() != "single")
            {
                items.RemoveAt(i--);
                continue;
            }

            string id = item["id"]!.GetValue<string>();
            var options = item["options"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()).ToArray();
            bool scored = item["status"]!.GetValue<string>() == "scored";
            item["stem"] = $"{id} · {item["stem"]!.GetValue<string>()}";
            double a = item["irt"]!["a"]!.GetValue<double>(), b = item["irt"]!["b"]!.GetValue<double>();
            string[] key;
            switch (i % 3)
            {
                case 1:
                    string first = item["key"]!.GetValue<string>();
                    key = [first, options[(Array.IndexOf(options, first) + 1) % options.Length]];
                    item["type"] = "multiple";
                    item["scoring"] = "rightMinusWrong";
                    item["irt"] = Irt(a, b - 0.4, b + 0.4);
                    item["key"] = new JsonArray(key.Select(k => JsonValue.Create(k)).ToArray<JsonNode?>());
                    keys[id] = new TestItem("multiple", key, options, scored);
                    break;
                case 2:
                    key = [.. options.Reverse()];
                    item["type"] = "ordered";
                    item["scoring"] = "adjacentPairs";
                    item["irt"] = Irt(a, b - 0.6, b, b + 0.6);
                    item["key"] = new JsonArray(key.Select(k => JsonValue.Create(k)).ToArray<JsonNode?>());
                    keys[id] = new TestItem("ordered", key, options, scored);
                    break;
                default:
                    keys[id] = new TestItem("single", [item["key"]!.GetValue<string>()], options, scored);
                    break;
            }
        }

        string path = System.IO.Path.Combine(directory, "te-bank.json");
        File.WriteAllText(path, json.ToJsonString());
        return (path, keys);

        static JsonObject Irt(double a, params double[] steps) => new()
        {
            ["model"] = "GPCM",
            ["a"] = Math.Round(a, 3),
            ["steps"] = new JsonArray(steps.Select(s => JsonValue.Create(Math.Round(s, 3))).ToArray<JsonNode?>()),
        };
    }

    [GeneratedRegex(@"^([A-Z]{3}-\d{4}) · ")]
    private static partial Regex StemId();

    [GeneratedRegex(@"Item (\d+) · answered")]
    private static partial Regex ItemHeader();

    internal sealed record TestItem(string Type, string[] Key, string[] Options, bool Scored);
}
