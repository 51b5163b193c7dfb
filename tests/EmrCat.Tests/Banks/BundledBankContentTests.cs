using System.Text.RegularExpressions;
using EmrCat.IO;
using EmrCat.Banks;
using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;
using EmrCat.Tests.Fixtures;

namespace EmrCat.Tests.Banks;

/// <summary>
/// What an item writer could get wrong in the bundled bank and a reviewer would catch: options that give the key away
/// by length or position, scope items that disagree with <see cref="EmrScopeOfPractice"/>, unsourced answers on the
/// settled scope questions, and review metadata that claims more than happened.
/// </summary>
public class BundledBankContentTests
{
    private static readonly Lazy<ItemBank> Lazy = new(() => ItemBankJson.Load(Path.Combine(FixturePaths.Repository, "item-bank", "emr-practice.json")));

    private static ItemBank Bank => Lazy.Value;

    [Fact]
    public void Cues_NoLengthStrategyBeats30PercentAndKeyPositionsAreBalanced()
    {
        var shape = BankShape.Of(Bank);

        Assert.True(shape.Cues.BestLengthStrategyHitRate <= 0.30, $"picking the option of length rank {shape.Cues.BestLengthStrategyRank} scores {shape.Cues.BestLengthStrategyHitRate:P1}");
        Assert.True(shape.Cues.MostCommonKeyPositionShare <= 0.27, $"one key position holds {shape.Cues.MostCommonKeyPositionShare:P1} of the keys");
        Assert.True(shape.Cues.KeyPositions.Min() >= 0.23 * shape.Cues.Items, $"a key position holds only {shape.Cues.KeyPositions.Min()} keys");
    }

    [Fact]
    public void Cues_PerDomain_NoLengthStrategyBeats33PercentAndNoKeyPositionHoldsAThird()
    {
        Assert.All(BankShape.Of(Bank).Domains, d =>
        {
            Assert.True(d.Cues.BestLengthStrategyHitRate <= 0.33, $"{d.Id}: length rank {d.Cues.BestLengthStrategyRank} scores {d.Cues.BestLengthStrategyHitRate:P1}");
            Assert.True(d.Cues.MostCommonKeyPositionShare <= 0.33, $"{d.Id}: one key position holds {d.Cues.MostCommonKeyPositionShare:P1}");
        });
    }

    // A test-wise candidate's other surface guesses: the two-part "complete-looking" option (semicolon or " and "),
    // and the option that shares the most words with the others. Neither may beat 30% overall or 33% in a domain.
    [Fact]
    public void Cues_CompoundAndSharedWordStrategies_StayAtMost30PercentOverallAnd33PerDomain()
    {
        var shape = BankShape.Of(Bank);

        Assert.True(shape.Cues.CompoundStrategyHitRate <= 0.30, $"picking the two-part option scores {shape.Cues.CompoundStrategyHitRate:P1}");
        Assert.True(shape.Cues.SharedWordsStrategyHitRate <= 0.30, $"picking the option sharing the most words scores {shape.Cues.SharedWordsStrategyHitRate:P1}");
        Assert.All(shape.Domains, d =>
        {
            Assert.True(d.Cues.CompoundStrategyHitRate <= 0.33, $"{d.Id}: picking the two-part option scores {d.Cues.CompoundStrategyHitRate:P1}");
            Assert.True(d.Cues.SharedWordsStrategyHitRate <= 0.33, $"{d.Id}: picking the option sharing the most words scores {d.Cues.SharedWordsStrategyHitRate:P1}");
        });
    }

    // Skills as items name them, each with the side of the scope list it belongs to. Every pattern must match an entry
    // of that side of EmrScopeOfPractice, so an item can only be checked against skills the list knows.
    private static readonly (string Pattern, bool Can)[] Skills =
    [
        ("jaw thrust", true), ("head-tilt", true), ("recovery position", true), ("back blows?|abdominal thrusts?|chest thrusts?", true),
        ("oropharyngeal", true), ("nasopharyngeal", true), ("suction", true), ("bag-valve", true), ("(?-i:BVM)", true), ("oxygen", true),
        ("(?-i:CPR)", true), ("(?-i:AED)", true), ("tourniquet", true), ("direct pressure", true), ("wound packing|pack the wound", true),
        ("manual(ly)? (in-line )?stabiliz", true), ("naloxone", true), ("auto-injector", true), ("inhaler", true), ("glucose", true), ("aspirin", true),
        ("childbirth", true), ("obvious (signs? of )?death|lividity|rigor mortis", true), ("isolate", true),
        ("supraglottic", false), ("endotracheal", false), ("(?-i:CPAP)", false), (@"(?-i:\bIV\b)", false), (@"intraosseous|(?-i:\bIO\b)", false),
        ("nitroglycerin", false), ("nebuliz", false), ("traction splint", false), ("long backboard", false), ("interpret|rhythm", false),
        (@"\bneedle\b", false), ("pronounc", false), ("hot zone", false),
    ];

