using System.Globalization;
using EmrCat.Sessions;

namespace EmrCat.Testing;

/// <summary>A session a <see cref="SimulatedExaminee"/> took to its end, as <see cref="EmrCatGen.Session"/> generates it.</summary>
/// <param name="Examinee">Who took it: replay with <c>Examinee.Take(bank, options)</c>.</param>
/// <param name="Session">The finished session.</param>
public sealed record SimulatedSession(SimulatedExaminee Examinee, CatSession Session)
{
    /// <summary>The session's result.</summary>
    public SessionResult Result => Session.Result;

    /// <summary>The examinee, the decision, the rule that ended the session, θ̂ and the counts: what a counterexample needs.</summary>
    /// <returns>One line.</returns>
    public override string ToString()
    {
        var r = Session.Result;
        return string.Create(CultureInfo.InvariantCulture,
            $"{Examinee}: {r.Decision} by {r.Reason}, θ̂ {r.Theta:F4} (SE {r.StandardError:F4}, cut {r.CutTheta:R}), scaled {r.ReportedScore}, {r.ScoredCount} scored + {r.PilotCount} pilot items");
    }
}
