using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using HubFeed.Rendering;
using Json.Schema;

namespace HubFeed.Tests.Publishing;

/// <summary>
/// What a full run publishes for Objective 11 (JSON Feed, Atom, HTML list, pagination, nothing rewritten when nothing
/// changed, the combined feed, what the index names, create-only pinned copies), read back through the published-files
/// port on the in-memory storage. What Blob Storage itself shows (publish races, CORS) is <see cref="FeedTests"/> on
/// Azurite, and its headers and every URL answering over HTTP <see cref="HubFeed.Tests.Pipeline.PipelineTests"/>.
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

    [Fact]
    public async Task The_combined_feed_is_valid_json_feed_and_the_index_names_every_published_file()
    {
        await using var app = await TestApp.StartInMemoryAsync(new Dictionary<string, string?> { ["HubFeed:Source:Objectives"] = "11,12" });
        Assert.True((await app.Get<HubFeedRunner>().RunAsync(RunTrigger.Cli, CancellationToken.None)).Succeeded);
        var schema = FeedTests.JsonFeedSchema.Value;
        var all = await app.PublishedTextAsync(app.Layout.Url("all/feed.json"));
        var result = schema.Evaluate(JsonDocument.Parse(all).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, JsonSerializer.Serialize(result));
        var reader = CodeHollow.FeedReader.FeedReader.ReadFromString(all);
        Assert.Equal(213 + 28 - 4, reader.Items.Count);
        Assert.Equal(reader.Items.Count, reader.Items.Select(i => i.Id).Distinct().Count());

        var index = JsonNode.Parse(await app.PublishedTextAsync(app.Layout.Url(BlobLayout.IndexJson)))!;
        var objectives = index["objectives"]!.AsArray();
        Assert.Equal([11, 12], objectives.Select(o => (int)o!["objective"]!));
        foreach (var o in objectives.Append(index["all"]))
        {
            foreach (var key in new[] { "json_feed", "atom", "html", "snippet_url" })
            {
                if (o![key] is { } url)
                {
                    await AssertPublishedAsync(app, (string)url!);
                }
            }
            Assert.Contains("integrity=\"sha384-", (string)o!["snippet"]!, StringComparison.Ordinal);
        }
        await AssertPublishedAsync(app, (string)index["embed_script"]!);
        Assert.Equal((string)objectives[0]!["version"]!, JsonNode.Parse(await app.PublishedTextAsync((string)objectives[0]!["json_feed"]!))!["_gcm"]!["version"]!.GetValue<string>());
        var page = await app.PublishedTextAsync(app.Layout.Url(BlobLayout.IndexPage));
        Assert.Contains("objective-12/index.html", page, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"description\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Immutable_copies_are_create_only_and_the_snippet_pins_the_widget_with_sri()
    {
        var (app, _) = await PublishedAsync();
        await using var __ = app;
        var layout = app.Get<PublishJob>().Layout;
        var snippet = await app.PublishedTextAsync(layout.Url(BlobLayout.Snippet(TestSources.Scope(11))));
        var match = System.Text.RegularExpressions.Regex.Match(snippet, "src=\"([^\"]+)\" integrity=\"([^\"]+)\"");
        Assert.True(match.Success, snippet);
        var script = await app.PublishedBytesAsync(match.Groups[1].Value);
        Assert.Equal(EmbedRenderer.Integrity(script), match.Groups[2].Value.Replace("&#x2B;", "+", StringComparison.Ordinal));
        Assert.Equal(await app.PublishedBytesAsync(layout.Url(BlobLayout.WidgetStable).AbsoluteUri), script);

        // The pinned copy is create-only: a write of other bytes under its name loses (as every adapter's create-only
        // write does, PublishedStoreContract), and the bytes stay.
        var name = layout.PathOf(match.Groups[1].Value)!;
        var other = new PublishedFile(name, Encoding.UTF8.GetBytes("x"), MediaTypes.Of(name), Immutable: true);
        Assert.False(await app.Get<IPublishedStore>().TryWriteAsync(other, BlobPublisher.ImmutableCache, long.MaxValue, ifVersion: null, CancellationToken.None));
        Assert.Equal(script, await app.PublishedBytesAsync(match.Groups[1].Value));
    }

    /// <summary>A URL the index names is a published file (what answers 200 from Blob Storage).</summary>
    private static async Task AssertPublishedAsync(TestApp app, string url)
    {
        var path = app.Layout.PathOf(url);
        Assert.True(path is not null, $"{url} is not under {app.Layout.Root}");
        Assert.True(await app.Get<IPublishedStore>().ExistsAsync(path, CancellationToken.None), $"{url} is not published");
    }
}
