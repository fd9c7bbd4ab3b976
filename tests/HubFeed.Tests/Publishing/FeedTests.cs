using System.Net;
using System.Text;
using Azure.Storage.Blobs;
using HubFeed.Rendering;
using Json.Schema;

namespace HubFeed.Tests.Publishing;

/// <summary>
/// What Blob Storage shows of a publish, on Azurite: two publishes at once leave the newer (ETags), and CORS lets another
/// origin read. What the files hold, what the index names and the create-only pinned copies are
/// <see cref="FeedContentTests"/> (in-memory storage; create-only is the published-store contract on both adapters).
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
