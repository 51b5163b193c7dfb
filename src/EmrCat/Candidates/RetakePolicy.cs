using EmrCat.Internal;

namespace EmrCat.Candidates;

/// <summary>
/// The retake rules of the cognitive exam (EMR defaults from <see cref="RetakePolicyOptions"/>): after a failed attempt
/// the next is allowed from the failure date + 15 days; after the third failure of a cycle a full EMR refresher course is
/// required, and completing one (after that failure) starts a new cycle of three; nothing follows a pass or a pending
/// result; results are expected two business days after an attempt, skipping weekends and the calendar's holidays.
/// </summary>
/// <remarks>
/// A refresher course counts only when it is completed after the failure that used up the cycle; one taken earlier does
/// not reset the count. An attempt is allowed on the day a refresher is completed. Every method validates the history
/// first, with the same rule an attempt on a new date is judged by, and throws
/// <see cref="InvalidAttemptHistoryException"/> naming the first attempt that breaks it. Immutable and thread-safe;
/// "today" comes from the injected <see cref="TimeProvider"/>, in its local time zone.
/// </remarks>
public sealed class RetakePolicy
{
    private readonly RetakePolicyOptions _options;
    private readonly IHolidayCalendar _holidays;
    private readonly TimeProvider _time;

    /// <summary>Creates the policy.</summary>
    /// <param name="options">Options; <see langword="null"/> for the EMR defaults.</param>
    /// <param name="holidays">Holidays on which results are not posted; <see langword="null"/> for <see cref="HolidayCalendar.None"/>.</param>
    /// <param name="timeProvider">The clock for "today"; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public RetakePolicy(RetakePolicyOptions? options = null, IHolidayCalendar? holidays = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new RetakePolicyOptions();
        OptionsGuard.ThrowIfInvalid(nameof(RetakePolicyOptions), _options.Validate());
        _holidays = holidays ?? HolidayCalendar.None;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The options in force.</summary>
    public RetakePolicyOptions Options => _options;

    /// <summary>The holiday calendar in force.</summary>
    public IHolidayCalendar Holidays => _holidays;

    /// <summary>Today's date in the time provider's local time zone.</summary>
    public DateOnly Today => DateOnly.FromDateTime(_time.GetLocalNow().DateTime);

    /// <summary>Where the candidate stands: attempts used in the cycle, passed or not, refresher required or not, the earliest next attempt.</summary>
    /// <param name="history">The attempt history.</param>
    /// <returns>The status.</returns>
    /// <exception cref="InvalidAttemptHistoryException">The history breaks the rules; the message names the attempt.</exception>
    public RetakeStatus Evaluate(AttemptHistory history)
    {
        var state = Walk(history);
        int max = _options.MaxAttemptsBeforeRefresher;
        var (blocker, _, earliest) = Standing(state, history);
        int cycle = state.Cycle, used = state.Used;
        DateOnly? refresher = state.Used == max ? RefresherAfter(history, state.LastFailure) : null;
        if (blocker == AttemptBlocker.None && refresher is not null)
        {
            cycle++;
            used = 0;
        }

        DateOnly? expected = state.PendingOn is { } p ? ExpectedResultsDate(p) : null;
        return new RetakeStatus
        {
            Cycle = cycle,
            AttemptsUsedInCycle = used,
            AttemptsRemainingInCycle = blocker is AttemptBlocker.AlreadyPassed ? 0 : max - used,
            TotalAttempts = state.Total,
            PassedOn = state.PassedOn,
            PendingSince = state.PendingOn,
            ResultsExpectedOn = expected,
            LastFailure = state.LastFailure,
            RefresherRequired = blocker == AttemptBlocker.RefresherRequired,
            Blocker = blocker,
            EarliestNextAttempt = blocker == AttemptBlocker.None ? earliest : null,
            Summary = blocker switch
            {
                AttemptBlocker.AlreadyPassed => $"You passed the cognitive exam on {PlainWords.Date(state.PassedOn!.Value)}. Passing is one gate of certification, not the right to practice.",
                AttemptBlocker.ResultPending => $"Your result for the attempt on {PlainWords.Date(state.PendingOn!.Value)} is pending; expect it by {PlainWords.Date(expected!.Value)}.",
                AttemptBlocker.RefresherRequired => $"You have used all {max} attempts of this cycle. Complete a full EMR refresher course before your next attempt.",
                _ when earliest is { } e => $"Your next attempt ({PlainWords.Ordinal(used + 1)} of {max} in this cycle) is allowed from {PlainWords.Date(e)}.",
                _ => $"You may book your {PlainWords.Ordinal(used + 1)} attempt of {max} in this cycle.",
            },
        };
    }

    /// <summary>Whether an attempt on <paramref name="date"/> is allowed, and if not why, in plain words.</summary>
    /// <param name="history">The attempt history.</param>
    /// <param name="date">The date of the proposed attempt.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="InvalidAttemptHistoryException">The history breaks the rules; the message names the attempt.</exception>
    public AttemptEligibility CanAttemptOn(AttemptHistory history, DateOnly date)
    {
        var state = Walk(history);
        return Check(state, history, date);
    }

    /// <summary>Whether an attempt today (by the injected clock) is allowed.</summary>
    /// <param name="history">The attempt history.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="InvalidAttemptHistoryException">The history breaks the rules.</exception>
    public AttemptEligibility CanAttemptToday(AttemptHistory history) => CanAttemptOn(history, Today);

