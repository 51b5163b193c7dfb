using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;
using FsCheck;
using FsCheck.Fluent;

namespace EmrCat.Tests.Certification;

/// <summary>FsCheck generators for the retake rules: dates, holiday sets and attempt histories (valid and not).</summary>
internal static class AttemptGen
{
    public static readonly DateOnly Epoch = new(2024, 1, 1);

    /// <summary>Dates over about ten years from 2024, every weekday represented.</summary>
    public static Gen<DateOnly> Date { get; } = Gen.Choose(0, 3650).Select(Epoch.AddDays);

    /// <summary>A date and a set of holidays scattered around it (sometimes dense, sometimes none).</summary>
    public static Gen<(DateOnly Date, DateOnly[] Holidays)> DateWithHolidays { get; } =
        from date in Date
        from offsets in Gen.Choose(-5, 30).ArrayOf()
        select (date, offsets.Select(date.AddDays).Distinct().ToArray());

    private static Gen<AttemptResult> Result { get; } = Gen.Frequency(
        (6, Gen.Constant(AttemptResult.Fail)), (1, Gen.Constant(AttemptResult.Pass)), (1, Gen.Constant(AttemptResult.Pending)));

    /// <summary>
    /// Histories valid by construction under the EMR defaults: failures at least 15 days apart, a refresher course
    /// completed after every third failure that is followed by another attempt, only the last attempt may be Pass or
    /// Pending; sometimes a refresher after a final third failure.
    /// </summary>
    public static Gen<AttemptHistory> ValidHistory { get; } =
        from start in Date
        from n in Gen.Choose(0, 10)
        from waits in Gen.Frequency((1, Gen.Constant(15)), (3, Gen.Choose(15, 60))).ArrayOf(n + 1)
        from refresherDelays in Gen.Choose(1, 30).ArrayOf(n + 1)
        from last in Result
        from refresherAfterLast in Gen.Elements(true, false)
        select BuildValid(start, n, waits, refresherDelays, last, refresherAfterLast);

    /// <summary>Valid histories whose last attempt failed.</summary>
    public static Gen<AttemptHistory> ValidHistoryEndingInFailure { get; } =
        ValidHistory.Where(h => h.Attempts.Count > 0 && h.Attempts[^1].Result == AttemptResult.Fail);

    /// <summary>
    /// Histories near the rules' edges, many invalid: two in three are valid histories with one random mutation (an
    /// attempt moved by −20 to +5 days, a refresher dropped or moved, a middle result changed, two attempts swapped, or
    /// nothing); the rest are random (gaps from −3 to 40 days, random results, refreshers anywhere).
    /// </summary>
    public static Gen<AttemptHistory> RawHistory { get; } = Gen.Frequency(
        (1,
            from start in Date
            from n in Gen.Choose(0, 9)
            from gaps in Gen.Frequency((1, Gen.Choose(-3, 14)), (1, Gen.Elements(14, 15)), (3, Gen.Choose(15, 40))).ArrayOf(n)
            from results in Result.ArrayOf(n + 1)
            from refresherCount in Gen.Choose(0, 3)
            from refreshers in Gen.Choose(0, 300).ArrayOf(refresherCount)
            select BuildRaw(start, gaps, results, refreshers)),
        (2,
            from h in ValidHistory
            from kind in Gen.Choose(0, 5)
            from index in Gen.Choose(0, 30)
            from shift in Gen.Frequency((1, Gen.Elements(-1, 1)), (3, Gen.Choose(-20, 5)))
            select Mutate(h, kind, index, shift)));

    private static AttemptHistory BuildValid(DateOnly start, int n, int[] waits, int[] refresherDelays, AttemptResult last, bool refresherAfterLast)
    {
        var attempts = new List<ExamAttempt>();
        var refreshers = new List<DateOnly>();
        var date = start;
        for (int i = 0; i < n; i++)
        {
            if (i > 0)
            {
                var previous = attempts[i - 1].Date;
                date = previous.AddDays(waits[i]);
                if (i % 3 == 0)
                {
                    var refresher = previous.AddDays(refresherDelays[i]);
                    refreshers.Add(refresher);
                    if (refresher > date) date = refresher;
                }
            }

            attempts.Add(new ExamAttempt(date, i == n - 1 ? last : AttemptResult.Fail));
        }

        if (n > 0 && n % 3 == 0 && last == AttemptResult.Fail && refresherAfterLast)
        {
            refreshers.Add(attempts[^1].Date.AddDays(refresherDelays[n]));
        }

        return new AttemptHistory(attempts, refreshers);
    }

    private static AttemptHistory Mutate(AttemptHistory h, int kind, int index, int shift)
    {
        var attempts = h.Attempts.ToList();
        var refreshers = h.RefresherCompletions.ToList();
        switch (kind)
        {
            case 1 when attempts.Count > 0:
                int a = index % attempts.Count;
                attempts[a] = attempts[a] with { Date = attempts[a].Date.AddDays(shift) };
                break;
            case 2 when refreshers.Count > 0:
                refreshers.RemoveAt(index % refreshers.Count);
                break;
            case 3 when refreshers.Count > 0:
                int r = index % refreshers.Count;
                refreshers[r] = refreshers[r].AddDays(shift);
                break;
            case 4 when attempts.Count > 1:
                int m = index % (attempts.Count - 1);
                attempts[m] = attempts[m] with { Result = shift % 2 == 0 ? AttemptResult.Pass : AttemptResult.Pending };
                break;
            case 5 when attempts.Count > 1:
                int i = index % (attempts.Count - 1);
                (attempts[i], attempts[i + 1]) = (attempts[i + 1], attempts[i]);
                break;
        }

        return new AttemptHistory(attempts, refreshers);
    }

    private static AttemptHistory BuildRaw(DateOnly start, int[] gaps, AttemptResult[] results, int[] refresherOffsets)
    {
        var attempts = new List<ExamAttempt> { new(start, results[0]) };
        var date = start;
        for (int i = 0; i < gaps.Length; i++)
        {
            date = date.AddDays(gaps[i]);
            attempts.Add(new ExamAttempt(date, results[i + 1]));
        }

        return new AttemptHistory(attempts, refresherOffsets.Select(start.AddDays));
    }
}
