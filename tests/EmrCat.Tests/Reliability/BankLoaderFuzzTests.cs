using EmrCat.Banks;
using EmrCat.Fuzz;
using EmrCat.IO;
using EmrCat.Tests.Fixtures;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmrCat.Tests.Reliability;

/// <summary>
/// The JSON bank loader on mutated copies of <c>small-valid.json</c> (bit flips, truncation, deletions, insertions of
/// JSON tokens, deep nesting, huge numbers, long strings, splices, random bytes, and well-formed edits that replace,
/// remove, repeat or add values): it loads or throws
/// <see cref="BankValidationException"/>, never anything else, a hang, or unbounded memory.
/// </summary>
public class BankLoaderFuzzTests
{
    private static readonly byte[] Valid = File.ReadAllBytes(FixturePaths.Bank("small-valid.json"));
    private static readonly string ValidText = File.ReadAllText(FixturePaths.Bank("small-valid.json"));

    [Property(MaxTest = 500)]
    public Property FromUtf8_MutatedValidBank_LoadsOrThrowsBankValidationException() =>
        Prop.ForAll(Mutations.Several.ToArbitrary(), mutations =>
        {
            byte[] input = Mutations.Apply(Valid, mutations, Mutations.JsonTokens);
            return LoaderOracle.LoadsOrRefuses<BankValidationException>(
                input.Length,
                () => ItemBankJson.FromUtf8("fuzz.json", input, BankValidationOptions.ConsistencyOnly),
                string.Join(" ", mutations.Select(m => m.ToString())));
        });

    [Property(MaxTest = 500)]
    public Property Parse_EditedValidBank_LoadsOrThrowsBankValidationException() =>
        Prop.ForAll(Mutations.JsonEdits.ToArbitrary(), edits =>
        {
            string json = Mutations.Apply(ValidText, edits);
            return LoaderOracle.LoadsOrRefuses<BankValidationException>(
                json.Length * 2L,
                () => ItemBankJson.Parse("fuzz.json", json, BankValidationOptions.ConsistencyOnly),
                json);
        });

    [Property(MaxTest = 100)]
    public Property Load_MutatedValidBankFile_LoadsOrThrowsBankValidationException() =>
        Prop.ForAll(Mutations.Several.ToArbitrary(), mutations =>
        {
            byte[] input = Mutations.Apply(Valid, mutations, Mutations.JsonTokens);
            using var dir = new TempDirectory();
            string path = dir.Write("bank.json", input);
            return LoaderOracle.LoadsOrRefuses<BankValidationException>(
                input.Length,
                () => ItemBankJson.Load(path),
                string.Join(" ", mutations.Select(m => m.ToString())));
        });

    [Fact]
    public void FromUtf8_UnmutatedValidBank_Loads() =>
        Assert.Equal(13, ItemBankJson.FromUtf8("fuzz.json", Valid, BankValidationOptions.ConsistencyOnly).Count);
}
