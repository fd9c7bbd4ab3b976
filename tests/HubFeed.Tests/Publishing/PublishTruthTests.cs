using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using HubFeed.Catalog;
using HubFeed.Layout;
using HubFeed.Pipeline;
using HubFeed.Tests.Faults;
using HubFeed.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HubFeed.Tests.Publishing;

/// <summary>
/// An inflated listing is held, and health names the guard (health reads the poison queue too, so on Azurite).
/// A publish that blob storage stops midway (a real Azurite behind a failing pipeline policy) is recorded as such, and
/// every URL a published file names still answers over HTTP. The sequences of listings and what each publishes are
/// <see cref="PublishSequenceTests"/> (in-memory storage).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class PublishTruthTests(AzuriteFixture fixture)
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task An_inflated_listing_is_held_and_the_real_one_after_it_is_published()
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite);
        await rig.RunGoodAsync();
        var published = await rig.PublishedAsync();

        // 426: every row twice, under another URL.
        Listing.Serve(rig.Server, [.. Listing.Rows, .. Listing.Rows.Select(r => r.Replace("href=\"/", "href=\"/node/dup-", StringComparison.Ordinal).Replace("href=\"https://migrationnetwork.un.org/", "href=\"/node/dup-", StringComparison.Ordinal).Replace("href=\"HTTPS://MigrationNetwork.UN.org/", "href=\"/node/dup-", StringComparison.Ordinal))]);
        var held = (await rig.RunAsync()).Run;
        Assert.Equal((RunStatus.Refused, (RunCause?)RunCause.CountGrowth), (held.Status, held.Cause));
        Assert.Contains("426 items, up from 213", held.Error, StringComparison.Ordinal);
        (await rig.PublishedAsync()).AssertUnchangedSince(published);
        var state = await rig.StateAsync();
        Assert.Equal((held.Id, "count-growth"), (state.Held!.RunId, state.Held.Guard));
        var health = await rig.App.Get<HealthService>().GetAsync(5, detail: false, CancellationToken.None);
        Assert.Equal("count-growth", health.Sources[0].Held!.Guard);

        // The real listing again: published as before, the hold lifted.
        Listing.Serve(rig.Server, Listing.Rows);
        await rig.RunGoodAsync();
        await PublishSequenceTests.AssertShowsAsync(rig.App, FaultRig.Truth.Items.Select(i => i.Url));
        Assert.Null((await rig.StateAsync()).Held);
    }

    [Fact]
    public async Task A_publish_that_fails_midway_is_recorded_as_such_and_the_next_run_publishes_with_no_source_change()
    {
        var storage = new StorageSwitch();
        var app = await TestApp.StartAsync(fixture.Azurite, configure: storage.Install(fixture.Azurite.ConnectionString));
        await using var rig = FaultRig.For(app, fixture.Azurite.ConnectionString);
        await rig.RunGoodAsync();

        var rows = Listing.Rows.ToList();
        rows[7] = Listing.WithTitle(rows[7], "Retitled while storage fails");
        Listing.Serve(rig.Server, rows);
        storage.FailBlobWritesAfter(1); // the first page of the new publish lands, then blob storage stops
        var failed = (await rig.RunAsync()).Run;
        Assert.Equal((RunStatus.PublishFailed, (RunCause?)RunCause.PublishFailed), (failed.Status, failed.Cause));
        var state = await rig.StateAsync();
        Assert.True(state.PublishPending);
        Assert.Equal(failed.Id, state.LastGoodRunId); // the catalog took the listing
        var health = await app.Get<HealthService>().GetAsync(5, detail: false, CancellationToken.None);
        Assert.True(health.Sources[0].PublishPending);
        Assert.False(health.Healthy);
        await AssertEveryPublishedUrlAnswersAsync(app);

        storage.Heal();
        var healed = await rig.RunGoodAsync();
        Assert.Equal((0, 22), (healed.PagesFetched, healed.PagesNotModified)); // nothing changed at the source
        Assert.True(healed.BlobsUploaded > 0);
        Assert.False((await rig.StateAsync()).PublishPending);
        Assert.Contains((await rig.PublishedAsync()).Items, i => i.GetProperty("title").GetString() == "Retitled while storage fails");
    }

    [Fact]
    public async Task A_publish_killed_between_any_two_uploads_leaves_every_published_url_answering()
    {
        var storage = new StorageSwitch();
        var app = await TestApp.StartAsync(fixture.Azurite, new Dictionary<string, string?> { ["HubFeed:Publish:ItemsPerFeedPage"] = "60" },
            configure: storage.Install(fixture.Azurite.ConnectionString));
        await using var rig = FaultRig.For(app, fixture.Azurite.ConnectionString);
        await rig.RunGoodAsync();
        await AssertEveryPublishedUrlAnswersAsync(app);

        // Each step of a publish (feed pages, Atom, HTML, snippet, then the combined feed and the index) is a Put Blob:
        // count them once, then kill the publish after each one in turn.
        Listing.Serve(rig.Server, Listing.Rows.Skip(1).Prepend(PublishSequenceTests.NewRow(99)).ToList());
        storage.Count();
        await rig.RunGoodAsync();
        var steps = storage.Writes;
        Assert.InRange(steps, 8, 40);

        for (var kill = 0; kill < steps; kill++)
        {
            Listing.Serve(rig.Server, Listing.Rows.Skip(kill % 2 == 0 ? 2 : 3).Prepend(PublishSequenceTests.NewRow(100 + kill)).ToList());
            storage.FailBlobWritesAfter(kill);
            var run = await rig.RunAsync();
            storage.Heal();
            Assert.True(run.Run.Status is RunStatus.PublishFailed or RunStatus.Succeeded, $"kill after {kill}: {run.Run.Status} {run.Run.Error}");
            await AssertEveryPublishedUrlAnswersAsync(app, $"killed after {kill} of {steps} uploads");
        }
        // And the next run, with storage back, publishes what the catalog holds.
        var last = (await rig.RunAsync()).Run;
        Assert.Equal(RunStatus.Succeeded, last.Status);
        Assert.False((await rig.StateAsync()).PublishPending);
        await AssertEveryPublishedUrlAnswersAsync(app);
    }

    /// <summary>Every URL under the public root named by any published file (feeds, pages, index, snippets, HTML) answers 200.</summary>
    internal static async Task AssertEveryPublishedUrlAnswersAsync(TestApp app, string? context = null)
    {
        var root = app.Layout.Root.AbsoluteUri;
        var names = new List<string>();
        await foreach (var blob in app.Get<BlobServiceClient>().GetBlobContainerClient(app.Container).GetBlobsAsync())
        {
            names.Add(blob.Name);
        }
        var urls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var text = await Http.GetStringAsync(root + name);
            // Decoded once first: the demo page shows embed code as text (a URL there ends at an encoded quote, &quot;).
            foreach (Match m in AnyUrl().Matches(WebUtility.HtmlDecode(text)))
            {
                var url = WebUtility.HtmlDecode(m.Value);
                if (url.StartsWith(root, StringComparison.Ordinal))
                {
                    urls.Add(url);
                }
            }
            foreach (Match m in RelativeHref().Matches(text))
            {
                urls.Add(new Uri(new Uri(root + name), m.Groups[1].Value).AbsoluteUri);
            }
        }
        Assert.NotEmpty(urls);
        foreach (var url in urls)
        {
            using var response = await Http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{context}: {url} answers {(int)response.StatusCode}");
        }
    }

    [GeneratedRegex(@"https?://[^\s""'<>\\]+")]
    private static partial Regex AnyUrl();

    [GeneratedRegex(@"href=""([a-z0-9][^"":]*)""")]
    private static partial Regex RelativeHref();
}

