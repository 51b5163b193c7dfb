using System.Collections.Frozen;

namespace EmrCat.Certification;

/// <summary>A holiday calendar from a fixed set of dates; <see cref="None"/> has no holidays (the default).</summary>
public sealed class HolidayCalendar : IHolidayCalendar
{
    private readonly FrozenSet<DateOnly> _dates;

    /// <summary>Creates a calendar whose holidays are exactly <paramref name="holidays"/>.</summary>
    /// <param name="holidays">The holiday dates.</param>
    public HolidayCalendar(IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        _dates = holidays.ToFrozenSet();
    }

    /// <summary>No holidays: only weekends are skipped.</summary>
    public static HolidayCalendar None { get; } = new([]);

    /// <summary>The holiday dates.</summary>
    public IReadOnlySet<DateOnly> Dates => _dates;

    /// <inheritdoc />
    public bool IsHoliday(DateOnly date) => _dates.Contains(date);
}
