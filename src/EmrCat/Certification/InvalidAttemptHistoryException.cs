namespace EmrCat.Certification;

/// <summary>An attempt history breaks the retake rules; the message and the properties name the attempt.</summary>
public sealed class InvalidAttemptHistoryException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="attemptNumber">1-based number of the offending attempt in the history.</param>
    /// <param name="attemptDate">Its date.</param>
    /// <param name="reason">What is wrong with it, in plain words.</param>
    public InvalidAttemptHistoryException(int attemptNumber, DateOnly attemptDate, string reason)
        : base($"Invalid attempt history: attempt {attemptNumber} on {PlainWords.Date(attemptDate)} is not allowed. {reason}", "history")
    {
        AttemptNumber = attemptNumber;
        AttemptDate = attemptDate;
        Reason = reason;
    }

    /// <summary>1-based number of the offending attempt.</summary>
    public int AttemptNumber { get; }

    /// <summary>Its date.</summary>
    public DateOnly AttemptDate { get; }

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; }
}