/// <summary>
/// Blob storage that can be made to fail from the n-th Put Blob on (an outage in the middle of a publish), or to count
/// Put Blobs: a pipeline policy on the real client, so everything else is the real Azurite.
/// </summary>
public sealed class StorageSwitch : HttpPipelinePolicy
{
    private int _writes;
    private int _failAfter = -1;

    public int Writes => _writes;

    public void FailBlobWritesAfter(int writes)
    {
        _writes = 0;
        _failAfter = writes;
    }

    public void Count()
    {
        _writes = 0;
        _failAfter = -1;
    }

    public void Heal() => _failAfter = -1;

    public Action<IServiceCollection> Install(string connectionString) => services =>
    {
        var options = new BlobClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        services.AddSingleton(new BlobServiceClient(connectionString, options));
    };

    private void Check(HttpMessage message)
    {
        // A Put Blob: PUT on a blob path (container creation and service properties carry restype/comp).
        if (message.Request.Method == RequestMethod.Put && !message.Request.Uri.Query.Contains("restype", StringComparison.Ordinal) && !message.Request.Uri.Query.Contains("comp", StringComparison.Ordinal))
        {
            var n = Interlocked.Increment(ref _writes);
            if (_failAfter >= 0 && n > _failAfter)
            {
                throw new RequestFailedException(503, "Blob storage is stopped (test).");
            }
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        return ProcessNextAsync(message, pipeline);
    }
}
