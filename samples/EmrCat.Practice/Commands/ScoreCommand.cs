using System.CommandLine;
using System.Globalization;
using System.Text;
using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.IO;
using EmrCat.Irt;

namespace EmrCat.Practice.Commands;

/// <summary><c>score</c>: batch-scores a response matrix with the chosen estimators (catR's oracle settings by default).</summary>
internal static class ScoreCommand
{
    private const int DichotomousMlMinimum = 5;
    private const int PolytomousMlMinimum = 3;
    private static readonly string[] AllEstimators = ["eap", "map", "mle", "wle"];

    public static Command Create()
    {
        var parameters = new Option<FileInfo>("--params") { Description = "Item parameters, CSV with header id,a,b,c,d or id,model,a,t1..t5 (grm, gpcm, pcm).", Required = true };
        var responses = new Option<FileInfo>("--responses") { Description = "Responses, CSV: examinee then one column per item id; 1, 0 (or the category 0..K-1) or empty.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write examinee,estimator,theta,se.", Required = true };
        var estimators = new Option<string>("--estimators") { Description = "Comma-separated subset of eap,map,mle,wle.", DefaultValueFactory = _ => "eap,map,mle,wle" };
        var minimum = new Option<int?>("--ml-min-responses")
        {
            Description = "Fewest responses for which ML and WLE rows are written (mixed patterns only). Default 5, or 3 when the table has polytomous items (the catR oracles' conventions).",
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

    public static int Run(string paramsPath, string responsesPath, string outPath, string estimatorList, int? mlMinimum, TextWriter stdout, TextWriter stderr)
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

        return OutputFiles.Run(stderr, outPath, () =>
        {
            var items = ItemParameterTable.Load(paramsPath);
            var byId = items.ToDictionary(i => i.Id, i => i.Parameters, StringComparer.Ordinal);
            var matrix = ResponseMatrix.Load(responsesPath, byId.ToDictionary(p => p.Key, p => p.Value.Categories, StringComparer.Ordinal));
            int minimum = mlMinimum ?? (items.Any(i => i.Parameters.IsPolytomous) ? PolytomousMlMinimum : DichotomousMlMinimum);
            string csv = Score(matrix, byId, chosen, minimum);
            OutputFiles.WriteAtomically(outPath, csv);
            stdout.WriteLine($"scored {matrix.Examinees.Count} examinees on {matrix.ItemIds.Count} items with {string.Join(",", chosen)} -> {outPath}");
            return 0;
        });
    }

    private static string Score(ResponseMatrix matrix, Dictionary<string, ItemParameters> byId, List<string> chosen, int mlMinimum)
    {
        // CLI names → estimators with their documented defaults, which are catR's (range ±6, EAP on 601 points, N(0, 1) prior).
        var estimators = chosen.Distinct().ToDictionary(name => name, name => name switch
        {
            "eap" => new EapEstimator(new EapOptions()),
            "map" => new MapEstimator(new MapOptions()),
            "mle" => new MaximumLikelihoodEstimator(new MaximumLikelihoodOptions()),
            _ => (IAbilityEstimator)new WeightedLikelihoodEstimator(new WeightedLikelihoodOptions()),
        });
        var maximumLikelihood = new MaximumLikelihoodEstimator(new MaximumLikelihoodOptions());
        bool anyMl = chosen.Any(name => name is "mle" or "wle");
        var columns = matrix.ItemIds.Select(id => byId[id]).ToArray();
        var sb = new StringBuilder("examinee,estimator,theta,se\n");
        var items = new List<ItemParameters>();
        var categories = new List<int>();
        for (int r = 0; r < matrix.Examinees.Count; r++)
        {
            items.Clear();
            categories.Clear();
            for (int c = 0; c < columns.Length; c++)
            {
                if (matrix.Category(r, c) is { } x)
                {
                    items.Add(columns[c]);
                    categories.Add(x);
                }
            }

            var pattern = items.ToArray();
            var responses = categories.ToArray();

            // ML and WLE have no finite interior estimate when every response is its item's lowest (or highest)
            // category, and are unstable on very short patterns; like the oracles, write them only for other patterns
            // of at least mlMinimum responses whose likelihood has an interior local maximum (where a root-finder such as
            // catR's finds one). The row is still the highest point on the range, a bound when that is higher.
            bool mlRows = anyMl && pattern.Length >= mlMinimum && !IsExtreme(pattern, responses)
                && maximumLikelihood.HasInteriorMaximum(pattern, responses);
            foreach (string name in chosen)
            {
                if (name is "mle" or "wle" && !mlRows) continue;
                var estimate = estimators[name].Estimate(pattern, responses);
                sb.Append(CultureInfo.InvariantCulture, $"{matrix.Examinees[r]},{name},{estimate.Theta:F6},{FormatSe(estimate.StandardError)}\n");
            }
        }

        return sb.ToString();
    }

    private static bool IsExtreme(ItemParameters[] items, int[] categories)
    {
        bool allLowest = true, allHighest = true;
        for (int i = 0; i < items.Length; i++)
        {
            allLowest &= categories[i] == 0;
            allHighest &= categories[i] == items[i].Categories - 1;
        }

        return allLowest || allHighest;
    }

    private static string FormatSe(double se) => double.IsFinite(se) ? se.ToString("F6", CultureInfo.InvariantCulture) : "Inf";
}
