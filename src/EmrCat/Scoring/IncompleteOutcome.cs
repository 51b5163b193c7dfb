namespace EmrCat.Scoring;

/// <summary>What a session that ends before its minimum number of scored items reports.</summary>
public enum IncompleteOutcome
{
    /// <summary>No decision: the evidence is too thin (the default for practice).</summary>
    Undecided,

    /// <summary>Fail, as an operational exam would.</summary>
    Fail,
}
