using EmrCat.Irt;

namespace EmrCat.Selection;

/// <summary>
/// Maximum Fisher information at θ̂, exact: the eligible item with the largest I(θ̂); ties go to the lowest bank index.
/// </summary>
public sealed class MaximumInformationSelector : IItemSelector
{
    /// <summary>The shared instance (the selector has no state).</summary>
    public static MaximumInformationSelector Instance { get; } = new();

    /// <inheritdoc />
    public int Select(in SelectionContext context)
    {
        var columns = context.Bank.Columns;
        double scaling = context.Bank.Metric.ScalingConstant, theta = context.Theta;
        int best = -1;
        double bestInformation = double.NegativeInfinity;
        for (int i = 0; i < columns.Count; i++)
        {
            if (!context.IsEligible(i)) continue;
            double information = ResponseTerms.At(columns.A[i], columns.B[i], columns.C[i], columns.D[i], theta, scaling).Information;
            if (information > bestInformation)
            {
                bestInformation = information;
                best = i;
            }
        }

        return best;
    }
}
