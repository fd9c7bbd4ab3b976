using System.Globalization;
using System.Text.RegularExpressions;

namespace HubFeed.Tests.Sources;

/// <summary>
/// What a person reads (issue 15, points 1, 3 and 6), on snapshot pages changed in one place: titles of any script,
/// dates read exactly or not at all, hostile values bounded. Pure: no storage, no HTTP.
/// </summary>
public sealed partial class ReadingRulesTests
{
    private static readonly SourceDefinition Source = TestSources.Objective(11);

    private static string Page(int page) => MarkupVariants.Snapshot[page];

    private static ListingPage Parse(string html, int page = 0, ListingStructure? hint = null) =>
        ListingParser.Parse(html, page, Source.ListingPage(page), Source, hint);

    /// <summary>Page 0 with the titles of its first rows replaced (the link text only).</summary>
    private static string WithTitles(params string[] titles)
    {
        var i = 0;
        return TitleLink().Replace(Page(0), m => i < titles.Length ? m.Groups[1].Value + titles[i++] + "</a>" : m.Value);
    }

    [Theory]
    [InlineData("🇺🇳")]
    [InlineData("﷽")]
    [InlineData("ﷺ")]
    [InlineData("✓")]
    [InlineData("A")]
    [InlineData("🤝🌍")]
    public void Any_text_at_the_titles_place_is_the_title(string title)
    {
        var page = Parse(WithTitles(title, "ﷺ", "⚑"));

        Assert.Empty(page.Quarantined);
        Assert.Equal(10, page.Rows.Count);
        Assert.Equal([title, "ﷺ", "⚑"], page.Rows.Take(3).Select(r => r.Title));
    }

    [Fact]
    public void A_link_with_no_text_at_the_titles_place_is_still_set_aside()
    {
        var page = Parse(WithTitles("<span class=\"icon\"></span>"));

        Assert.Single(page.Quarantined);
        Assert.Equal(9, page.Rows.Count);
    }

    [Fact]
    public void Bidirectional_controls_are_removed_from_what_is_read()
    {
        var page = Parse(WithTitles("\u202EevilTitle\u202C next \u2067ok\u2069"));

        Assert.Equal("evilTitle next ok", page.Rows[0].Title);
        Assert.Equal("ab", TextHygiene.Clean("a\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069b"));
    }

    [Fact]
    public void Titles_over_500_and_summaries_over_2000_characters_are_cut_at_a_word_and_the_cut_is_noted()
    {
        var title = string.Join(' ', Enumerable.Repeat("border", 120)); // 839 characters
        var summary = string.Join(' ', Enumerable.Repeat("cooperation", 300)); // 3,599 characters
        var html = WithTitles(title).Replace("Border officials, shelters", summary + " Border officials, shelters", StringComparison.Ordinal);

        var page = Parse(html);

        var row = page.Rows[0];
        Assert.True(row.Title.Length <= RowReader.MaxTitle, $"{row.Title.Length}");
        Assert.EndsWith("border…", row.Title, StringComparison.Ordinal);
        Assert.Contains(page.Warnings, w => w.Contains("title of 839 characters cut to", StringComparison.Ordinal));
        var cut = page.Rows.Single(r => r.Summary?.StartsWith("cooperation", StringComparison.Ordinal) == true).Summary!;
        Assert.True(cut.Length <= RowReader.MaxSummary, $"{cut.Length}");
        Assert.EndsWith("cooperation…", cut, StringComparison.Ordinal);
        Assert.Contains(page.Warnings, w => Regex.IsMatch(w, @"summary of \d{4} characters cut to"));
    }

