using System.Text;
using EmrCat.Banks;
using EmrCat.Estimation;
using EmrCat.Fuzz;
using EmrCat.IO;
using EmrCat.Tests.Fixtures;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmrCat.Tests.Reliability;

/// <summary>
/// <see cref="ItemParameterTable"/> and <see cref="ResponseMatrix"/> on mutated copies of the catR fixture tables
/// (bit flips, truncation, deletions, insertions of CSV tokens, huge numbers, long strings, splices, random bytes):
/// each loads or throws <see cref="InputFormatException"/>, never anything else, a hang, or unbounded memory.
/// </summary>
public class CsvLoaderFuzzTests
{
    private static readonly byte[] Params = File.ReadAllBytes(FixturePaths.CatR("params.csv"));
    private static readonly byte[] Responses = File.ReadAllBytes(FixturePaths.CatR("responses.csv"));
    private static readonly HashSet<string> Known = ItemParameterTable.Parse("params.csv", Encoding.UTF8.GetString(Params)).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);

    [Property(MaxTest = 400)]
    public Property ItemParameterTableParse_MutatedTable_LoadsOrThrowsInputFormatException() =>
        Prop.ForAll(Mutations.Several.ToArbitrary(), mutations =>
        {
            string csv = Encoding.UTF8.GetString(Mutations.Apply(Params, mutations, Mutations.CsvTokens));
            return LoaderOracle.LoadsOrRefuses<InputFormatException>(csv.Length * 2L, () => ItemParameterTable.Parse("params.csv", csv), Describe(mutations));
        });

    [Property(MaxTest = 400)]
    public Property ResponseMatrixParse_MutatedMatrix_LoadsOrThrowsInputFormatException() =>
        Prop.ForAll(Mutations.Several.ToArbitrary(), mutations =>
        {
            string csv = Encoding.UTF8.GetString(Mutations.Apply(Responses, mutations, Mutations.CsvTokens));
            return LoaderOracle.LoadsOrRefuses<InputFormatException>(csv.Length * 2L, () => ResponseMatrix.Parse("responses.csv", csv, Known), Describe(mutations));
        });

    [Property(MaxTest = 100)]
    public Property Load_MutatedFiles_LoadOrThrowInputFormatException() =>
        Prop.ForAll(Mutations.Several.ToArbitrary(), Mutations.Several.ToArbitrary(), (forParams, forResponses) =>
        {
            using var dir = new TempDirectory();
            string paramsPath = dir.Write("params.csv", Mutations.Apply(Params, forParams, Mutations.CsvTokens));
            string responsesPath = dir.Write("responses.csv", Mutations.Apply(Responses, forResponses, Mutations.CsvTokens));
            long size = new FileInfo(paramsPath).Length + new FileInfo(responsesPath).Length;
            return LoaderOracle.LoadsOrRefuses<InputFormatException>(size * 2, () =>
            {
                var ids = ItemParameterTable.Load(paramsPath).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
                ResponseMatrix.Load(responsesPath, ids);
            }, Describe(forParams) + " | " + Describe(forResponses));
        });

    private static string Describe(IEnumerable<Mutation> mutations) => string.Join(" ", mutations.Select(m => m.ToString()));
}
