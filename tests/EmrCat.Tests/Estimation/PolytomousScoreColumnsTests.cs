using EmrCat.Estimation;
using EmrCat.Irt;

namespace EmrCat.Tests.Estimation;

/// <summary>
/// The vector columns agree with the scalar category kernel on the score and information, on the one-exp fast path
/// and where a weight overflows and the normalized path takes over.
/// </summary>
public class PolytomousScoreColumnsTests
{
    private static readonly (ItemParameters Item, int Category)[] Answers =
    [
        (ItemParameters.GeneralizedPartialCredit(1.3, [-0.4, 0.8, 0.1]), 2),
        (ItemParameters.PartialCredit([1.5, -1.0]), 0),
        (ItemParameters.GeneralizedPartialCredit(3.9, [-2.5, -2.0, -1.0, 0.5, 2.5]), 5),
        (ItemParameters.Graded(0.8, [-1.0, 0.2, 1.1]), 1),
        (ItemParameters.GeneralizedPartialCredit(0.6, [0.3]), 1),
        (ItemParameters.Graded(2.2, [0.5]), 0),
    ];

    [Theory]
    [InlineData(-6.0)]
    [InlineData(-1.3)]
    [InlineData(0.0)]
    [InlineData(2.7)]
    [InlineData(6.0)]
    [InlineData(250.0)] // e^{3.9·250} overflows: the normalized path
    [InlineData(-250.0)]
    public void ScoreAndInformation_MatchTheScalarKernel(double theta)
    {
        var columns = new PolytomousScoreColumns(1.0, Answers.Length);
        double score = 0, information = 0;
        foreach (var (item, category) in Answers)
        {
            columns.Add(item, category);
            score += CategoryTerms.Score(item, theta, 1.0, category);
            information += CategoryTerms.Information(item, theta, 1.0);
        }

        Assert.Equal(score, columns.Score(theta), 1e-9 * Math.Max(1, Math.Abs(score)));
        Assert.Equal(information, columns.Information(theta), 1e-9 * Math.Max(1, information));
        Assert.True(double.IsFinite(columns.Score(theta)) && double.IsFinite(columns.Information(theta)));
    }
}
