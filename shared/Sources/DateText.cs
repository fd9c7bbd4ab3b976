using System.Globalization;
using System.Text.RegularExpressions;

namespace HubFeed.Sources;

/// <summary>
/// Dates as listing pages write them: 29 Jan 2026, 29 January 2026, Jan 29, 2026, 2026-01-29 (with a time or not),
/// 29.01.2026, and Drupal's formats: short (01/29/2026 - 10:00), medium (Thu, 01/29/2026 - 10:00), long
/// (Thursday, January 29, 2026 - 10:00), d/m/Y. A weekday must agree with the date. A slash date is read in the order
/// the listing shows (a day over 12, or a weekday, somewhere on the page), never guessed.
/// </summary>
public static partial class DateText
{
    private static readonly string[] Formats =
    [
        "d MMM yyyy", "dd MMM yyyy", "d MMMM yyyy", "dd MMMM yyyy", "d MMM. yyyy",
        "MMM d, yyyy", "MMMM d, yyyy", "MMM d yyyy", "MMMM d yyyy", "MMM. d, yyyy", "yyyy-MM-dd", "d.M.yyyy", "dd.MM.yyyy",
    ];

    /// <summary>
    /// The first date written in <paramref name="text"/>, and how much of the text it takes (0 to 1). A slash date that
    /// could be read both ways counts as a date here (this finds where dates are); <see cref="TryRead"/> reads it.
    /// </summary>
    public static bool TryFind(string text, out DateOnly date, out double share)
    {
        date = default;
        share = 0;
        foreach (Match m in Pattern().Matches(text))
        {
            if (Parse(m, DateOrder.Unknown, out date, out var ambiguous) || ambiguous)
            {
                share = text.Length == 0 ? 0 : m.Length / (double)text.Trim().Length;
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The first date in <paramref name="text"/>, read exactly: false when there is none, or when it is a slash date whose
    /// order neither <paramref name="order"/> nor the date itself decides (<paramref name="ambiguous"/> then says so).
    /// </summary>
    public static bool TryRead(string text, DateOrder order, out DateOnly date, out bool ambiguous)
    {
        date = default;
        ambiguous = false;
        foreach (Match m in Pattern().Matches(text))
        {
            if (Parse(m, order, out date, out ambiguous))
            {
                return true;
            }
            if (ambiguous)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>
    /// The order the slash dates of a text show: month first when one has a second number over 12 (or only that reading
    /// fits its weekday), day first the other way round; Unknown when none decides; <paramref name="conflict"/> when both occur.
    /// </summary>
    public static DateOrder OrderOf(string text, out string? conflict)
    {
        conflict = null;
        string? monthFirst = null;
        string? dayFirst = null;
        // The page's whole text: the full date pattern runs only when a slash date may be there at all.
        if (!SlashDate().IsMatch(text))
        {
            return DateOrder.Unknown;
        }
        foreach (Match m in Pattern().Matches(text))
        {
            if (!m.Groups["slash"].Success)
            {
                continue;
            }
            var md = Parse(m, DateOrder.MonthFirst, out _, out _);
            var dm = Parse(m, DateOrder.DayFirst, out _, out _);
            if (md && !dm)
            {
                monthFirst ??= m.Value;
            }
            else if (dm && !md)
            {
                dayFirst ??= m.Value;
            }
        }
        if (monthFirst is not null && dayFirst is not null)
        {
            conflict = $"\"{dayFirst}\" is day first and \"{monthFirst}\" is month first";
            return DateOrder.Unknown;
        }
        return monthFirst is not null ? DateOrder.MonthFirst : dayFirst is not null ? DateOrder.DayFirst : DateOrder.Unknown;
    }

    /// <summary>A time element's datetime attribute: 2026-01-29 or 2026-01-29T10:00:00Z.</summary>
    public static bool TryParseMachine(string value, out DateOnly date)
    {
        value = value.Trim();
        return DateOnly.TryParseExact(value.Length >= 10 ? value[..10] : value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static bool Parse(Match m, DateOrder order, out DateOnly date, out bool ambiguous)
    {
        ambiguous = false;
        var weekday = m.Groups["wd"].Success ? Weekday(m.Groups["wd"].Value) : null;
        if (m.Groups["slash"].Success)
        {
            return ParseSlash(m, order, weekday, out date, out ambiguous);
        }
        var value = Spaces().Replace(Ordinal().Replace(m.Groups["date"].Value, "$1").Replace(",", ", ", StringComparison.Ordinal), " ").Replace(" ,", ",", StringComparison.Ordinal).Trim();
        var read = DateOnly.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out date)
            || (value.Length > 3 && DateOnly.TryParseExact(ShortenMonth(value), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out date));
        // A weekday that disagrees with the date: one of the two is wrong, and nothing says which.
        return read && (weekday is null || weekday == date.DayOfWeek);
    }

    private static bool ParseSlash(Match m, DateOrder order, DayOfWeek? weekday, out DateOnly date, out bool ambiguous)
    {
        date = default;
        ambiguous = false;
        var a = int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture);
        var b = int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture);
        var y = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        DateOnly? Of(int month, int day) =>
            month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(y, month) && (weekday is null || new DateOnly(y, month, day).DayOfWeek == weekday)
                ? new DateOnly(y, month, day) : null;
        var md = order == DateOrder.DayFirst ? null : Of(a, b);
        var dm = order == DateOrder.MonthFirst ? null : Of(b, a);
        if (md is { } x && dm is { } z && x != z)
        {
            ambiguous = true;
            return false;
        }
        date = md ?? dm ?? default;
        return md is not null || dm is not null;
    }

    private static DayOfWeek? Weekday(string word)
    {
        var names = CultureInfo.InvariantCulture.DateTimeFormat;
        for (var d = DayOfWeek.Sunday; d <= DayOfWeek.Saturday; d++)
        {
            if (string.Equals(word, names.GetDayName(d), StringComparison.OrdinalIgnoreCase) || string.Equals(word, names.GetAbbreviatedDayName(d), StringComparison.OrdinalIgnoreCase))
            {
                return d;
            }
        }
        return null;
    }

    /// <summary>"Sept 3, 2025" and other four-letter month abbreviations.</summary>
    private static string ShortenMonth(string value) => MonthWord().Replace(value, m => m.Value.Length > 3 && !IsFullMonth(m.Value) ? m.Value[..3] : m.Value, 1);

    private static bool IsFullMonth(string word) => CultureInfo.InvariantCulture.DateTimeFormat.MonthNames.Contains(word, StringComparer.OrdinalIgnoreCase);

    // An optional weekday, the date, an optional time (Drupal's " - 10:00", ", 10:00 am", ISO's "T10:00:00Z").
    [GeneratedRegex(@"\b(?:(?<wd>Mon|Tue|Wed|Thu|Fri|Sat|Sun|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\.?,?\s+)?(?:(?<date>\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})|(?<slash>(?<a>\d{1,2})/(?<b>\d{1,2})/(?<y>\d{4})))(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?|\s*(?:[-–,]|at)?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?\b")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"\d/\d{1,2}/\d{4}")]
    private static partial Regex SlashDate();

    [GeneratedRegex(@"(\d)(?:st|nd|rd|th)\b|\bof\s+")]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"[A-Za-z]{4,9}")]
    private static partial Regex MonthWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
