using EmrCat.Certification;
using EmrCat.Coaching;
using EmrCat.Reporting;

namespace EmrCat.Tests.Certification;

public class HolidayCalendarTests
{
    [Fact]
    public void None_HasNoHolidays()
    {
        Assert.Empty(HolidayCalendar.None.Dates);
        Assert.False(HolidayCalendar.None.IsHoliday(new DateOnly(2026, 12, 25)));
    }

    [Fact]
    public void IsHoliday_ListedDates_AreHolidaysAndOthersAreNot()
    {
        var calendar = new HolidayCalendar([new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 25), new DateOnly(2027, 1, 1)]);
        Assert.True(calendar.IsHoliday(new DateOnly(2026, 12, 25)));
        Assert.True(calendar.IsHoliday(new DateOnly(2027, 1, 1)));
        Assert.False(calendar.IsHoliday(new DateOnly(2026, 12, 24)));
        Assert.Equal(2, calendar.Dates.Count);
    }

    [Fact]
    public void Constructor_Null_Throws() => Assert.Throws<ArgumentNullException>(() => new HolidayCalendar(null!));
}
