using System.CommandLine;
using System.Globalization;
using System.Text;
using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.Irt;

namespace EmrCat.Practice.Commands;

/// <summary><c>score</c>: batch-scores a response matrix with the chosen estimators (catR's oracle settings by default).</summary>
internal static class ScoreCommand
{
    private const int DefaultMlMinimum = 5;
    private static readonly string[] AllEstimators = ["eap", "map", "mle", "wle"];

    public static Command Create()
    {
        var parameters = new Option<FileInfo>("--params") { Description = "Item parameters, CSV with header id,a,b,c,d.", Required = true };
        var responses = new Option<FileInfo>("--responses") { Description = "Responses, CSV: examinee then one column per item id; 1, 0 or empty.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write examinee,estimator,theta,se.", Required = true };
        var estimators = new Option<string>("--estimators") { Description = "Comma-separated subset of eap,map,mle,wle.", DefaultValueFactory = _ => "eap,map,mle,wle" };
        var minimum = new Option<int>("--ml-min-responses")
        {
            Description = "Fewest responses for which ML and WLE rows are written (mixed patterns only). Default 5, the oracle's convention.",
            DefaultValueFactory = _ => DefaultMlMinimum,
        };
        var command = new Command("score", "Score response patterns with EAP, MAP, ML and WLE (oracle settings: [-6, 6], N(0,1), 601 EAP points).")
        {
            parameters, responses, output, estimators, minimum,
        };
        command.SetAction(result => Run(
            result.GetValue(parameters)!.FullName,
            result.GetValue(responses)!.FullName,
            result.GetValue(output)!.FullName,
            result.GetValue(estimators)!,
            result.GetValue(minimum),
            Console.Out,
            Console.Error));
        return command;
    }

    public static int Run(string paramsPath, string responsesPath, string outPath, string estimatorList, int mlMinimum, TextWriter stdout, TextWriter stderr)
    {
        if (mlMinimum < 1)
        {
            stderr.WriteLine($"error: --ml-min-responses must be at least 1, but was {mlMinimum}.");
            return 2;
        }

        var chosen = estimatorList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(e => e.ToLowerInvariant()).ToList();
        var unknown = chosen.Where(e => !AllEstimators.Contains(e)).ToList();
        if (chosen.Count == 0 || unknown.Count > 0)
        {
            stderr.WriteLine($"error: --estimators takes a comma-separated subset of {string.Join(",", AllEstimators)}; unknown: '{string.Join(",", unknown)}'.");
            return 2;
        }

        try
        {
            var items = ItemParameterTable.Load(paramsPath);
            var byId = items.ToDictionary(i => i.Id, i => i.Parameters, StringComparer.Ordinal);
            var matrix = ResponseMatrix.Load(responsesPath, byId.Keys.ToHashSet(StringComparer.Ordinal));
            string csv = Score(matrix, byId, chosen, mlMinimum);
            WriteAtomically(outPath, csv);
            stdout.WriteLine($"scored {matrix.Examinees.Count} examinees on {matrix.ItemIds.Count} items with {string.Join(",", chosen)} -> {outPath}");
            return 0;
        }
        catch (InputFormatException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write {outPath}: {e.Message}");
            return 1;
        }
    }

    private static string Score(ResponseMatrix matrix, Dictionary<string, ItemParameters> byId, List<string> chosen, int mlMinimum)
    {
        // CLI names → kinds; the estimators themselves (catR's oracle settings) come from the library's one map.
        var estimators = chosen.Distinct().ToDictionary(name => name, name => AbilityEstimators.Create(name switch
        {
            "eap" => EstimatorKind.ExpectedAPosteriori,
            "map" => EstimatorKind.MaximumAPosteriori,
            "mle" => EstimatorKind.MaximumLikelihood,
            _ => EstimatorKind.WeightedLikelihood,
        }));
        var columns = matrix.ItemIds.Select(id => byId[id]).ToArray();
        var sb = new StringBuilder("examinee,estimator,theta,se\n");
        var items = new List<ItemParameters>();
        var correct = new List<bool>();
        for (int r = 0; r < matrix.Examinees.Count; r++)
        {
            items.Clear();
            correct.Clear();
            for (int c = 0; c < columns.Length; c++)
            {
                if (matrix[r, c] is { } x)
                {
                    items.Add(columns[c]);
                    correct.Add(x);
                }
            }

            int right = correct.Count(x => x);
            bool mixed = right > 0 && right < correct.Count && correct.Count >= mlMinimum;
            foreach (string name in chosen)
            {
                // ML and WLE have no finite interior estimate for constant patterns and are unstable on very short
                // ones; like the oracle, write them only for mixed patterns of at least mlMinimum responses.
                if (name is "mle" or "wle" && !mixed) continue;
                var estimate = estimators[name].Estimate(items.ToArray(), correct.ToArray());
                sb.Append(CultureInfo.InvariantCulture, $"{matrix.Examinees[r]},{name},{estimate.Theta:F6},{FormatSe(estimate.StandardError)}\n");
            }
        }

        return sb.ToString();
    }

    private static string FormatSe(double se) => double.IsFinite(se) ? se.ToString("F6", CultureInfo.InvariantCulture) : "Inf";

    private static void WriteAtomically(string path, string content)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        string temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temp, content, new UTF8Encoding(false));
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp); // gone already after a successful move; never left behind after a failed one
        }
    }
}
