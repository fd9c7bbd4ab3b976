using HubFeed.Tests.Faults;

namespace HubFeed.Tests.Pipeline;

/// <summary>
/// Accept names the held run and the next run applies exactly that change, once, and publishes it; a listing other than
/// the held one is held again. A full run (ingest and publish) on the in-memory storage: this is what the pipeline
/// decides, not what storage shows. Accept with nothing held is <see cref="AcceptTests"/>, and through the CLI with status <see cref="AcceptCliTests"/>.
/// </summary>
public sealed class AcceptRunTests
{
    [Fact]
    public async Task Accept_shows_the_held_change_and_the_next_run_applies_exactly_it_once_and_another_listing_is_held_again()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true);
        await rig.RunGoodAsync();
        Listing.Serve(rig.Server, Listing.Rows.Take(160).ToList());
        var first = (await rig.RunAsync()).Run;
        Assert.Equal(RunStatus.Refused, first.Status);

        // What accept shows: the held run, the counts and examples of what goes.
        var (status, json) = await AcceptTests.AcceptAsync(rig);
        Assert.Equal(200, status);
        Assert.Equal(first.Id, json.GetProperty("heldRunId").GetString());
        var change = json.GetProperty("held").GetProperty("change");
        Assert.Equal((160, 53, 0, 0), (change.GetProperty("active").GetInt32(), change.GetProperty("withdrawn").GetInt32(), change.GetProperty("new").GetInt32(), change.GetProperty("changed").GetInt32()));
        var gone = change.GetProperty("withdrawnExamples").EnumerateArray().Select(e => e.GetProperty("url").GetString()).ToList();
        Assert.Equal(3, gone.Count);
        Assert.All(gone, url => Assert.Contains(url, FaultRig.Truth.Items.Skip(160).Select(i => i.Url)));

        // The Hub moved on before the next run: that is another change, held on its own; the acceptance is spent.
        Listing.Serve(rig.Server, Listing.Rows.Take(150).ToList());
        var second = (await rig.RunAsync()).Run;
        Assert.Equal((RunStatus.Refused, (RunCause?)RunCause.CountDrop), (second.Status, second.Cause));
        Assert.Contains($"acceptance of held run {first.Id} was for a different listing", second.Error, StringComparison.Ordinal);
        Assert.Null(second.AcceptedBy);
        Assert.Null(await rig.App.Get<SourceStateStore>().AcceptanceAsync(rig.Source.Key, CancellationToken.None));
        Assert.Equal(213, (await rig.PublishedAsync()).ItemIds.Count);

        // Accepted again, and the listing is the one held: applied exactly, once.
        Assert.Equal(second.Id, (await AcceptTests.AcceptAsync(rig)).Json.GetProperty("heldRunId").GetString());
        var applied = await rig.RunGoodAsync(expectedActive: 150);
        Assert.Equal(("api", 63), (applied.AcceptedBy, applied.ItemsWithdrawn));
        Assert.Equal(150, (await rig.PublishedAsync()).ItemIds.Count);
        Assert.Null((await rig.StateAsync()).Held);
        Listing.Serve(rig.Server, Listing.Rows.Take(100).ToList());
        Assert.Equal(RunStatus.Refused, (await rig.RunAsync()).Run.Status);
    }
}
