using Microsoft.Extensions.Options;

namespace HubFeed.Tests.Sources;

public sealed class ListingParserTests
{
    private static readonly SourceRegistry Registry = new(Options.Create(new SourceOptions
    {
        BaseUrl = new Uri("http://127.0.0.1:5999"),
        ContactUrl = new Uri("mailto:tests@hubfeed.invalid"),
        SourcesFile = Repo.Path("seeds", "sources.json"),
    }));

    private static SourceDefinition Objective11 => Registry.Get(11);

    private static ListingPage ParsePage(int page) =>
        ListingParser.Parse(File.ReadAllText(Repo.Path("seeds", "snapshot", "objective-11", $"page-{page}.html")), page, Objective11.ListingPage(page), Objective11);

    [Fact]
    public void Every_row_of_the_snapshot_matches_the_truth_field_by_field()
    {
        var truth = SnapshotTruth.Load();
        var parsed = Enumerable.Range(0, truth.Pages).SelectMany(p => ParsePage(p).Rows).ToList();

        Assert.Equal(213, truth.Items.Count);
        Assert.Equal(truth.Items.Count, parsed.Count);
        for (var i = 0; i < parsed.Count; i++)
        {
            var (expected, actual) = (truth.Items[i], parsed[i]);
            var where = $"row {i} (page {expected.Page}, position {expected.Position})";
            Assert.True(expected.Url == actual.Url, $"{where}: url {actual.Url} != {expected.Url}");
            Assert.True(expected.Title == actual.Title, $"{where}: title \"{actual.Title}\" != \"{expected.Title}\"");
            Assert.True(expected.TypeLabel == actual.TypeLabel, $"{where}: type label {actual.TypeLabel}");
            Assert.True(expected.Type == actual.Type, $"{where}: type {actual.Type}");
            Assert.True(expected.Date == actual.Date?.ToString("yyyy-MM-dd"), $"{where}: date {actual.Date}");
            Assert.True(expected.Summary == actual.Summary, $"{where}: summary \"{actual.Summary}\" != \"{expected.Summary}\"");
            Assert.True(expected.Language == actual.Language, $"{where}: language {actual.Language}");
        }
    }

    [Fact]
    public void Every_page_reports_its_place_in_the_listing()
    {
        for (var page = 0; page < 22; page++)
        {
            var results = ParsePage(page).Results;
            Assert.NotNull(results);
            Assert.Equal(213, results.Total);
            Assert.Equal(page * 10 + 1, results.First);
            Assert.Equal(Math.Min(page * 10 + 10, 213), results.Last);
        }
    }

