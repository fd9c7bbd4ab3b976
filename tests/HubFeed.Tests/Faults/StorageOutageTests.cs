namespace HubFeed.Tests.Faults;

/// <summary>
/// Storage going away mid-run: the app's road to the shared Azurite is cut (every connection reset, every new one
/// refused, as a stopped Azurite leaves it) and restored, Azurite's data untouched. The run fails without crashing,
/// nothing half-written is published, and the next run converges.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageOutageTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task Storage_gone_mid_run_fails_the_run_without_crashing_and_the_next_run_converges()
    {
        await using var link = StorageLink.Open(fixture.Azurite);
        await using var rig = await FaultRig.StartAsync(fixture.Azurite, new Dictionary<string, string?> { ["HubFeed:Source:RequestTimeout"] = "00:00:30" }, link.ConnectionString,
            FaultRig.QuickStorageRetries(link.ConnectionString));
        await rig.RunGoodAsync();
        var published = await rig.PublishedAsync();

        var (rows, truth) = StorageFaultTests.Revised(2);
        Listing.Serve(rig.Server, rows);
        // Storage goes away after the crawl began (the lease is taken, the run recorded), before the last page is served.
        rig.Inject((context, page, attempt) =>
        {
            if (page == 21 && attempt == 1)
            {
                link.Cut();
            }
            return Task.FromResult(false);
        });
        var failed = (await rig.RunAsync()).Run;

        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.False(string.IsNullOrWhiteSpace(failed.Error));
        Assert.Equal(1, rig.Hits[21]);

        rig.Inject(null);
        link.Restore();
        (await rig.PublishedAsync()).AssertUnchangedSince(published);
        FaultRig.AssertRowsAre(await rig.RowsAsync(), FaultRig.Truth.Items);

        var next = await rig.RunGoodAsync();
        Assert.Equal((10, 10, 0), (next.ItemsChanged, next.RowsWritten, next.ItemsWithdrawn));
        FaultRig.AssertRowsAre(await rig.RowsAsync(), truth);
        var feed = (await rig.PublishedAsync()).Items;
        Assert.Equal(213, feed.Count);
        Assert.Equal(10, feed.Count(i => i.GetProperty("title").GetString()!.EndsWith(" (revised)", StringComparison.Ordinal)));
        var runs = await rig.RunsAsync();
        Assert.Equal(RunStatus.Succeeded, runs[0].Status);
        // What could not be written while storage was away is written now: the failed run is not left "running".
        var recorded = Assert.Single(runs, r => r.Id == failed.Id);
        Assert.Equal((RunStatus.Failed, failed.Error), (recorded.Status, recorded.Error));
    }
}
