namespace EmrCat.Scoring;

/// <summary>The classification a session ends with.</summary>
public enum PassFailDecision
{
    /// <summary>θ̂ at or above the cut under the rule that ended the session.</summary>
    Pass,

    /// <summary>θ̂ below the cut under the rule that ended the session.</summary>
    Fail,

    /// <summary>No decision could be made (the session ended before the minimum number of scored items).</summary>
    Undecided,
}