    [Fact]
    public void Unknown_type_labels_are_kept_and_reported()
    {
        var pages = Enumerable.Range(0, 22).Select(ParsePage).ToList();
        var podcasts = pages.SelectMany(p => p.Rows).Where(r => r.TypeLabel == "Podcast").ToList();
        Assert.Equal(2, podcasts.Count);
        Assert.All(podcasts, r => Assert.Equal("Podcast", r.Type));
        Assert.Equal(2, pages.SelectMany(p => p.Warnings).Count(w => w.Contains("unknown type label \"Podcast\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_renamed_row_class_is_read_by_structure_and_the_configured_selector_is_named_in_a_warning()
    {
        var html = File.ReadAllText(Repo.Path("seeds", "snapshot", "objective-11", "page-0.html")).Replace("views-row", "node-teaser", StringComparison.Ordinal);
        var page = ListingParser.Parse(html, 0, Objective11.ListingPage(0), Objective11);
        Assert.Equal(ParsePage(0).Rows, page.Rows);
        Assert.Contains(page.Warnings, w => w.Contains(Objective11.Selectors.Row, StringComparison.Ordinal));
        Assert.NotEqual(Objective11.Selectors.Row, page.Structure!.RowXPath);
    }

    [Fact]
    public void A_page_with_no_listing_fails_with_the_page_and_the_selector()
    {
        var html = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(Repo.Path("seeds", "snapshot", "objective-11", "page-0.html")), "href=\"[^\"]*\"", "href=\"#\"");
        var e = Assert.Throws<ListingFormatException>(() => ListingParser.Parse(html, 0, Objective11.ListingPage(0), Objective11));
        Assert.Contains("page=0", e.Message, StringComparison.Ordinal);
        Assert.Contains("1 - 10 of 213", e.Message, StringComparison.Ordinal);
        Assert.Contains(Objective11.Selectors.Row, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_without_a_title_is_set_aside_with_its_position_and_reason_and_the_others_are_read()
    {
        var html = File.ReadAllText(Repo.Path("seeds", "snapshot", "objective-11", "page-1.html"));
        var start = html.IndexOf("views-field-title", StringComparison.Ordinal);
        var anchor = html.IndexOf("<a ", start, StringComparison.Ordinal);
        var end = html.IndexOf("</a>", anchor, StringComparison.Ordinal) + 4;
        html = html[..anchor] + html[end..];
        var page = ListingParser.Parse(html, 1, Objective11.ListingPage(1), Objective11);
        Assert.Equal(9, page.Rows.Count);
        var setAside = Assert.Single(page.Quarantined);
        Assert.Equal((1, 1), (setAside.Page, setAside.Position));
        Assert.Equal("the row has no link", setAside.Reason);
        Assert.StartsWith("Pledge 18 Oct 2025", setAside.Excerpt, StringComparison.Ordinal);
        Assert.Equal(ParsePage(1).Rows.Skip(1), page.Rows);
    }

    [Fact]
    public void A_reworded_results_line_is_read()
    {
        var html = File.ReadAllText(Repo.Path("seeds", "snapshot", "objective-11", "page-2.html")).Replace("Displaying results 21 - 30 of 213", "Showing 21–30 of 1,213 results", StringComparison.Ordinal);
        Assert.Equal(new ResultsLine(21, 30, 1213), ListingParser.Parse(html, 2, Objective11.ListingPage(2), Objective11).Results);
    }

    [Fact]
    public void Without_a_results_line_the_pager_names_the_last_page()
    {
        var html = File.ReadAllText(Repo.Path("seeds", "snapshot", "objective-11", "page-0.html")).Replace("Displaying results 1 - 10 of 213", "", StringComparison.Ordinal);
        var page = ListingParser.Parse(html, 0, Objective11.ListingPage(0), Objective11);
        Assert.Null(page.Results);
        Assert.Equal(21, page.LastPage);
        Assert.Equal(ParsePage(0).Rows, page.Rows);
    }

    [Fact]
    public void Selectors_can_be_overridden_by_configuration()
    {
        var registry = new SourceRegistry(Options.Create(new SourceOptions
        {
            ContactUrl = new Uri("mailto:tests@hubfeed.invalid"),
            SourcesFile = Repo.Path("seeds", "sources.json"),
            Selectors = new ListingSelectorOverrides { Row = "//div[contains(@class,'node-teaser')]" },
        }));
        var source = registry.Get(11);
        var html = File.ReadAllText(Repo.Path("seeds", "snapshot", "objective-11", "page-0.html")).Replace("views-row", "node-teaser", StringComparison.Ordinal);
        Assert.Equal(10, ListingParser.Parse(html, 0, source.ListingPage(0), source).Rows.Count);
    }

    [Theory]
    [InlineData("/resources/a-b", null, "https://migrationnetwork.un.org/resources/a-b", null)]
    [InlineData("/es/pledge/x?utm_source=n&utm_medium=e#main-content", null, "https://migrationnetwork.un.org/pledge/x", "es")]
    [InlineData("HTTPS://MigrationNetwork.UN.org/practice/y/", null, "https://migrationnetwork.un.org/practice/y", null)]
    [InlineData("http://127.0.0.1:5999/node/326", "http://127.0.0.1:5999", "https://migrationnetwork.un.org/node/326", null)]
    [InlineData("/hub?text=&page=2&fbclid=abc", null, "https://migrationnetwork.un.org/hub?text=&page=2", null)]
    public void Urls_are_canonical(string href, string? mirror, string expected, string? language)
    {
        Assert.True(UrlCanonicalizer.TryCanonicalize(href, new Uri("https://migrationnetwork.un.org"), mirror is null ? null : new Uri(mirror), out var url, out var lang));
        Assert.Equal(expected, url.AbsoluteUri);
        Assert.Equal(language, lang);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,x")]
    [InlineData("")]
    public void Non_http_links_are_refused(string href) =>
        Assert.False(UrlCanonicalizer.TryCanonicalize(href, new Uri("https://migrationnetwork.un.org"), null, out _, out _));

    [Fact]
    public void All_23_objectives_resolve_to_their_listing()
    {
        var registry = new SourceRegistry(Options.Create(new SourceOptions
        {
            ContactUrl = new Uri("mailto:tests@hubfeed.invalid"),
            SourcesFile = Repo.Path("seeds", "sources.json"),
            Objectives = string.Join(',', Enumerable.Range(1, 23)),
        }));
        Assert.Equal(23, registry.Enabled.Count);
        foreach (var source in registry.Enabled)
        {
            Assert.Equal(278 + source.Objective, source.Term);
            Assert.Equal($"https://migrationnetwork.un.org/taxonomy/term/{278 + source.Objective}?page=3", source.ListingPage(3).AbsoluteUri);
            Assert.False(string.IsNullOrWhiteSpace(source.Name));
        }
        Assert.Equal("Manage borders in an integrated, secure and coordinated manner", registry.Get(11).Name);
    }
}
