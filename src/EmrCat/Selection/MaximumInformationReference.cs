using EmrCat.Irt;

namespace EmrCat.Selection;

/// <summary>
/// The plain maximum-information scan: every eligible item's I(θ̂), the largest wins, ties to the lowest index. The
/// reference <see cref="MaximumInformationSelector"/> is tested against.
/// </summary>
internal static class MaximumInformationReference
{
    public static int Select(in SelectionContext context)
    {
        var columns = context.Bank.Columns;
        double scaling = context.Bank.Metric.ScalingConstant, theta = context.Theta;
        int best = -1;
        double bestInformation = double.NegativeInfinity;
        for (int i = 0; i < columns.Count; i++)
        {
            if (!context.IsEligible(i)) continue;
            double information = columns.Information(i, theta, scaling);
            if (information > bestInformation)
            {
                bestInformation = information;
                best = i;
            }
        }

        return best;
    }
}
