using System.Text;
using HubFeed.Publishing.InMemory;

namespace HubFeed.Tests.Pipeline;

/// <summary>
/// Full runs (ingest and publish) of the snapshot on the in-memory storage: what the first run writes and publishes,
/// read through the ports, and what the runner does on a repeat. The same first run as Azurite shows it (table rows,
/// blobs over HTTP) is <see cref="PipelineTests"/>.
/// </summary>
public sealed class FullRunTests
{
    [Fact]
    public async Task A_run_from_the_snapshot_fills_the_catalog_and_publishes_the_feed()
    {
        await using var app = await TestApp.StartInMemoryAsync();
        var report = await app.Get<HubFeedRunner>().RunAsync(RunTrigger.Cli, CancellationToken.None);
        AssertFilledTheCatalog(report);

        // The rows, read back through the catalog's port.
        AssertRows((await app.Get<IResourceCatalog>().LoadAsync("objective-11", 11, CancellationToken.None)).Select(r => (r.Id, r.Url, r.Title, r.Type)));

        // The feed as published, with the type and cache rule Blob Storage serves it with, and a version (its ETag there).
        var files = (InMemoryPublishedStore)app.Get<IPublishedStore>();
        var path = app.Layout.PathOf(app.Get<PublishJob>().Layout.Url(BlobLayout.JsonFeed(TestSources.Scope(11))).AbsoluteUri)!;
        var feed = await files.ReadAsync(path, CancellationToken.None);
        Assert.NotNull(feed);
        Assert.Equal(("application/feed+json; charset=utf-8", "public, max-age=300"), files.HeadersOf(path));
        Assert.False(string.IsNullOrEmpty(feed.Version));
        AssertFeed(Encoding.UTF8.GetString(feed.Content));
    }

    [Fact]
    public async Task A_second_run_with_nothing_changed_writes_no_row_uploads_no_blob_and_gets_304s()
    {
        await using var app = await TestApp.StartInMemoryAsync();
        var runner = app.Get<HubFeedRunner>();
        Assert.True((await runner.RunAsync(RunTrigger.Cli, CancellationToken.None)).Succeeded);
        var second = (await runner.RunAsync(RunTrigger.Cli, CancellationToken.None)).Sources[0].Run;

        Assert.Equal(RunStatus.Succeeded, second.Status);
        Assert.Equal((0, 22), (second.PagesFetched, second.PagesNotModified));
        Assert.Equal((0, 0, 213, 0), (second.RowsWritten, second.ItemsNew, second.ItemsUnchanged, second.ItemsWithdrawn));
        Assert.Equal(0, second.BlobsUploaded);
    }

    /// <summary>The first run of the snapshot succeeded and read, added and wrote all 213 items from 22 pages.</summary>
    internal static void AssertFilledTheCatalog(RunReport report)
    {
        var run = Assert.Single(report.Sources).Run;
        Assert.True(report.Succeeded, run.Error);
        Assert.Equal((213, 213, 0, 0, 22, 213), (run.ItemsListed, run.ItemsNew, run.ItemsChanged, run.ItemsWithdrawn, run.PagesFetched, run.RowsWritten));
    }

    /// <summary>The catalog's rows of objective 11 (id, URL, title, type) are the snapshot's 213 items.</summary>
    internal static void AssertRows(IEnumerable<(string Id, string Url, string Title, string Type)> rows)
    {
        var list = rows.ToList();
        var truth = SnapshotTruth.Load();
        Assert.Equal(213, list.Count);
        Assert.Equal(truth.Items.Select(i => ResourceCatalog.IdFor(i.Url)).Order(), list.Select(r => r.Id).Order());
        var pledge = list.Single(r => r.Url == "https://migrationnetwork.un.org/pledge/un-system-pledge");
        Assert.Equal("UN System pledge", pledge.Title);
        Assert.Equal("pledge", pledge.Type);
    }

    /// <summary>objective-11/feed.json holds the snapshot's 213 items, newest first.</summary>
    internal static void AssertFeed(string json)
    {
        using var feed = JsonDocument.Parse(json);
        var items = feed.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(213, items.Count);
        Assert.Equal(SnapshotTruth.Load().Items.Select(i => i.Url).Order(), items.Select(i => i.GetProperty("id").GetString()).Order());
        // Newest first.
        var dates = items.Where(i => i.TryGetProperty("date_published", out _)).Select(i => i.GetProperty("date_published").GetString()).ToList();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
    }
}
