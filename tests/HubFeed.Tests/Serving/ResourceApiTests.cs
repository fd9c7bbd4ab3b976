using HubFeed.Functions;
using HubFeed.Rendering;
using HubFeed.Serving;
using HubFeed.Tests.Functions;
using Microsoft.AspNetCore.Http;

namespace HubFeed.Tests.Serving;

/// <summary>
/// The resource and embed API on the real service graph after a full run, on the in-memory storage: it answers from the
/// published feeds. That it reads no catalog table per request, with the table really gone, is <see cref="ResourceApiStorageTests"/>.
/// </summary>
public sealed class ResourceApiTests
{
    internal static HttpRequest Get(string query, string? ifNoneMatch = null, string path = "/api/objectives/11/resources")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1", 7071);
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query.Length == 0 ? "" : "?" + query);
        context.Request.Query = new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query));
        if (ifNoneMatch is not null)
        {
            context.Request.Headers.IfNoneMatch = ifNoneMatch;
        }
        return context.Request;
    }

    private static async Task<TestApp> IngestedAsync()
    {
        var app = await TestApp.StartInMemoryAsync();
        Assert.True((await app.Get<HubFeedRunner>().RunAsync(RunTrigger.Cli, CancellationToken.None)).Succeeded);
        return app;
    }

    [Fact]
    public async Task Pages_follow_next_url_through_every_match_and_filters_apply()
    {
        await using var app = await IngestedAsync();
        var api = ActivatorUtilities.CreateInstance<ResourceFunctions>(app.Services);

        var ids = new List<string>();
        var query = "type=pledge&limit=7";
        for (var guard = 0; query is not null && guard < 50; guard++)
        {
            var request = Get(query);
            var (status, json, _) = await FunctionTests.Render(await api.Resources(request, "11", CancellationToken.None), request);
            Assert.Equal(200, status);
            var items = json.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= 7);
            Assert.All(items, i => Assert.Equal("pledge", i.GetProperty("_gcm").GetProperty("type").GetString()));
            ids.AddRange(items.Select(i => i.GetProperty("id").GetString()!));
            query = json.TryGetProperty("next_url", out var next) ? new Uri(next.GetString()!).Query.TrimStart('?') : null;
        }
        var truth = SnapshotTruth.Load().Items.Where(i => i.Type == "pledge").Select(i => i.Url).Order().ToList();
        Assert.Equal(truth, ids.Order());

        var search = Get("q=frontiere");
        var (_, found, _) = await FunctionTests.Render(await api.Resources(search, "11", CancellationToken.None), search);
        var titles = found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
        Assert.NotEmpty(titles);
        Assert.Equal(SnapshotTruth.Load().Items.Count(i => Folded(i.Title).Contains("frontiere", StringComparison.Ordinal) || Folded(i.Summary ?? "").Contains("frontiere", StringComparison.Ordinal)), titles.Count);
    }

    private static string Folded(string s) => new(s.Normalize(System.Text.NormalizationForm.FormD).Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark).Select(char.ToLowerInvariant).ToArray());

    [Fact]
    public async Task A_matching_if_none_match_gets_304()
    {
        await using var app = await IngestedAsync();
        var api = ActivatorUtilities.CreateInstance<ResourceFunctions>(app.Services);
        var first = Get("limit=5");
        var (status, _, response) = await FunctionTests.Render(await api.Resources(first, "11", CancellationToken.None), first);
        Assert.Equal(200, status);
        var etag = response.Headers.ETag.ToString();
        Assert.StartsWith("\"", etag, StringComparison.Ordinal);
        Assert.Contains("max-age", response.Headers.CacheControl.ToString(), StringComparison.Ordinal);

        var again = Get("limit=5", etag);
        var (notModified, _, _) = await FunctionTests.Render(await api.Resources(again, "11", CancellationToken.None), again);
        Assert.Equal(304, notModified);

        var other = Get("limit=5", "\"something-else\"");
        Assert.Equal(200, (await FunctionTests.Render(await api.Resources(other, "11", CancellationToken.None), other)).Status);
    }

    [Fact]
    public async Task The_embed_endpoint_returns_the_snippet_with_the_chosen_options()
    {
        await using var app = await IngestedAsync();
        var api = ActivatorUtilities.CreateInstance<ResourceFunctions>(app.Services);
        var request = Get("lang=ar&limit=5&types=pledge,practice&theme=dark&heading=3&loading=lazy", path: "/api/objectives/11/embed");
        var (status, _, response) = await FunctionTests.Render(await api.Embed(request, "11", CancellationToken.None), request);
        Assert.Equal(200, status);
        var snippet = FunctionTests.Body(response);
        Assert.Contains("integrity=\"sha384-", snippet, StringComparison.Ordinal);
        Assert.Contains("<gcm-resources objective=\"11\" lang=\"ar\" limit=\"5\" types=\"pledge,practice\" theme=\"dark\" heading-level=\"3\" loading=\"lazy\">", snippet, StringComparison.Ordinal);
        Assert.Contains("href=\"https://migrationnetwork.un.org/taxonomy/term/289\"", snippet, StringComparison.Ordinal);
        // The one generator: the same options give the same snippet as EmbedRenderer (and so the CLI and the demo).
        var expected = EmbedRenderer.Snippet(new EmbedOptions("11", "ar", 5, ["pledge", "practice"], "dark", 3, Lazy: true),
            FeedScope.For(app.Get<SourceRegistry>().Get(11)), app.Get<WidgetFiles>().Pinned(app.Layout));
        Assert.Equal(expected, snippet);

        var bad = Get("theme=neon", path: "/api/objectives/11/embed");
        var (badStatus, json, _) = await FunctionTests.Render(await api.Embed(bad, "11", CancellationToken.None), bad);
        Assert.Equal(400, badStatus);
        Assert.True(json.GetProperty("errors").TryGetProperty("theme", out _));
    }

    [Fact]
    public async Task The_embed_endpoint_never_names_a_widget_file_that_is_not_published()
    {
        await using var app = await TestApp.StartInMemoryAsync(deployWidget: false);
        var api = ActivatorUtilities.CreateInstance<ResourceFunctions>(app.Services);
        var request = Get("", path: "/api/objectives/11/embed");
        var (status, json, response) = await FunctionTests.Render(await api.Embed(request, "11", CancellationToken.None), request);
        Assert.Equal(503, status);
        Assert.Contains("not deployed", json.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("300", response.Headers.RetryAfter.ToString());

        await app.DeployWidgetAsync();
        var again = Get("", path: "/api/objectives/11/embed");
        Assert.Equal(200, (await FunctionTests.Render(await api.Embed(again, "11", CancellationToken.None), again)).Status);
    }

    [Fact]
    public async Task A_malformed_host_header_changes_nothing_the_links_come_from_the_configured_root()
    {
        await using var app = await IngestedAsync();
        var api = ActivatorUtilities.CreateInstance<ResourceFunctions>(app.Services);
        foreach (var host in new[] { "", "bad host", "[::1", "a:b:c", "%%" })
        {
            var request = Get("limit=5");
            request.Host = new HostString(host);
            var (status, _, response) = await FunctionTests.Render(await api.Resources(request, "11", CancellationToken.None), request);
            Assert.True(status == 200, $"Host '{host}': {status}");
            var feed = JsonDocument.Parse(FunctionTests.Body(response)).RootElement;
            Assert.Equal("http://127.0.0.1:7071/api/objectives/11/resources?limit=5", feed.GetProperty("feed_url").GetString());
        }
    }

    [Fact]
    public async Task The_api_answers_with_the_version_the_feeds_show_even_when_the_catalog_is_ahead_of_them()
    {
        await using var app = await IngestedAsync();
        var api = ActivatorUtilities.CreateInstance<ResourceFunctions>(app.Services);
        var state = await app.Get<SourceStateStore>().GetAsync("objective-11", CancellationToken.None);
        var feed = JsonDocument.Parse(await app.PublishedTextAsync(app.Layout.Url(BlobLayout.JsonFeed(TestSources.Scope(11))))).RootElement;
        var shown = feed.GetProperty("_gcm").GetProperty("version").GetString();
        Assert.Equal(new PublishVersion(state.PublishedSequence, state.PublishedHash!, default).ToString(), shown);

        // The catalog moves on (a title edited), the feeds do not (no publish): the API still serves what the feeds show.
        var catalog = app.Get<IResourceCatalog>();
        var rows = await catalog.LoadAsync("objective-11", 11, CancellationToken.None);
        var first = rows.Single(r => r.Url == feed.GetProperty("items")[0].GetProperty("url").GetString());
        await catalog.WriteAsync("objective-11", [first with { Title = "Edited in the catalog only", ContentHash = "changed" }], CancellationToken.None);

        var request = Get("limit=1");
        var (status, json, response) = await FunctionTests.Render(await api.Resources(request, "11", CancellationToken.None), request);
        Assert.Equal(200, status);
        Assert.Equal(shown, response.Headers[ResourceApi.VersionHeader].ToString());
        Assert.Equal(shown, json.GetProperty("_gcm").GetProperty("version").GetString());
        Assert.Equal(first.Title, json.GetProperty("items")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Before_anything_is_published_the_api_says_so_with_a_503_problem()
    {
        await using var app = await TestApp.StartInMemoryAsync();
        var api = ActivatorUtilities.CreateInstance<ResourceFunctions>(app.Services);
        var request = Get("");
        var (status, json, _) = await FunctionTests.Render(await api.Resources(request, "11", CancellationToken.None), request);
        Assert.Equal(503, status);
        Assert.Equal("Not published yet", json.GetProperty("title").GetString());
    }
}
