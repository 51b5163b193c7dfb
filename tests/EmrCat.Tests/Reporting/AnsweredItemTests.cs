using EmrCat.Banks;
using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;
using EmrCat.Irt;

namespace EmrCat.Tests.Reporting;

public class AnsweredItemTests
{
    private static BankItem Bank(ItemStatus status = ItemStatus.Scored) => new()
    {
        Id = "q1",
        Domain = "scene",
        Status = status,
        Tags = ["scope"],
        Stem = "Which is NOT safe?",
        Options = [new ItemOption("A", "a"), new ItemOption("B", "b")],
        Key = ["B"],
        Parameters = new ItemParameters(1.1, 0.2),
    };

    [Fact]
    public void Defaults_ScoredWithEmptyEvidence()
    {
        var a = new AnsweredItem("x", "scene", new ItemParameters(1, 0), true);
        Assert.False(a.IsPilot);
        Assert.True(a.IsScored);
        Assert.Empty(a.Chosen);
        Assert.Empty(a.Key);
        Assert.Empty(a.Tags);
        Assert.Equal("", a.Stem);
        Assert.Null(a.ResponseTime);
        Assert.False(a.TimedOut);
    }

    [Fact]
    public void FromBankItem_RightAnswer_CopiesTheItemAndScoresIt()
    {
        var a = AnsweredItem.FromBankItem(Bank(), ["B"], TimeSpan.FromSeconds(40));
        Assert.Equal(("q1", "scene", true, false), (a.ItemId, a.Domain, a.Correct, a.IsPilot));
        Assert.Equal(new ItemParameters(1.1, 0.2), a.Parameters);
        Assert.Equal(["B"], a.Chosen);
        Assert.Equal(["B"], a.Key);
        Assert.Equal(["scope"], a.Tags);
        Assert.Equal("Which is NOT safe?", a.Stem);
        Assert.Equal(TimeSpan.FromSeconds(40), a.ResponseTime);
    }

    [Fact]
    public void FromBankItem_WrongOrNoAnswer_IsIncorrect()
    {
        Assert.False(AnsweredItem.FromBankItem(Bank(), ["A"]).Correct);
        var timedOut = AnsweredItem.FromBankItem(Bank(), [], timedOut: true);
        Assert.False(timedOut.Correct);
        Assert.True(timedOut.TimedOut);
    }

    [Fact]
    public void FromBankItem_PilotStatus_IsPilot() =>
        Assert.True(AnsweredItem.FromBankItem(Bank(ItemStatus.Pilot), ["B"]).IsPilot);

    [Fact]
    public void HasTag_IsCaseInsensitive()
    {
        var a = new AnsweredItem("x", "scene", new ItemParameters(1, 0), false) { Tags = ["Sequence"] };
        Assert.True(a.HasTag("sequence"));
        Assert.False(a.HasTag("scope"));
    }

    [Fact]
    public void Problems_ValidList_IsEmpty() =>
        Assert.Empty(AnsweredItem.Problems([new AnsweredItem("x", "scene", new ItemParameters(1, 0), false)], "r"));
}
