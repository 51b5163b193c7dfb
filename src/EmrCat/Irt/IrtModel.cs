namespace EmrCat.Irt;

/// <summary>The logistic item response models for dichotomous items.</summary>
public enum IrtModel
{
    /// <summary>One-parameter (Rasch-type): a = 1, c = 0, d = 1.</summary>
    OnePL = 1,

    /// <summary>Two-parameter: c = 0, d = 1.</summary>
    TwoPL = 2,

    /// <summary>Three-parameter: d = 1.</summary>
    ThreePL = 3,

    /// <summary>Four-parameter: all of a, b, c, d free.</summary>
    FourPL = 4,
}
