namespace EmrCat.Selection;

/// <summary>How the next scored item is ranked.</summary>
public enum SelectionMethod
{
    /// <summary>Maximum Fisher information at θ̂ (exact).</summary>
    MaximumInformation,

    /// <summary>Kullback–Leibler information over an interval around θ̂.</summary>
    KullbackLeibler,

    /// <summary>A uniformly random eligible item (a baseline).</summary>
    Random,
}
