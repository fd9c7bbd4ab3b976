namespace HubFeed.Tests.Pipeline;

/// <summary>
/// The guards as pure functions (issue 15, points 4 and 5): a change to many values of one field is held naming the
/// field with before → after examples, a few real edits pass; each verdict says what was observed and whether accepting
/// it can be right. No storage.
/// </summary>
public sealed class RunGuardVerdictTests
{
    private static readonly SourceOptions Options = new() { ContactUrl = new Uri("mailto:tests@hubfeed.invalid") };

    private static ListingRow Row(int i, string? summary = null, DateOnly? date = null) =>
        new($"https://migrationnetwork.un.org/resources/item-{i}", $"Item {i} on border governance", "Resource", "resource", date ?? new DateOnly(2025, 1, 1).AddDays(i), summary, "en");

    private static List<ListingRow> Listing(Func<int, ListingRow> row) => Enumerable.Range(0, 100).Select(row).ToList();

    private static List<Resource> Catalog() => Listing(i => Row(i)).Select(r => ResourceCatalog.ResourceOf(r, 11)).ToList();

    private static CrawlResult Crawl(List<ListingRow> rows, bool counted = true, int pages = 10) =>
        new(rows.Count, rows, [], pages, 0, [], [], null) { Counted = counted, PageCount = pages };

    [Fact]
    public void Dates_changed_in_most_rows_are_held_naming_the_field_with_three_examples()
    {
        var verdict = RunGuards.CheckChanges(Listing(i => Row(i, date: new DateOnly(2026, 3, 1))), Catalog(), Options);

        Assert.NotNull(verdict);
        Assert.Equal("field-change", verdict.Guard);
        Assert.Contains("The date changed in 100 of 100 items", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("item-0: \"2025-01-01\" → \"2026-03-01\"", verdict.Reason, StringComparison.Ordinal);
        Assert.Equal(3, verdict.Reason.Split('→').Length - 1);
        Assert.True(verdict.Acceptable);
        Assert.Contains("hubfeed accept", verdict.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_appearing_in_most_rows_at_once_is_held()
    {
        var verdict = RunGuards.CheckChanges(Listing(i => Row(i, summary: "Last updated: 05 Mar 2026 by the web team")), Catalog(), Options);

        Assert.Contains("The summary appeared in 100 of 100 items that did not have it", verdict!.Reason, StringComparison.Ordinal);
        Assert.Contains("(none) → \"Last updated", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_few_real_edits_pass_and_so_does_a_first_run()
    {
        var edited = Listing(i => i % 10 == 0 ? Row(i) with { Title = $"Item {i}, revised" } : Row(i));

        Assert.Null(RunGuards.CheckChanges(edited, Catalog(), Options)); // 10 of 100: under 20 %
        Assert.Null(RunGuards.CheckChanges(Listing(i => Row(i, date: new DateOnly(2026, 3, 1))), [], Options));
        var stricter = new SourceOptions { ContactUrl = Options.ContactUrl, MaxChangeShare = 0.05 };
        Assert.Equal("field-change", RunGuards.CheckChanges(edited, Catalog(), stricter)?.Guard);
    }

    [Fact]
    public void A_short_listing_without_a_count_line_says_the_size_was_not_established_and_suggests_no_accept()
    {
        var state = new SourceStateRow { LastGoodCount = 213, LastGoodRunId = "run-1" };

        var verdict = RunGuards.Check(Crawl(Listing(i => Row(i)).Take(20).ToList(), counted: false, pages: 2), state, Options)!;

        Assert.Equal("count-drop", verdict.Guard);
        Assert.Contains("no count line", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("ended after 2 page(s) with 20 items", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("could not establish", verdict.Reason, StringComparison.Ordinal);
        Assert.False(verdict.Acceptable);
        Assert.DoesNotContain("hubfeed accept`", verdict.Advice, StringComparison.Ordinal);
        Assert.Contains("hubfeed doctor", verdict.Advice, StringComparison.Ordinal);

        // The Hub's own count going down is a change it shows: accepting it can be right.
        var counted = RunGuards.Check(Crawl(Listing(i => Row(i))), state, Options)!;
        Assert.Contains("100 items, down from 213", counted.Reason, StringComparison.Ordinal);
        Assert.True(counted.Acceptable);
    }

    [Fact]
    public void A_field_gone_names_the_page_and_an_example_row_and_suggests_no_accept()
    {
        var before = FieldCoverage.Of(Listing(i => Row(i)), 0);
        var crawl = Crawl(Listing(i => Row(i) with { Date = null })) with { PageOf = Listing(i => Row(i)).ToDictionary(r => r.Url, _ => 4) };

        var verdict = RunGuards.Check(crawl, new SourceStateRow { LastGoodCount = 100, LastGoodCoverage = before, LastGoodRunId = "run-1" }, Options)!;

        Assert.Equal("coverage", verdict.Guard);
        Assert.Contains("The date went missing: 0% of rows have it, down from 100%", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("on page 4 (row \"Item 0 on border governance\"", verdict.Reason, StringComparison.Ordinal);
        Assert.False(verdict.Acceptable);
    }
}
