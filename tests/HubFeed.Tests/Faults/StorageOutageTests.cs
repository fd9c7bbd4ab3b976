namespace HubFeed.Tests.Faults;

/// <summary>
/// Storage going away mid-run, on an Azurite of its own (on disk, so a stop and a start again is an outage, not a
/// wipe): outside the shared Azurite's collection, so it runs beside the other tests. The run fails without crashing,
/// nothing half-written is published, and the next run converges.
/// </summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task Azurite_stopped_mid_run_fails_the_run_without_crashing_and_the_next_run_converges()
    {
        await using var azurite = await Azurite.StartPrivateAsync(onDisk: true);
        await using var rig = await FaultRig.StartAsync(azurite, new Dictionary<string, string?> { ["HubFeed:Source:RequestTimeout"] = "00:00:30" }, azurite.ConnectionString,
            FaultRig.QuickStorageRetries(azurite.ConnectionString));
        await rig.RunGoodAsync();
        var published = await rig.PublishedAsync();

        var (rows, truth) = StorageFaultTests.Revised(2);
        Listing.Serve(rig.Server, rows);
        // Storage goes away after the crawl began (the lease is taken, the run recorded), before the last page is served.
        rig.Inject(async (context, page, attempt) =>
        {
            if (page == 21 && attempt == 1)
            {
                await azurite.StopAsync();
            }
            return false;
        });
        var failed = (await rig.RunAsync()).Run;

        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.False(string.IsNullOrWhiteSpace(failed.Error));
        Assert.Equal(1, rig.Hits[21]);

        rig.Inject(null);
        await azurite.StartAgainAsync();
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
