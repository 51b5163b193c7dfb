using System.Globalization;

namespace EmrCat.Candidates;

/// <summary>Formatting shared by the candidate-facing messages.</summary>
internal static class PlainWords
{
    /// <summary>A date as a candidate reads it: "Tuesday, March 17, 2026" (invariant culture).</summary>
    public static string Date(DateOnly date) => date.ToString("dddd, MMMM d, yyyy", CultureInfo.InvariantCulture);

    /// <summary>"1 attempt", "3 attempts".</summary>
    public static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : string.Create(CultureInfo.InvariantCulture, $"{n} {many}");

    /// <summary>"1st", "2nd", "3rd", "4th", … "11th", "21st".</summary>
    public static string Ordinal(int n)
    {
        string suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return string.Create(CultureInfo.InvariantCulture, $"{n}{suffix}");
    }
}
