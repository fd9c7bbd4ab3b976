using System.Net;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Azure.Storage.Blobs;
using HubFeed.Catalog;
using HubFeed.Layout;
using HubFeed.Pipeline;
using HubFeed.Publishing;
using HubFeed.Rendering;
using HubFeed.Tests.Infrastructure;
using Json.Schema;

namespace HubFeed.Tests.Publishing;

/// <summary>
/// What Blob Storage shows of a publish, on Azurite: every URL the index names answers over HTTP, two publishes at once
/// leave the newer, immutable copies are create-only, and CORS lets another origin read. What the files hold is
/// <see cref="FeedContentTests"/> (in-memory storage).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FeedTests(AzuriteFixture fixture)
{
    /// <summary>The JSON Feed 1.1 schema (npm jsonfeed-schema), loaded once: the schema registry takes each schema once.</summary>
    internal static readonly Lazy<JsonSchema> JsonFeedSchema = new(() => JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "schemas", "jsonfeed-1.1.json")));

    private static async Task<(TestApp App, string Feed)> PublishedAsync(AzuriteFixture fixture, IDictionary<string, string?>? settings = null)
    {
        var app = await TestApp.StartAsync(fixture.Azurite, settings);
        var report = await app.Get<HubFeedRunner>().RunAsync(RunTrigger.Cli, CancellationToken.None);
        Assert.True(report.Succeeded, report.Sources[0].Run.Error);
        using var http = new HttpClient();
        return (app, await http.GetStringAsync(app.Get<PublishJob>().Layout.Url(BlobLayout.JsonFeed(TestSources.Scope(11)))));
    }

    [Fact]
    public async Task The_combined_feed_is_valid_json_feed_and_the_index_names_every_published_file()
    {
        await using var app = await TestApp.StartAsync(fixture.Azurite, new Dictionary<string, string?> { ["HubFeed:Source:Objectives"] = "11,12" });
        Assert.True((await app.Get<HubFeedRunner>().RunAsync(RunTrigger.Cli, CancellationToken.None)).Succeeded);
        using var http = new HttpClient();
        var schema = JsonFeedSchema.Value;
        var all = await http.GetStringAsync(app.Layout.Url("all/feed.json"));
        var result = schema.Evaluate(JsonDocument.Parse(all).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, JsonSerializer.Serialize(result));
        var reader = CodeHollow.FeedReader.FeedReader.ReadFromString(all);
        Assert.Equal(213 + 28 - 4, reader.Items.Count);
        Assert.Equal(reader.Items.Count, reader.Items.Select(i => i.Id).Distinct().Count());

        var index = JsonNode.Parse(await http.GetStringAsync(app.Layout.Url(BlobLayout.IndexJson)))!;
        var objectives = index["objectives"]!.AsArray();
        Assert.Equal([11, 12], objectives.Select(o => (int)o!["objective"]!));
        foreach (var o in objectives.Append(index["all"]))
        {
            foreach (var key in new[] { "json_feed", "atom", "html", "snippet_url" })
            {
                if (o![key] is { } url)
                {
                    Assert.Equal(HttpStatusCode.OK, (await http.GetAsync((string)url!)).StatusCode);
                }
            }
            Assert.Contains("integrity=\"sha384-", (string)o!["snippet"]!, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync((string)index["embed_script"]!)).StatusCode);
        Assert.Equal((string)objectives[0]!["version"]!, JsonNode.Parse(await http.GetStringAsync((string)objectives[0]!["json_feed"]!))!["_gcm"]!["version"]!.GetValue<string>());
        var page = await http.GetStringAsync(app.Layout.Url(BlobLayout.IndexPage));
        Assert.Contains("objective-12/index.html", page, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"description\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_publishes_at_once_leave_a_consistent_stable_name_and_an_older_one_never_overwrites_a_newer_one()
    {
        await using var app = await TestApp.StartAsync(fixture.Azurite);
        var publisher = app.Get<BlobPublisher>();
        var older = Encoding.UTF8.GetBytes("{\"v\":\"older\"}");
        var newer = Encoding.UTF8.GetBytes("{\"v\":\"newer\"}");
        const long t0 = 5;
        var results = await Task.WhenAll(
            publisher.PublishAsync([new PublishedFile("objective-11/race.json", older, JsonFeedRenderer.MediaType)], t0, CancellationToken.None),
            publisher.PublishAsync([new PublishedFile("objective-11/race.json", newer, JsonFeedRenderer.MediaType)], t0 + 1, CancellationToken.None));

        var blob = new BlobContainerClient(fixture.Azurite.ConnectionString, app.Container).GetBlobClient("objective-11/race.json");
        var content = (await blob.DownloadContentAsync()).Value;
        Assert.Equal("{\"v\":\"newer\"}", content.Content.ToString());
        Assert.Equal(new PublishedFile("x", newer, "").Hash, content.Details.Metadata["contenthash"]);

        // Late arrival of the older one changes nothing.
        var late = await publisher.PublishAsync([new PublishedFile("objective-11/race.json", older, JsonFeedRenderer.MediaType)], t0, CancellationToken.None);
        Assert.Equal((0, 1), (late.Uploaded, late.LostToNewer));
        Assert.Equal("{\"v\":\"newer\"}", (await blob.DownloadContentAsync()).Value.Content.ToString());
        Assert.Contains(results, r => r.Uploaded > 0);
    }

    [Fact]
    public async Task Immutable_copies_are_create_only_and_the_snippet_pins_the_widget_with_sri()
    {
        var (app, _) = await PublishedAsync(fixture);
        await using var __ = app;
        var layout = app.Get<PublishJob>().Layout;
        using var http = new HttpClient();
        var snippet = await http.GetStringAsync(layout.Url(BlobLayout.Snippet(TestSources.Scope(11))));
        var match = System.Text.RegularExpressions.Regex.Match(snippet, "src=\"([^\"]+)\" integrity=\"([^\"]+)\"");
        Assert.True(match.Success, snippet);
        var script = await http.GetByteArrayAsync(new Uri(match.Groups[1].Value));
        Assert.Equal(EmbedRenderer.Integrity(script), match.Groups[2].Value.Replace("&#x2B;", "+", StringComparison.Ordinal));
        Assert.Equal(await http.GetByteArrayAsync(layout.Url(BlobLayout.WidgetStable)), script);

        var blob = new BlobClient(new Uri(match.Groups[1].Value));
        var container = new BlobContainerClient(fixture.Azurite.ConnectionString, app.Container);
        var name = match.Groups[1].Value[(container.Uri.AbsoluteUri.Length + 1)..];
        var e = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => container.GetBlobClient(name).UploadAsync(
            BinaryData.FromString("x"), new Azure.Storage.Blobs.Models.BlobUploadOptions { Conditions = new() { IfNoneMatch = Azure.ETag.All } }));
        Assert.Equal(409, e.Status);
        Assert.NotNull(blob);
    }

    [Fact]
    public async Task A_cors_preflight_from_another_origin_succeeds_against_azurite()
    {
        var (app, _) = await PublishedAsync(fixture);
        await using var __ = app;
        using var http = new HttpClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, app.Get<PublishJob>().Layout.Url(BlobLayout.JsonFeed(TestSources.Scope(11))));
        preflight.Headers.Add("Origin", "https://embedding-site.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        using var response = await http.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("Access-Control-Allow-Origin", out var origins));
        Assert.Contains(origins!.Single(), new[] { "*", "https://embedding-site.example" });

        using var get = new HttpRequestMessage(HttpMethod.Get, app.Get<PublishJob>().Layout.Url(BlobLayout.JsonFeed(TestSources.Scope(11))));
        get.Headers.Add("Origin", "https://embedding-site.example");
        using var actual = await http.SendAsync(get);
        Assert.True(actual.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