    [Theory]
    [InlineData("https://x@migrationnetwork.un.org/resources/a-resource")]
    [InlineData("https://migrationnetwork.un.org:pw@evil.example/resources/a-resource")]
    public void A_link_with_a_user_name_is_not_a_Hub_link(string href)
    {
        var html = FirstHref().Replace(Page(0), $"href=\"{href}\"", 1);

        var page = Parse(html);

        Assert.Equal(9, page.Rows.Count);
        Assert.DoesNotContain(page.Rows, r => r.Url.Contains('@', StringComparison.Ordinal));
        Assert.Contains("user name", Assert.Single(page.Quarantined).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01/29/2026 - 10:00", "2026-01-29")]
    [InlineData("Thu, 01/29/2026 - 10:00", "2026-01-29")]
    [InlineData("Thursday, January 29, 2026 - 10:00", "2026-01-29")]
    [InlineData("29/01/2026", "2026-01-29")]
    [InlineData("Fri, 01/02/2026", "2026-01-02")] // Friday: 2 January, not 1 February (a Sunday)
    [InlineData("Sun, 01/02/2026", "2026-02-01")]
    [InlineData("2026-01-29T10:00:00+0100", "2026-01-29")]
    [InlineData("January 29, 2026, 10:00 am", "2026-01-29")]
    public void Drupal_date_formats_read_exactly(string text, string expected)
    {
        Assert.True(DateText.TryRead(text, DateOrder.Unknown, out var date, out var ambiguous), text);
        Assert.False(ambiguous);
        Assert.Equal(expected, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("01/02/2026")] // 2 January or 1 February: nothing says
    [InlineData("Mon, 01/29/2026")] // 29 January 2026 is a Thursday
    [InlineData("Monday, January 29, 2026")]
    public void Dates_that_cannot_be_read_exactly_are_not_read(string text)
    {
        Assert.False(DateText.TryRead(text, DateOrder.Unknown, out _, out _), text);
    }

    [Fact]
    public void A_slash_date_order_comes_from_the_listing_or_the_page_is_refused()
    {
        Assert.Equal(DateOrder.DayFirst, DateText.OrderOf("29/01/2026 and 03/02/2026", out _));
        Assert.Equal(DateOrder.MonthFirst, DateText.OrderOf("01/29/2026 and 02/03/2026", out _));
        Assert.Equal(DateOrder.Unknown, DateText.OrderOf("01/02/2026 and 03/04/2026", out var none));
        Assert.Null(none);
        Assert.True(DateText.TryRead("03/02/2026", DateOrder.DayFirst, out var d, out _));
        Assert.Equal(new DateOnly(2026, 2, 3), d);

        // Day first and month first on one page: refused, naming both.
        var mixed = DateCells().Replace(Page(0), m => m.Groups[1].Value + (m.Index % 2 == 0 ? "29/01/2026" : "01/29/2026") + "</span>");
        var e = Assert.Throws<ListingFormatException>(() => Parse(mixed));
        Assert.Contains("day first and month first", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ambiguous_slash_dates_with_no_evidence_are_kept_without_a_date_and_say_why()
    {
        var html = DateCells().Replace(Page(0), m => m.Groups[1].Value + "01/02/2026</span>");

        var page = Parse(html);

        Assert.All(page.Rows, r => Assert.Null(r.Date));
        Assert.Contains(page.Warnings, w => w.Contains("could be day/month or month/day", StringComparison.Ordinal));
        // The same page after one that showed the order reads every date.
        var hinted = Parse(html, 1, Parse(DateCells().Replace(Page(0), m => m.Groups[1].Value + "13/02/2026</span>")).Structure);
        Assert.Contains(hinted.Rows, r => r.Date == new DateOnly(2026, 2, 1));
    }

    [Fact]
    public void A_row_with_only_an_updated_date_has_no_published_date()
    {
        // Row 7 has no date; every row gains "Last updated" before its published date.
        var html = RowOpen().Replace(Page(0), m => m.Value + "<div class=\"views-field views-field-changed\"><span class=\"views-label\">Last updated: </span><span class=\"field-content\">05 Mar 2026</span></div>");

        var page = Parse(html);

        Assert.Equal(new DateOnly(2026, 1, 29), page.Rows[0].Date);
        Assert.Null(page.Rows.Single(r => r.Url.EndsWith("border-governance-framework", StringComparison.Ordinal)).Date);
        Assert.DoesNotContain(page.Rows, r => r.Date == new DateOnly(2026, 3, 5) || r.Summary?.Contains("2026", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void A_cut_title_takes_the_longer_same_text_but_not_a_different_one()
    {
        var html = TitleLink().Replace(Page(0), m => m.Groups[1].Value.Replace("<a ", "<a title=\"Protecting Migrant Children at Airports: Guidance for Airline and Border Staff\" ", StringComparison.Ordinal) + "Protecting Migrant Children…</a>", 1);
        var other = TitleLink().Replace(Page(0), m => m.Groups[1].Value.Replace("<a ", "<a title=\"Open this resource\" ", StringComparison.Ordinal) + "Protecting Migrant Children…</a>", 1);

        Assert.Equal("Protecting Migrant Children at Airports: Guidance for Airline and Border Staff", Parse(html).Rows[0].Title);
        Assert.Equal("Protecting Migrant Children…", Parse(other).Rows[0].Title);
    }

    [GeneratedRegex(@"(<div class=""views-field views-field-title""><span class=""field-content""><a [^>]*>)[^<]*</a>")]
    private static partial Regex TitleLink();

    [GeneratedRegex(@"href=""/resources/protecting-migrant-children-airports-guidance-airline-and-border-staff""")]
    private static partial Regex FirstHref();

    [GeneratedRegex(@"(<div class=""views-field views-field-created""><span class=""field-content"">)[^<]*</span>")]
    private static partial Regex DateCells();

    [GeneratedRegex(@"<div class=""views-row"">")]
    private static partial Regex RowOpen();
}
