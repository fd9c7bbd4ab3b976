namespace HubFeed.Tests.Catalog;

/// <summary>The catalog's pure steps, without storage: the diff a complete listing makes, and the guards.</summary>
public sealed class CatalogStepTests
{
    private static readonly DateTimeOffset Then = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Then.AddHours(6);

    private static ListingRow Row(int n, string title = "Title") =>
        new($"https://migrationnetwork.un.org/resources/r-{n}", title + " " + n, "Resource", "resource", new DateOnly(2025, 1, 1), null, "en");

    private static Resource Stored(ListingRow row, DateTimeOffset? withdrawn = null) =>
        ResourceCatalog.ResourceOf(row, 11) with { FirstSeen = Then, LastSeen = Then, LastChanged = Then, Withdrawn = withdrawn };

    [Fact]
    public void The_diff_writes_new_and_changed_rows_withdraws_the_missing_and_brings_back_the_returning()
    {
        var existing = new[] { Stored(Row(1)), Stored(Row(2)), Stored(Row(3)), Stored(Row(4), withdrawn: Then) };
        var listing = new[] { Row(1), Row(2, "Retitled"), Row(4), Row(5) };

        var changes = CatalogDiff.Of(11, existing, listing, Now, Then);

        Assert.Equal((1, 2, 1, 1, 4), (changes.New, changes.Changed, changes.Unchanged, changes.Withdrawn, changes.Active));
        var byUrl = changes.Writes.ToDictionary(w => w.Url);
        Assert.Equal(["r-2", "r-3", "r-4", "r-5"], byUrl.Keys.Select(u => u[(u.LastIndexOf('/') + 1)..]).Order());
        Assert.Equal(Now, byUrl[Row(3).Url].Withdrawn);
        Assert.Equal(Then, byUrl[Row(3).Url].LastSeen); // last seen by the last good run, not this one
        Assert.Null(byUrl[Row(4).Url].Withdrawn);
        Assert.Equal(Then, byUrl[Row(2).Url].FirstSeen);
        Assert.Equal(Now, byUrl[Row(5).Url].FirstSeen);
    }

    [Fact]
    public void The_diff_of_the_same_listing_writes_nothing()
    {
        var rows = Enumerable.Range(0, 50).Select(n => Row(n)).ToList();
        var changes = CatalogDiff.Of(11, rows.Select(r => Stored(r)), rows, Now, Then);
        Assert.Empty(changes.Writes);
        Assert.Equal(50, changes.Unchanged);
    }

    private static CrawlResult Crawl(int total, IReadOnlyList<ListingRow> rows, IReadOnlyList<QuarantinedRow>? set = null) =>
        new(total, rows, set ?? [], 1, 0, [], [], null);

    [Fact]
    public void The_guards_hold_a_sharp_drop_a_sharp_rise_a_field_gone_missing_and_too_many_unreadable_rows()
    {
        var o = new SourceOptions();
        var rows = Enumerable.Range(0, 100).Select(n => Row(n)).ToList();
        var state = new SourceStateRow { LastGoodCount = 100, LastGoodRunId = "good", LastGoodCoverage = FieldCoverage.Of(rows, 0) };

        Assert.Null(RunGuards.Check(Crawl(100, rows), state, o));
        Assert.Null(RunGuards.Check(Crawl(81, rows.Take(81).ToList()), state, o));
        Assert.Equal("count-drop", RunGuards.Check(Crawl(79, rows.Take(79).ToList()), state, o)?.Guard);
        Assert.Null(RunGuards.Check(Crawl(150, [.. rows, .. rows.Take(50).Select(r => r with { Url = r.Url + "-b" })]), state, o));
        Assert.Equal("count-growth", RunGuards.Check(Crawl(151, [.. rows, .. rows.Take(51).Select(r => r with { Url = r.Url + "-b" })]), state, o)?.Guard);

        var undated = rows.Select((r, i) => i < 30 ? r with { Date = null } : r).ToList();
        var verdict = RunGuards.Check(Crawl(100, undated), state, o);
        Assert.Equal("coverage", verdict?.Guard);
        Assert.Contains("The date went missing: 70% of rows have it, down from 100%", verdict!.Reason, StringComparison.Ordinal);
        // Two rows losing a field is not a trend.
        Assert.Null(RunGuards.Check(Crawl(100, rows.Select((r, i) => i < 2 ? r with { Language = null } : r).ToList()), state, o));

        var bad = Enumerable.Range(1, 6).Select(i => new QuarantinedRow(0, i, "the row has no link", "x")).ToList();
        Assert.Null(RunGuards.Check(Crawl(100, rows.Take(95).ToList(), bad.Take(5).ToList()), state, o));
        Assert.Equal("quarantine", RunGuards.Check(Crawl(100, rows.Take(94).ToList(), bad), state, o)?.Guard);
        // At least one row may always be set aside, however short the listing.
        Assert.Null(RunGuards.Check(Crawl(3, rows.Take(2).ToList(), bad.Take(1).ToList()), new SourceStateRow(), o));
    }
}
