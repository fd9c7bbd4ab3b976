using HubFeed.Tests.Faults;

namespace HubFeed.Tests.Pipeline;

/// <summary>
/// What a run decides, on the in-memory catalog and no storage account at all: the real runner (lease, crawl of the
/// loopback snapshot, guards, acceptance, catalog writes, run log), ingesting without publishing. What the feeds then
/// show, and that a refused run publishes nothing, is checked where runs publish (<see cref="GuardTests"/>, <see cref="AcceptTests"/>).
/// </summary>
public sealed class InMemoryRunTests
{
    private static async Task<RunRecord> IngestAsync(FaultRig rig)
    {
        var report = await rig.App.Get<HubFeedRunner>().IngestAllAsync([rig.Source], RunTrigger.Cli, CancellationToken.None);
        return Assert.Single(report.Sources).Run;
    }

    private static async Task<RunRecord> IngestGoodAsync(FaultRig rig, int expectedActive = 213)
    {
        var run = await IngestAsync(rig);
        Assert.True(run.Status == RunStatus.Succeeded, $"{run.Status}: {run.Error}");
        Assert.Equal(expectedActive, run.ItemsActive);
        return run;
    }

    private static Task<IReadOnlyList<Resource>> RowsAsync(FaultRig rig) =>
        rig.App.Get<IResourceCatalog>().LoadAsync(rig.Source.Key, rig.Source.Objective, CancellationToken.None);

    private static async Task<FaultRig> StartAsync(IDictionary<string, string?>? settings = null) =>
        FaultRig.For(await TestApp.StartInMemoryAsync(settings), TestApp.NoStorage);

    [Fact]
    public async Task The_drop_threshold_is_configurable()
    {
        await using var rig = await StartAsync(new Dictionary<string, string?> { ["HubFeed:Source:MaxDropShare"] = "0.01" });
        await IngestGoodAsync(rig);
        var rows = await RowsAsync(rig);

        Listing.Serve(rig.Server, Listing.Rows.Skip(3).ToList());
        var run = await IngestAsync(rig);

        Assert.Equal((RunStatus.Refused, (RunCause?)RunCause.CountDrop), (run.Status, run.Cause));
        Assert.Contains("210 items, down from 213", run.Error, StringComparison.Ordinal);
        Assert.Equal(rows, await RowsAsync(rig));
        Assert.Equal(run.Id, (await rig.App.Get<IRunLog>().RecentAsync(rig.Source.Key, 1, CancellationToken.None))[0].Id);
    }

    [Fact]
    public async Task Items_gone_from_a_complete_crawl_are_withdrawn_with_the_date_kept_and_return_when_they_reappear()
    {
        await using var rig = await StartAsync();
        var good = await IngestGoodAsync(rig);
        var gone = new[] { 5, 100, 212 }.Select(i => Listing.UrlOf(Listing.Rows[i])).ToHashSet(StringComparer.Ordinal);

        Listing.Serve(rig.Server, Listing.Rows.Where(r => !gone.Contains(Listing.UrlOf(r))).ToList());
        var run = await IngestGoodAsync(rig, expectedActive: 210);

        Assert.Equal((210, 3, 0, 0, 3), (run.ItemsListed, run.ItemsWithdrawn, run.ItemsNew, run.ItemsChanged, run.RowsWritten));
        var rows = await RowsAsync(rig);
        Assert.Equal(213, rows.Count);
        var withdrawn = rows.Where(r => !r.IsActive).ToList();
        Assert.Equal(gone, withdrawn.Select(r => r.Url).ToHashSet(StringComparer.Ordinal));
        Assert.All(withdrawn, r => Assert.Equal((run.Started <= r.Withdrawn && r.Withdrawn <= run.Ended, good.Ended), (true, r.LastSeen)));
        Assert.Equal((run.Id, 210), ((await rig.StateAsync()).LastGoodRunId, (await rig.StateAsync()).LastGoodCount));

        Listing.Serve(rig.Server, Listing.Rows);
        var back = await IngestGoodAsync(rig);
        Assert.Equal((213, 0, 0, 3, 3), (back.ItemsListed, back.ItemsWithdrawn, back.ItemsNew, back.ItemsChanged, back.RowsWritten));
        Assert.All(await RowsAsync(rig), r => Assert.True(r.IsActive));
    }

    [Fact]
    public async Task An_acceptance_applies_exactly_the_held_listing_once_and_another_listing_is_held_again()
    {
        await using var rig = await StartAsync();
        await IngestGoodAsync(rig);
        var states = rig.App.Get<SourceStateStore>();

        Listing.Serve(rig.Server, Listing.Rows.Take(160).ToList());
        var first = await IngestAsync(rig);
        Assert.Equal(RunStatus.Refused, first.Status);
        var accepted = await states.AcceptAsync(rig.Source.Key, "ops", CancellationToken.None);
        Assert.Equal((first.Id, 53), (accepted!.HeldRunId, accepted.Held.Change!.Withdrawn));

        // The Hub moved on before the next run: another change, held on its own; the acceptance is spent.
        Listing.Serve(rig.Server, Listing.Rows.Take(150).ToList());
        var second = await IngestAsync(rig);
        Assert.Equal((RunStatus.Refused, (RunCause?)RunCause.CountDrop, null), (second.Status, second.Cause, second.AcceptedBy));
        Assert.Contains($"acceptance of held run {first.Id} was for a different listing", second.Error, StringComparison.Ordinal);
        Assert.Null(await states.AcceptanceAsync(rig.Source.Key, CancellationToken.None));
        Assert.All(await RowsAsync(rig), r => Assert.True(r.IsActive));

        // Accepted again, and the listing is the one held: applied exactly, once.
        Assert.Equal(second.Id, (await states.AcceptAsync(rig.Source.Key, "ops", CancellationToken.None))!.HeldRunId);
        var applied = await IngestGoodAsync(rig, expectedActive: 150);
        Assert.Equal(("ops", 63), (applied.AcceptedBy, applied.ItemsWithdrawn));
        Assert.Null((await rig.StateAsync()).Held);
        Listing.Serve(rig.Server, Listing.Rows.Take(100).ToList());
        Assert.Equal(RunStatus.Refused, (await IngestAsync(rig)).Status);
    }
}