    /// <summary>
    /// The date results are expected for an attempt: <see cref="RetakePolicyOptions.ResultsDelayBusinessDays"/> business
    /// days later (Saturdays, Sundays and holidays skipped). Always a business day; with a delay of 0, the attempt date
    /// itself if that is a business day, else the next one.
    /// </summary>
    /// <param name="attemptDate">The attempt date.</param>
    /// <returns>The expected results date.</returns>
    public DateOnly ExpectedResultsDate(DateOnly attemptDate)
    {
        var date = attemptDate;
        int remaining = _options.ResultsDelayBusinessDays;
        while (remaining > 0)
        {
            date = date.AddDays(1);
            if (IsBusinessDay(date)) remaining--;
        }

        while (!IsBusinessDay(date)) date = date.AddDays(1);
        return date;
    }

    /// <summary>Whether a date is a business day: Monday to Friday and not a holiday of the calendar.</summary>
    /// <param name="date">The date.</param>
    /// <returns>True on a business day.</returns>
    public bool IsBusinessDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.IsHoliday(date);

    private State Walk(AttemptHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var state = new State(Cycle: 1, Used: 0, Total: 0, LastAttempt: null, LastFailure: null, PassedOn: null, PendingOn: null);
        for (int i = 0; i < history.Attempts.Count; i++)
        {
            var attempt = history.Attempts[i];
            if (!Enum.IsDefined(attempt.Result)) throw new InvalidAttemptHistoryException(i + 1, attempt.Date, $"Its result {(int)attempt.Result} is not Pass, Fail or Pending.");
            var check = Check(state, history, attempt.Date);
            if (!check.Allowed) throw new InvalidAttemptHistoryException(i + 1, attempt.Date, check.Reason);
            if (state.Used == _options.MaxAttemptsBeforeRefresher)
            {
                state = state with { Cycle = state.Cycle + 1, Used = 0 };
            }

            state = state with
            {
                Used = state.Used + 1,
                Total = state.Total + 1,
                LastAttempt = attempt.Date,
                LastFailure = attempt.Result == AttemptResult.Fail ? attempt.Date : state.LastFailure,
                PassedOn = attempt.Result == AttemptResult.Pass ? attempt.Date : null,
                PendingOn = attempt.Result == AttemptResult.Pending ? attempt.Date : null,
            };
        }

        return state;
    }

    /// <summary>What blocks any next attempt whatever its date, and the earliest date otherwise.</summary>
    private (AttemptBlocker Blocker, string Reason, DateOnly? Earliest) Standing(State state, AttemptHistory history)
    {
        int max = _options.MaxAttemptsBeforeRefresher;
        if (state.PassedOn is { } passed)
        {
            return (AttemptBlocker.AlreadyPassed, $"You already passed on {PlainWords.Date(passed)}; there is nothing to retake.", null);
        }

        if (state.PendingOn is { } pending)
        {
            return (AttemptBlocker.ResultPending,
                $"The result of your attempt on {PlainWords.Date(pending)} is still pending (expected by {PlainWords.Date(ExpectedResultsDate(pending))}); wait for it before booking another attempt.",
                null);
        }

        if (state.LastFailure is not { } failure) return (AttemptBlocker.None, "", null);
        DateOnly earliest = failure.AddDays(_options.WaitAfterFailureDays);
        if (state.Used == max)
        {
            if (RefresherAfter(history, failure) is not { } refresher)
            {
                return (AttemptBlocker.RefresherRequired,
                    $"You have used all {max} attempts of this cycle (the last failed on {PlainWords.Date(failure)}); complete a full EMR refresher course before attempting again.",
                    null);
            }

            if (refresher > earliest) earliest = refresher;
        }

        return (AttemptBlocker.None, "", earliest);
    }

    private AttemptEligibility Check(State state, AttemptHistory history, DateOnly date)
    {
        var (blocker, reason, earliest) = Standing(state, history);
        if (blocker != AttemptBlocker.None) return new AttemptEligibility(date, false, blocker, reason, null);
        if (state.LastAttempt is { } last && date <= last)
        {
            return new AttemptEligibility(date, false, AttemptBlocker.NotAfterPreviousAttempt,
                $"An attempt must come after your previous attempt on {PlainWords.Date(last)}.", earliest);
        }

        int max = _options.MaxAttemptsBeforeRefresher;
        bool newCycle = state.Used == max;
        if (newCycle && RefresherAfter(history, state.LastFailure) is { } refresher && refresher > date)
        {
            return new AttemptEligibility(date, false, AttemptBlocker.RefresherRequired,
                $"Your refresher course was completed on {PlainWords.Date(refresher)}; after using all {max} attempts of a cycle you may attempt again only once it is complete.",
                earliest);
        }

        if (earliest is { } e && date < e)
        {
            return new AttemptEligibility(date, false, AttemptBlocker.WaitingPeriod,
                $"You must wait {_options.WaitAfterFailureDays} days after a failed attempt: your attempt on {PlainWords.Date(state.LastFailure!.Value)} failed, so the earliest date is {PlainWords.Date(e)}.",
                e);
        }

        int number = newCycle ? 1 : state.Used + 1;
        string cycleNote = newCycle ? " of a new cycle, after your refresher course" : " in this cycle";
        return new AttemptEligibility(date, true, AttemptBlocker.None,
            $"An attempt on {PlainWords.Date(date)} is allowed: it would be your {PlainWords.Ordinal(number)} of {max}{cycleNote}.",
            earliest);
    }

    /// <summary>The first refresher course completed after <paramref name="failure"/>, or <see langword="null"/>.</summary>
    private static DateOnly? RefresherAfter(AttemptHistory history, DateOnly? failure)
    {
        if (failure is not { } f) return null;
        foreach (var r in history.RefresherCompletions)
        {
            if (r > f) return r;
        }

        return null;
    }

    private readonly record struct State(int Cycle, int Used, int Total, DateOnly? LastAttempt, DateOnly? LastFailure, DateOnly? PassedOn, DateOnly? PendingOn);
}
