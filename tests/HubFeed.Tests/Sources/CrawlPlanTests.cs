using System.Globalization;
using HtmlAgilityPack;

namespace HubFeed.Tests.Sources;

/// <summary>The crawl as a pure plan (issue 18, point 2): rounds, resizes, duplicates, convergence and every pager kind, without HTTP.</summary>
public sealed class CrawlPlanTests
{
    private static CrawlPlan Plan(int maxPages = 60, int rounds = 2) =>
        new(maxPages, rounds, n => new Uri($"https://migrationnetwork.un.org/taxonomy/term/289?page={n}"));

    private static ListingRow Row(int item) => new($"https://migrationnetwork.un.org/resources/item-{item}", $"Item {item}", "Resource", "resource", null, null, "en");

    /// <summary>Page <paramref name="page"/> holding <paramref name="items"/>, saying "X - Y of <paramref name="total"/>" (null: no results line).</summary>
    private static ListingPage Page(int page, int? total, IEnumerable<int> items, int? lastPage = null)
    {
        var rows = items.Select(Row).ToList();
        var line = total is { } n ? new ResultsLine(page * 10 + 1, page * 10 + rows.Count, n) : null;
        return new ListingPage(page, line, rows, [], [], null, lastPage);
    }

    /// <summary>A listing of <paramref name="total"/> items 0..total-1 in pages of ten.</summary>
    private static ListingPage Counted(int page, int total) => Page(page, total, Enumerable.Range(page * 10, Math.Min(10, total - page * 10)));

    private static IReadOnlyList<int> Asks(CrawlStep step) => Assert.IsType<CrawlStep.Fetch>(step).Pages;

