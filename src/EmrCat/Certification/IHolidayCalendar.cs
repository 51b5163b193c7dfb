namespace EmrCat.Certification;

/// <summary>Says which dates are holidays, on which results are not posted. Weekends are handled separately.</summary>
public interface IHolidayCalendar
{
    /// <summary>Whether the date is a holiday.</summary>
    /// <param name="date">The date.</param>
    /// <returns>True on a holiday.</returns>
    bool IsHoliday(DateOnly date);
}
