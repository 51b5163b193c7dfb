using EmrCat.Banks;
using EmrCat.Practice.Ui;
using EmrCat.Sessions;

namespace EmrCat.Tests.Practice;

/// <summary>How keys and typed text become answers to select-all and ordering items (the live screen cannot be piped).</summary>
public class ItemResponseTests
{
    private static readonly ItemOption[] Four = [new("W", "w"), new("X", "x"), new("Y", "y"), new("Z", "z")];

    private static ItemResponse For(ItemType type, InputMode mode) =>
        new(new PresentedItem(1, "T-1", "Domain", type, "Stem", Four), mode, rightOptions: 2);

    [Fact]
    public void Live_SelectAll_TogglesLettersAndConfirmsWithEnter()
    {
        var response = For(ItemType.Multiple, InputMode.Keys);

        Assert.Null(response.Apply("", out string? empty));
        Assert.Equal("Check at least one option (A–D), then press Enter.", empty);
        Assert.Null(response.Apply("c", out _));
        Assert.Null(response.Apply("A", out _));
        Assert.Null(response.Apply("d", out _));
        Assert.Null(response.Apply("d", out _)); // unchecked again
        Assert.Equal("Selected: A C", response.Progress());
        Assert.Null(response.Apply("e", out string? wrong));
        Assert.StartsWith("'e' is not an answer here", wrong);

        Assert.Equal(["W", "Y"], response.Apply("", out _));
    }

    [Fact]
    public void Live_Ordering_PlacesLettersBackspaceTakesTheLastAndEnterNeedsAll()
    {
        var response = For(ItemType.Ordered, InputMode.Keys);

        foreach (string key in new[] { "c", "a", "Backspace", "d", "b" }) Assert.Null(response.Apply(key, out _));
        Assert.Equal("Your order: C D B _", response.Progress());
        Assert.Null(response.Apply("", out string? early));
        Assert.Equal("Place all 4 options first to last (3 placed), then press Enter.", early);
        Assert.Null(response.Apply("D", out _)); // a placed letter again takes it out
        Assert.Equal("Your order: C B _ _", response.Progress());
        Assert.Null(response.Apply("a", out _));
        Assert.Null(response.Apply("d", out _));

        Assert.Equal(["Y", "X", "W", "Z"], response.Apply("", out _));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Typed_SelectAllAndOrdering_TakeTheWholeAnswerAtOnce(bool plain)
    {
        var mode = plain ? InputMode.Lines : InputMode.Script;
        Assert.Equal(["X", "Z"], For(ItemType.Multiple, mode).Apply("d, b", out _));
        Assert.Equal(["Z", "W", "Y", "X"], For(ItemType.Ordered, mode).Apply("dacb", out _));
    }

    [Theory]
    [InlineData(ItemType.Multiple, "", "An empty line is not an answer here: type the letters of every option you select, each once")]
    [InlineData(ItemType.Multiple, "AA", "'AA' is not an answer here")]
    [InlineData(ItemType.Multiple, "AE", "'AE' is not an answer here")]
    [InlineData(ItemType.Ordered, "ABC", "'ABC' is not an order of all 4 options: type each of A–D once, first to last (e.g. BCDA)")]
    [InlineData(ItemType.Ordered, "ABCC", "'ABCC' is not an order of all 4 options")]
    [InlineData(ItemType.Ordered, "ABCDE", "'ABCDE' is not an order of all 4 options")]
    [InlineData(ItemType.Single, "AB", "'AB' is not an answer here: A–D answers")]
    public void Typed_MalformedAnswer_IsExplainedAndNotTaken(ItemType type, string token, string message)
    {
        Assert.Null(For(type, InputMode.Lines).Apply(token, out string? why));
        Assert.StartsWith(message, why);
    }

    [Fact]
    public void Instructions_SayHowToAnswerEachType()
    {
        Assert.StartsWith("Select all that apply (select 2): press A–D to check or uncheck, Enter to confirm", For(ItemType.Multiple, InputMode.Keys).Instructions());
        Assert.StartsWith("Select all that apply (select 2): type the letters of your choices, e.g. BA,", For(ItemType.Multiple, InputMode.Lines).Instructions());
        Assert.StartsWith("Put all 4 in order: type every letter first to last, e.g. BCDA,", For(ItemType.Ordered, InputMode.Script).Instructions());
        Assert.StartsWith("Press A–D to answer", For(ItemType.Single, InputMode.Keys).Instructions());
    }
}
