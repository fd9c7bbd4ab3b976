using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using HubFeed.Catalog;
using HubFeed.Layout;
using HubFeed.Pipeline;
using HubFeed.Publishing;
using HubFeed.Tests.Infrastructure;
using Json.Schema;

namespace HubFeed.Tests.Publishing;

/// <summary>
/// What a full run publishes for Objective 11 (JSON Feed, Atom, HTML list, pagination, nothing rewritten when nothing
/// changed), read back through the published-files port on the in-memory storage. What Blob Storage itself shows
/// (publish races, create-only immutable copies, CORS, every URL answering) is <see cref="FeedTests"/> on Azurite.
/// </summary>
public sealed class FeedContentTests
{
    private static async Task<(TestApp App, string Feed)> PublishedAsync(IDictionary<string, string?>? settings = null)
    {
        var app = await TestApp.StartInMemoryAsync(settings);
        var report = await app.Get<HubFeedRunner>().RunAsync(RunTrigger.Cli, CancellationToken.None);
        Assert.True(report.Succeeded, report.Sources[0].Run.Error);
        return (app, await app.PublishedTextAsync(app.Get<PublishJob>().Layout.Url(BlobLayout.JsonFeed(TestSources.Scope(11)))));
    }

    [Fact]
    public async Task The_json_feed_is_valid_json_feed_1_1_under_100_KB_and_an_independent_reader_sees_every_item()
    {
        var (app, feed) = await PublishedAsync();
        await using var _ = app;

        Assert.True(Encoding.UTF8.GetByteCount(feed) < 100 * 1024, $"feed.json is {Encoding.UTF8.GetByteCount(feed)} bytes");
        var schema = FeedTests.JsonFeedSchema.Value;
        var result = schema.Evaluate(JsonDocument.Parse(feed).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, JsonSerializer.Serialize(result));

        var node = JsonNode.Parse(feed)!;
        Assert.Equal("https://jsonfeed.org/version/1.1", (string?)node["version"]);
        Assert.Equal("https://migrationnetwork.un.org/taxonomy/term/289", (string?)node["home_page_url"]);
        var ids = node["items"]!.AsArray().Select(i => (string)i!["id"]!).ToList();

        var reader = CodeHollow.FeedReader.FeedReader.ReadFromString(feed);
        Assert.Equal(213, reader.Items.Count);
        Assert.Equal(ids, reader.Items.Select(i => i.Id));
        Assert.Equal(SnapshotTruth.Load().Items.Select(i => i.Url).Order(), ids.Order());
    }

    [Fact]
    public async Task The_atom_feed_parses_back_with_syndication_and_an_independent_reader()
    {
        var (app, _) = await PublishedAsync();
        await using var __ = app;
        var atom = await app.PublishedTextAsync(app.Get<PublishJob>().Layout.Url(BlobLayout.Atom(TestSources.Scope(11))));

        using var reader = XmlReader.Create(new StringReader(atom));
        var feed = SyndicationFeed.Load(reader);
        Assert.Equal(213, feed.Items.Count());
        // A summary only where the Hub has one (41 of 213), never the title again.
        var summaries = feed.Items.Where(i => i.Summary is not null).ToList();
        Assert.Equal(41, summaries.Count);
        Assert.All(summaries, i => Assert.NotEqual(i.Title.Text, ((TextSyndicationContent)i.Summary).Text));
        var independent = CodeHollow.FeedReader.FeedReader.ReadFromString(atom);
        Assert.Equal(CodeHollow.FeedReader.FeedType.Atom, independent.Type);
        Assert.Equal(feed.Items.Select(i => i.Id), independent.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Hostile_titles_are_escaped_in_the_html_list()
    {
        var (app, feed) = await PublishedAsync();
        await using var _ = app;
        Assert.Contains(JsonNode.Parse(feed)!["items"]!.AsArray().Select(i => (string)i!["title"]!), t => t.Contains("<script>alert(1)</script>", StringComparison.Ordinal));
        var html = await app.PublishedTextAsync(app.Get<PublishJob>().Layout.Url(BlobLayout.HtmlList(TestSources.Scope(11))));
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"alternate\" type=\"application/feed+json\"", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_larger_catalog_paginates_with_next_url()
    {
        var (app, feed) = await PublishedAsync(new Dictionary<string, string?> { ["HubFeed:Publish:ItemsPerFeedPage"] = "100" });
        await using var _ = app;
        var ids = new List<string>();
        var url = (string?)JsonNode.Parse(feed)!["feed_url"];
        var pages = 0;
        while (url is not null)
        {
            var page = JsonNode.Parse(await app.PublishedTextAsync(url))!;
            ids.AddRange(page["items"]!.AsArray().Select(i => (string)i!["id"]!));
            url = (string?)page["next_url"];
            pages++;
        }
        Assert.Equal(3, pages);
        Assert.Equal(213, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_second_publish_with_nothing_changed_uploads_nothing()
    {
        var (app, _) = await PublishedAsync();
        await using var __ = app;
        var again = await app.Get<HubFeedRunner>().PublishAsync(CancellationToken.None);
        Assert.True(again.Succeeded);
        Assert.Equal(0, again.Sources.Sum(s => s.Run.BlobsUploaded));
    }
}
