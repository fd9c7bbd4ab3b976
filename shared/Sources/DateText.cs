using System.Globalization;
using System.Text.RegularExpressions;

namespace HubFeed.Sources;

/// <summary>Dates as listing pages write them: 29 Jan 2026, 29 January 2026, Jan 29, 2026, 2026-01-29, or a time element.</summary>
public static partial class DateText
{
    private static readonly string[] Formats =
    [
        "d MMM yyyy", "dd MMM yyyy", "d MMMM yyyy", "dd MMMM yyyy", "d MMM. yyyy",
        "MMM d, yyyy", "MMMM d, yyyy", "MMM d yyyy", "MMMM d yyyy", "MMM. d, yyyy", "yyyy-MM-dd", "d.M.yyyy", "dd.MM.yyyy",
    ];

    /// <summary>The first date written in <paramref name="text"/>, and how much of the text it takes (0 to 1).</summary>
    public static bool TryFind(string text, out DateOnly date, out double share)
    {
        date = default;
        share = 0;
        foreach (Match m in Pattern().Matches(text))
        {
            var value = Spaces().Replace(Ordinal().Replace(m.Value, "$1").Replace(",", ", ", StringComparison.Ordinal), " ").Replace(" ,", ",", StringComparison.Ordinal).Trim();
            if (DateOnly.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out date)
                || (value.Length > 3 && DateOnly.TryParseExact(ShortenMonth(value), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out date)))
            {
                share = text.Length == 0 ? 0 : m.Length / (double)text.Trim().Length;
                return true;
            }
        }
        return false;
    }

    /// <summary>A time element's datetime attribute: 2026-01-29 or 2026-01-29T10:00:00Z.</summary>
    public static bool TryParseMachine(string value, out DateOnly date)
    {
        value = value.Trim();
        return DateOnly.TryParseExact(value.Length >= 10 ? value[..10] : value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>"Sept 3, 2025" and other four-letter month abbreviations.</summary>
    private static string ShortenMonth(string value) => MonthWord().Replace(value, m => m.Value.Length > 3 && !IsFullMonth(m.Value) ? m.Value[..3] : m.Value, 1);

    private static bool IsFullMonth(string word) => CultureInfo.InvariantCulture.DateTimeFormat.MonthNames.Contains(word, StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})\b")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(\d)(?:st|nd|rd|th)\b|\bof\s+")]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"[A-Za-z]{4,9}")]
    private static partial Regex MonthWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
