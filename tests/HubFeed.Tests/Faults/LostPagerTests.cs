using System.Text.RegularExpressions;
using HubFeed.Tests.Sources;

namespace HubFeed.Tests.Faults;

/// <summary>
/// A listing with no count line and a mini pager, where the pager loses its way: the Hub still lists 213 items, the
/// reader sees 20. The run is held, says what it could not establish, and never invites an accept that would withdraw
/// the other 193 (issue 15). A full run on the in-memory storage.
/// </summary>
public sealed partial class LostPagerTests
{
    [Fact]
    public async Task A_mini_pager_without_a_count_line_that_ends_early_is_held_and_suggests_no_accept()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true);
        await rig.RunGoodAsync();
        var published = await rig.PublishedAsync();
        var rows = FaultRig.Versions(await rig.RowsAsync());

        var mini = MarkupVariants.All.Single(v => v.Name == "a mini pager (previous / next only) and no results line").OfSnapshot;
        Assert.Contains("rel=\"next\"", mini[1], StringComparison.Ordinal);
        // Page 2 loses its "next" link: every page is still served, but the pager ends after 2 pages and 20 items.
        MarkupChangeTests.Serve(rig, mini.ToDictionary(kv => kv.Key, kv => kv.Key == 1 ? NextLink().Replace(kv.Value, "") : kv.Value));
        var run = (await rig.RunAsync()).Run;

        Assert.Equal((RunStatus.Refused, (RunCause?)RunCause.CountDrop), (run.Status, run.Cause));
        Assert.Contains("no count line", run.Error, StringComparison.Ordinal);
        Assert.Contains("ended after 2 page(s) with 20 items", run.Error, StringComparison.Ordinal);
        Assert.Contains("could not establish", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hubfeed accept", run.Error, StringComparison.Ordinal);
        Assert.Contains("hubfeed doctor", run.Error, StringComparison.Ordinal);
        // Nothing withdrawn, nothing written, nothing published.
        Assert.True(FaultRig.Versions(await rig.RowsAsync()).SequenceEqual(rows));
        (await rig.PublishedAsync()).AssertUnchangedSince(published);
    }

    [GeneratedRegex(@"<li class=""pager__item pager__item--next"">.*?</li>", RegexOptions.Singleline)]
    private static partial Regex NextLink();
}