    private static bool Names(string text, string pattern) => Regex.IsMatch(text, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [Fact]
    public void ScopeSkills_AreAllOnTheScopeList()
    {
        Assert.All(Skills, s => Assert.Contains(s.Can ? EmrScopeOfPractice.Can : EmrScopeOfPractice.Cannot, entry => Names(entry, s.Pattern)));
    }

    [Fact]
    public void ScopeItems_NameAKnownSkillAndKeyOnlyWhatTheListAllows()
    {
        var scopeItems = Bank.Items.Where(i => i.HasTag(ItemTags.Scope)).ToList();
        Assert.True(scopeItems.Count >= 20, $"only {scopeItems.Count} scope items");
        var problems = new List<string>();
        foreach (var item in scopeItems)
        {
            // A select-all item has several right options; each of them is a key in the sense of this check.
            var keys = item.Options.Where(o => item.Key.Contains(o.Id)).Select(o => o.Text).ToList();
            var others = item.Options.Where(o => !item.Key.Contains(o.Id)).Select(o => o.Text).ToList();
            string all = $"{item.Stem} {string.Join(" ", item.Options.Select(o => o.Text))} {item.Rationale}";
            bool negative = Regex.IsMatch(item.Stem, @"\b(NOT|EXCEPT)\b");
            if (!Skills.Any(s => Names(all, s.Pattern))) problems.Add($"{item.Id}: names no skill of the scope list");
            foreach (string key in keys)
            {
                bool keyCannot = Skills.Any(s => !s.Can && Names(key, s.Pattern));
                bool keyDefers = Regex.IsMatch(key, @"\b(leave|let|wait|not|don't|withhold|without|no)\b", RegexOptions.IgnoreCase);
                if (negative && !keyCannot) problems.Add($"{item.Id}: a NOT/EXCEPT scope item whose key is not on the cannot list: {key}");
                if (!negative && keyCannot && !keyDefers) problems.Add($"{item.Id}: its key does what the cannot list forbids: {key}");
            }

            if (negative && others.Any(o => Skills.Any(s => !s.Can && Names(o, s.Pattern)))) problems.Add($"{item.Id}: a NOT/EXCEPT distractor is on the cannot list");
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void SettledScopeQuestions_CiteTheirSourceInTheRationale()
    {
        string[] contested = ["auto-injector", "inhaler", "glucose", "aspirin", "cervical collar", "nitroglycerin"];
        var unsourced = Bank.Items
            .Where(i => contested.Any(c => Names($"{i.Stem} {string.Join(" ", i.Options.Select(o => o.Text))}", c)) && (i.HasTag(ItemTags.Scope) || Names(i.Rationale, "scope")))
            .Where(i => !Regex.IsMatch(i.Rationale, @"\[(National EMS Scope of Practice Model 2019|2024 AHA/American Red Cross Guidelines for First Aid|AHA 2025|AHA/Red Cross)[^\]]*\]"))
            .Select(i => i.Id)
            .ToList();
        Assert.Empty(unsourced);
    }

    [Fact]
    public void NamedFixes_AreInTheBank()
    {
        string Key(string id) => Bank.Items.Single(i => i.Id == id).Options.Single(o => o.Id == Bank.Items.Single(i => i.Id == id).Key[0]).Text;

        Assert.All(new[] { "PRI-0019", "PRI-0023", "PRI-0027" }, id => Assert.Matches("back blows", Key(id)));
        Assert.DoesNotContain(Bank.Items, i => Regex.IsMatch(i.Id, "^OPS-00(3[5-9]|4[0-3])$") || i.Id is "PRI-0145" or "PRI-0146" or "PRI-0147");
        Assert.All(new[] { "SEC-0025", "SEC-0026", "SEC-0027" }, id => Assert.Equal("secondary", Bank.Items.Single(i => i.Id == id).Domain));
        Assert.False(Bank.Items.Single(i => i.Id == "SCN-0049").HasTag(ItemTags.Scope));
        Assert.All(new[] { "SCN-0016", "SCN-0064", "PRI-0024", "PRI-0035", "PRI-0047", "TRT-0042", "TRT-0046" }, id => Assert.False(Bank.Items.Single(i => i.Id == id).HasTag(ItemTags.Sequence), id));
        Assert.True(Bank.Items.Count(i => i.HasTag(ItemTags.Triage)) >= 16);
        var start = Bank.Items.Where(i => Regex.IsMatch(i.Stem, @"\b(START|JumpSTART)\b")).ToList();
        Assert.True(start.Count >= 12);
        Assert.All(start, i => Assert.True(i.HasTag(ItemTags.Triage) && i.EnemyGroups.Count > 0, i.Id));
    }

    [Fact]
    public void Review_EveryItemSaysWhoReviewedItAndNoneClaimsAnInstructorSignOff()
    {
        Assert.All(Bank.Items, i =>
        {
            Assert.NotNull(i.Review);
            Assert.Contains("AI-assisted", i.Review!.ReviewerRole, StringComparison.Ordinal);
            Assert.Contains("pending EMS-instructor", i.Review.ReviewerRole, StringComparison.Ordinal);
        });
        Assert.Contains(Bank.Metadata.Sources, s => s.Id == "nsopm-2019");
        Assert.Contains(Bank.Metadata.Sources, s => s.Id == "aha-arc-first-aid-2024");
    }
}
