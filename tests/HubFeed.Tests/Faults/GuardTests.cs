namespace HubFeed.Tests.Faults;

/// <summary>
/// The count-drop guard and withdrawal: a sharp fall against the last good run is refused (nothing withdrawn, nothing
/// published, the reason recorded); an item missing from a complete crawl is withdrawn with the date, kept, and returns.
/// The configurable threshold, and the same decisions without storage, are <see cref="HubFeed.Tests.Pipeline.InMemoryRunTests"/>.
/// </summary>
public sealed class GuardTests
{
    [Fact]
    public async Task A_count_drop_beyond_the_threshold_is_refused_withdraws_nothing_and_publishes_nothing()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true);
        var good = await rig.RunGoodAsync();
        var rows = FaultRig.Versions(await rig.RowsAsync());
        var published = await rig.PublishedAsync();

        // 50 of 213 gone (23 %), and every page consistent with the new total: a listing that is whole, just short.
        Listing.Serve(rig.Server, Listing.Rows.Where((_, i) => i % 4 != 1 || i > 200).ToList());
        var result = await rig.RunAsync();
        var run = result.Run;

        Assert.Equal(RunStatus.Refused, run.Status);
        Assert.False(result.InProgressElsewhere);
        Assert.Contains("163 items, down from 213", run.Error, StringComparison.Ordinal);
        Assert.Contains(good.Id, run.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was written or published", run.Error, StringComparison.Ordinal);
        await ListingFaultTests.AssertRecordedAsync(rig, run);
        Assert.Equal(rows, FaultRig.Versions(await rig.RowsAsync()));
        FaultRig.AssertRowsAre(await rig.RowsAsync(), FaultRig.Truth.Items);
        (await rig.PublishedAsync()).AssertUnchangedSince(published);

        // Still refused next time: a refused run does not become the new baseline.
        Assert.Equal(RunStatus.Refused, (await rig.RunAsync()).Run.Status);
        (await rig.PublishedAsync()).AssertUnchangedSince(published);
    }

    [Fact]
    public async Task Items_gone_from_a_complete_crawl_are_withdrawn_with_the_date_kept_and_return_when_they_reappear()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true);
        var good = await rig.RunGoodAsync();

        var gone = new[] { 5, 100, 212 };
        var goneUrls = gone.Select(i => FaultRig.Truth.Items[i].Url).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(goneUrls, gone.Select(i => Listing.UrlOf(Listing.Rows[i])).ToHashSet(StringComparer.Ordinal));
        Listing.Serve(rig.Server, Listing.Rows.Where((_, i) => !gone.Contains(i)).ToList());
        var before = DateTimeOffset.UtcNow;
        var run = await rig.RunGoodAsync(expectedActive: 210);
        var after = DateTimeOffset.UtcNow;

        Assert.Equal((210, 3, 0, 0, 3), (run.ItemsListed, run.ItemsWithdrawn, run.ItemsNew, run.ItemsChanged, run.RowsWritten));
        var rows = await rig.RowsAsync();
        Assert.Equal(213, rows.Count); // kept, never deleted
        var withdrawn = rows.Where(r => r.GetDateTimeOffset("Withdrawn") is not null).ToList();
        Assert.Equal(goneUrls, withdrawn.Select(r => r.GetString("Url")).ToHashSet(StringComparer.Ordinal));
        Assert.All(withdrawn, r =>
        {
            var when = r.GetDateTimeOffset("Withdrawn")!.Value;
            Assert.InRange(when, before.AddSeconds(-5), after.AddSeconds(5));
            Assert.Equal(good.Ended, r.GetDateTimeOffset("LastSeen")); // last seen by the good run, not this one
            Assert.False(string.IsNullOrEmpty(r.GetString("Title")));
        });
        var feed = (await rig.PublishedAsync()).ItemIds;
        Assert.Equal(210, feed.Count);
        Assert.Empty(feed.Intersect(goneUrls));
        var state = await rig.StateAsync();
        Assert.Equal((run.Id, 210), (state.LastGoodRunId, state.LastGoodCount));

        // They come back.
        Listing.Serve(rig.Server, Listing.Rows);
        var back = await rig.RunGoodAsync();

        Assert.Equal((213, 0, 0, 3, 3), (back.ItemsListed, back.ItemsWithdrawn, back.ItemsNew, back.ItemsChanged, back.RowsWritten));
        FaultRig.AssertRowsAre(await rig.RowsAsync(), FaultRig.Truth.Items);
        Assert.Equal(FaultRig.Truth.Items.Select(i => i.Url).Order(StringComparer.Ordinal), (await rig.PublishedAsync()).ItemIds.Order(StringComparer.Ordinal));
    }
}
