using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;
using EmrCat.Irt;
using EmrCat.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace EmrCat.Tests.Reporting;

/// <summary>FsCheck generators of answered items for score reports and error logs.</summary>
internal static class ResponseGen
{
    /// <summary>Scored answered items in the EMR blueprint's domains, ids s0, s1, ….</summary>
    public static Gen<AnsweredItem[]> ScoredItems(int min, int max) =>
        from n in Gen.Choose(min, max)
        from items in ItemIn(Gen.Elements("scene", "primary", "secondary", "treatment", "operations")).ArrayOf(n)
        select items.Select((t, i) => new AnsweredItem($"s{i}", t.Domain, t.Parameters, t.Correct)).ToArray();

    /// <summary>Pilot answered items, ids p0, p1, …, in any domain (including ones the blueprint lacks).</summary>
    public static Gen<AnsweredItem[]> PilotItems(int min, int max) =>
        from n in Gen.Choose(min, max)
        from items in ItemIn(Gen.Elements("scene", "primary", "secondary", "treatment", "operations", "experimental")).ArrayOf(n)
        select items.Select((t, i) => new AnsweredItem($"p{i}", t.Domain, t.Parameters, t.Correct, IsPilot: true)).ToArray();

    /// <summary>Answered items with everything an error log looks at varied: pilot flag, tags, stems, times, time-outs.</summary>
    public static Gen<AnsweredItem[]> SessionItems(int min, int max) =>
        from n in Gen.Choose(min, max)
        from rows in (
            from t in ItemIn(Gen.Elements("scene", "primary", "treatment"))
            from pilot in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
            from tags in Gen.Elements<string[]>([], ["scope"], ["sequence"], ["scope", "sequence"], ["pediatric"])
            from stem in Gen.Elements("Which action comes first?", "The patient is unresponsive.", "All of these EXCEPT:", "Choose the dose.", "Cannot breathe.")
            from seconds in Gen.Choose(1, 120)
            from measured in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)))
            from timedOut in Gen.Frequency((12, Gen.Constant(false)), (1, Gen.Constant(true)))
            select (t, pilot, tags, stem, seconds, measured, timedOut)).ArrayOf(n)
        select rows.Select((r, i) => new AnsweredItem($"i{i}", r.t.Domain, r.t.Parameters, r.t.Correct && !r.timedOut, r.pilot)
        {
            Tags = r.tags,
            Stem = r.stem,
            ResponseTime = r.measured ? TimeSpan.FromSeconds(r.seconds) : null,
            TimedOut = r.timedOut,
            Chosen = r.timedOut ? [] : ["A"],
            Key = ["B"],
        }).ToArray();

    private static Gen<(string Domain, ItemParameters Parameters, bool Correct)> ItemIn(Gen<string> domains) =>
        from domain in domains
        from parameters in EmrCatGen.Item
        from correct in Gen.Elements(true, false)
        select (domain, parameters, correct);
}
