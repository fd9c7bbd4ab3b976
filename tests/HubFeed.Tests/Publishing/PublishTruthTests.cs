using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using HubFeed.Tests.Faults;

namespace HubFeed.Tests.Publishing;

/// <summary>
/// An inflated listing is held, and health names the guard. A publish that storage stops midway (the published-files
/// port failing every write from the n-th on, as Blob Storage does when it stops) is recorded as such, and every URL a
/// published file names still leads to a published file, whichever write it stopped at. On the in-memory storage: the
/// order of the writes is <see cref="BlobPublisher"/>'s, over the port. That Blob Storage serves every such URL over HTTP
/// is <see cref="HubFeed.Tests.Pipeline.PipelineTests"/> (Azurite). The sequences of listings and what each publishes are
/// <see cref="PublishSequenceTests"/>.
/// </summary>
public sealed partial class PublishTruthTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task An_inflated_listing_is_held_and_the_real_one_after_it_is_published()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true);
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
        await using var rig = await StartAsync();
        var (app, storage) = (rig.App, rig.App.Get<PublishedStoreSwitch>());
        await rig.RunGoodAsync();

        var rows = Listing.Rows.ToList();
        rows[7] = Listing.WithTitle(rows[7], "Retitled while storage fails");
        Listing.Serve(rig.Server, rows);
        storage.FailWritesAfter(1); // the first page of the new publish lands, then storage stops
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
        await using var rig = await StartAsync(new Dictionary<string, string?> { ["HubFeed:Publish:ItemsPerFeedPage"] = "60" });
        var (app, storage) = (rig.App, rig.App.Get<PublishedStoreSwitch>());
        await rig.RunGoodAsync();
        await AssertEveryPublishedUrlAnswersAsync(app);

        // Each step of a publish (feed pages, Atom, HTML, snippet, then the combined feed and the index) is one write
        // (a Put Blob): count them once, then kill the publish after each one in turn.
        Listing.Serve(rig.Server, Listing.Rows.Skip(1).Prepend(PublishSequenceTests.NewRow(99)).ToList());
        storage.Count();
        await rig.RunGoodAsync();
        var steps = storage.Writes;
        Assert.InRange(steps, 8, 40);

        for (var kill = 0; kill < steps; kill++)
        {
            Listing.Serve(rig.Server, Listing.Rows.Skip(kill % 2 == 0 ? 2 : 3).Prepend(PublishSequenceTests.NewRow(100 + kill)).ToList());
            storage.FailWritesAfter(kill);
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

    /// <summary>In memory, with the published files behind a <see cref="PublishedStoreSwitch"/>.</summary>
    private static Task<FaultRig> StartAsync(IDictionary<string, string?>? settings = null) =>
        FaultRig.StartInMemoryAsync(settings, publish: true, configure: PublishedStoreSwitch.Install);

    /// <summary>
    /// Every URL under the public root named by any published file (feeds, pages, index, snippets, HTML) names a
    /// published file, read through the port.
    /// </summary>
    internal static async Task AssertEveryPublishedUrlAnswersAsync(TestApp app, string? context = null)
    {
        var files = app.Get<PublishedStoreSwitch>().Files;
        await AssertEveryNamedUrlAnswersAsync(app.Layout.Root, files.Versions().Keys.ToList(), async url =>
        {
            var path = app.Layout.PathOf(new Uri(url).GetLeftPart(UriPartial.Path));
            var file = path is null ? null : await files.ReadAsync(path, CancellationToken.None);
            return (file is null ? null : Encoding.UTF8.GetString(file.Content), file is null ? "no published file" : "a published file");
        }, context);
    }

    /// <summary>The same over HTTP, on Azurite: Blob Storage serves every listed blob and every URL they name, 200.</summary>
    internal static async Task AssertEveryPublishedUrlAnswersOverHttpAsync(TestApp app, string? context = null)
    {
        var names = new List<string>();
        await foreach (var blob in app.Get<BlobServiceClient>().GetBlobContainerClient(app.Container).GetBlobsAsync())
        {
            names.Add(blob.Name);
        }
        await AssertEveryNamedUrlAnswersAsync(app.Layout.Root, names, async url =>
        {
            using var response = await Http.GetAsync(url);
            return (response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null, $"HTTP {(int)response.StatusCode}");
        }, context);
    }

    /// <summary>
    /// Reads each listed file at its URL, collects every URL under the root it names (absolute, or a relative href), and
    /// asks for each: all must answer. <paramref name="get"/> gives a URL's text (null when it does not answer) and what it answered.
    /// </summary>
    private static async Task AssertEveryNamedUrlAnswersAsync(Uri publicRoot, IReadOnlyList<string> names, Func<string, Task<(string? Text, string Answer)>> get, string? context)
    {
        var root = publicRoot.AbsoluteUri;
        var urls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var (text, answer) = await get(root + name);
            Assert.True(text is not null, $"{context}: {root + name} is listed but answers {answer}");
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
            var (text, answer) = await get(url);
            Assert.True(text is not null, $"{context}: {url} answers {answer}");
        }
    }

    [GeneratedRegex(@"https?://[^\s""'<>\\]+")]
    private static partial Regex AnyUrl();

    [GeneratedRegex(@"href=""([a-z0-9][^"":]*)""")]
    private static partial Regex RelativeHref();
}
