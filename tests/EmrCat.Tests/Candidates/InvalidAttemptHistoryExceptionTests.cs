using EmrCat.Candidates;

namespace EmrCat.Tests.Candidates;

public class InvalidAttemptHistoryExceptionTests
{
    [Fact]
    public void Constructor_NamesTheAttemptAndKeepsTheReason()
    {
        var ex = new InvalidAttemptHistoryException(4, new DateOnly(2026, 5, 1), "Complete a refresher first.");
        Assert.Equal(4, ex.AttemptNumber);
        Assert.Equal(new DateOnly(2026, 5, 1), ex.AttemptDate);
        Assert.Equal("Complete a refresher first.", ex.Reason);
        Assert.Equal("history", ex.ParamName);
        Assert.StartsWith("Invalid attempt history: attempt 4 on Friday, May 1, 2026 is not allowed. Complete a refresher first.", ex.Message);
        Assert.IsAssignableFrom<ArgumentException>(ex);
    }
}