    [Fact]
    public void A_counted_listing_is_read_in_one_pass_after_its_first_page()
    {
        var plan = Plan();
        Assert.Equal([0], Asks(CrawlPlan.Start));
        Assert.Equal([1, 2], Asks(plan.Next([Counted(0, 25)])));

        var done = Assert.IsType<CrawlStep.Done>(plan.Next([Counted(1, 25), Counted(2, 25)])).Findings;

        Assert.Equal((25, 25, 3, true), (done.Total, done.Rows.Count, done.PageCount, done.Counted));
        Assert.Equal(2, done.PageOf[Row(24).Url]);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => Row(i).Url), done.Rows.Select(r => r.Url));
    }

    [Fact]
    public void An_empty_listing_is_done_at_once_and_one_too_long_fails_naming_the_cap()
    {
        var empty = Assert.IsType<CrawlStep.Done>(Plan().Next([Page(0, 0, [])])).Findings;
        Assert.Equal((0, 0), (empty.Total, empty.Rows.Count));

        var fail = Assert.IsType<CrawlStep.Fail>(Plan(maxPages: 5).Next([Counted(0, 213)]));
        Assert.Contains("22 pages, over the cap of 5", fail.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Items_shifting_between_pages_are_read_again_and_the_rounds_together_converge()
    {
        var plan = Plan();
        plan.Next([Counted(0, 20)]);
        // An item moved from page 1 to page 0 mid-crawl: page 1 repeats item 9 and item 10 is not seen.
        var again = Assert.IsType<CrawlStep.Fetch>(plan.Next([Page(1, 20, [9, .. Enumerable.Range(11, 9)])]));
        Assert.Equal([0, 1], again.Pages);
        Assert.Contains("19 distinct", again.Note, StringComparison.Ordinal);

        var done = Assert.IsType<CrawlStep.Done>(plan.Next([Counted(0, 20), Counted(1, 20)])).Findings;
        Assert.Equal(20, done.Rows.Count);
        Assert.Contains(done.Warnings, w => w.StartsWith("Round 1 found 19 distinct of 20", StringComparison.Ordinal));
    }

    [Fact]
    public void A_whole_pass_agreeing_on_a_new_size_is_read_at_that_size()
    {
        var plan = Plan();
        plan.Next([Counted(0, 20)]);
        Asks(plan.Next([Page(1, 21, Enumerable.Range(10, 10))])); // page 1 already says 21: inconsistent, read again
        // Every page now says 21: a third page exists, fetched before the pass is judged.
        Assert.Equal([2], Asks(plan.Next([Counted(0, 21), Counted(1, 21)])));

        var done = Assert.IsType<CrawlStep.Done>(plan.Next([Counted(2, 21)])).Findings;
        Assert.Equal((21, 21), (done.Total, done.Rows.Count));
        Assert.Contains(done.Warnings, w => w.Contains("went from 20 to 21 items", StringComparison.Ordinal));
    }

    [Fact]
    public void A_listing_that_names_an_item_twice_on_unchanged_pages_keeps_it_once()
    {
        var plan = Plan();
        plan.Next([Counted(0, 20)]);
        var page1 = Page(1, 20, [5, .. Enumerable.Range(11, 9)]);
        Asks(plan.Next([page1]));

        var done = Assert.IsType<CrawlStep.Done>(plan.Next([Counted(0, 20), page1])).Findings;
        Assert.Equal((19, 19), (done.Total, done.Rows.Count));
        Assert.Contains(done.Warnings, w => w.Contains("names 1 item(s) more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void Rounds_that_never_agree_fail_after_the_configured_number()
    {
        var plan = Plan(rounds: 1);
        plan.Next([Counted(0, 20)]);
        Asks(plan.Next([Page(1, 20, Enumerable.Range(10, 9))]));

        var fail = Assert.IsType<CrawlStep.Fail>(plan.Next([Counted(0, 20), Page(1, 20, Enumerable.Range(10, 9))]));
        Assert.Contains("says 20 items but 2 rounds found 19 distinct", fail.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_count_a_mini_pager_is_followed_to_its_end_and_the_findings_say_uncounted()
    {
        var plan = Plan();
        Assert.Equal([1], Asks(plan.Next([Page(0, null, Enumerable.Range(0, 10), lastPage: 1)])));
        Assert.Equal([2], Asks(plan.Next([Page(1, null, Enumerable.Range(10, 10), lastPage: 2)])));

        var done = Assert.IsType<CrawlStep.Done>(plan.Next([Page(2, null, Enumerable.Range(20, 3), lastPage: 1)])).Findings;

        Assert.Equal((23, 23, 3, false), (done.Total, done.Rows.Count, done.PageCount, done.Counted));
        Assert.Contains(done.Warnings, w => w.Contains("no results line", StringComparison.Ordinal) && w.Contains("last good run", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_count_a_pager_that_never_ends_fails_saying_the_end_was_not_found()
    {
        var plan = Plan(maxPages: 3);
        Asks(plan.Next([Page(0, null, Enumerable.Range(0, 10), lastPage: 1)]));
        Asks(plan.Next([Page(1, null, Enumerable.Range(10, 10), lastPage: 2)]));

        var fail = Assert.IsType<CrawlStep.Fail>(plan.Next([Page(2, null, Enumerable.Range(20, 10), lastPage: 3)]));
        Assert.Contains("could not establish where the listing ends", fail.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<a href=\"?page=%2C3\">4</a><a href=\"?page=%2C21\">Last</a>", 21, 1)]
    [InlineData("<a href=\"?page=0,1\" rel=\"next\">Next</a>", 1, 1)]
    [InlineData("<a class=\"button\" href=\"/views/ajax?view_name=taxonomy_term&amp;page=4\">Load more</a>", 4, 0)]
    [InlineData("<a href=\"/views/ajax?view_name=taxonomy_term&amp;page=4\">Elsewhere</a>", null, 0)]
    [InlineData("<a href=\"?page=2\" rel=\"next\"><span class=\"visually-hidden\">Next page</span></a>", 2, 0)]
    public void Every_drupal_pager_names_its_pages(string links, int? last, int element)
    {
        var doc = new HtmlDocument();
        doc.LoadHtml($"<html><body><nav class=\"pager\">{links}</nav></body></html>");

        Assert.Equal((last, element), ResultsLineReader.Pager(doc, new Uri("https://migrationnetwork.un.org/taxonomy/term/289?page=1")));
        Assert.Equal("https://migrationnetwork.un.org/taxonomy/term/289?page=,3",
            string.Create(CultureInfo.InvariantCulture, $"{TestSourcesUri(3, 1)}"));
    }

    private static Uri TestSourcesUri(int page, int element) =>
        Infrastructure.TestSources.Objective(11).ListingPage(page, element);
}
