using EmrCat.Stopping;

namespace EmrCat.Sessions;

/// <summary>What a submitted answer did to the session.</summary>
public enum AnswerStatus
{
    /// <summary>The answer was recorded and the next item is ready (<see cref="CatSession.Current"/>).</summary>
    Continuing,

    /// <summary>The answer was recorded and ended the session (a stopping rule fired, or the bank ran out).</summary>
    Ended,

    /// <summary>The time limit had passed: the answer was not recorded and the session ended by time.</summary>
    TimeExpired,
}

/// <summary>The outcome of <see cref="CatSession.Submit(string, IReadOnlyList{string})"/>: whether the answer counted and whether the session goes on.</summary>
/// <param name="Status">Continuing, ended by this answer, or ended by time without it.</param>
/// <param name="Reason">The rule that ended the session; null while it continues.</param>
public readonly record struct SubmitOutcome(AnswerStatus Status, StopReason? Reason)
{
    /// <summary>Whether the answer was recorded (false only when the time limit had passed).</summary>
    public bool Accepted => Status != AnswerStatus.TimeExpired;

    /// <summary>Whether the session has ended (<see cref="CatSession.Result"/> is ready).</summary>
    public bool IsFinished => Status != AnswerStatus.Continuing;
}
