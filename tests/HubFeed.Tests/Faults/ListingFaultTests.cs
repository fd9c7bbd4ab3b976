using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace HubFeed.Tests.Faults;

/// <summary>
/// Faults in what the Hub serves. Each starts from a good run (a published feed), injects the fault, runs again and
/// checks the run's verdict, the runs table, the catalog rows and the published feed. What a fault makes a run decide
/// and write, with nothing to show in the feeds beyond "unchanged", is <see cref="ListingDecisionTests"/> (no storage).
/// </summary>
public sealed partial class ListingFaultTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_renamed_row_class_is_read_by_the_listing_structure_exactly_and_the_configured_selector_is_named(bool wholeSite)
    {
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true);
        await rig.RunGoodAsync();
        var rows = FaultRig.Versions(await rig.RowsAsync());
        var published = await rig.PublishedAsync();

        // A redesign renames the row class: the configured row selector matches nothing, the structure is unchanged.
        foreach (var page in wholeSite ? Enumerable.Range(0, 22) : [5])
        {
            rig.Server.Pages[(Listing.Term, page)] = rig.Server.Pages[(Listing.Term, page)].Replace("views-row", "node-teaser", StringComparison.Ordinal);
        }
        var run = await rig.RunGoodAsync();

        Assert.Equal((0, 0, 0, 0), (run.ItemsNew, run.ItemsChanged, run.ItemsWithdrawn, run.RowsWritten));
        Assert.Contains(run.Warnings, w => w.Contains(rig.Source.Selectors.Row, StringComparison.Ordinal) && w.Contains("structure", StringComparison.Ordinal));
        Assert.Equal(rows, FaultRig.Versions(await rig.RowsAsync()));
        (await rig.PublishedAsync()).AssertUnchangedSince(published);
    }

    [Fact]
    public async Task A_page_without_any_listing_fails_the_run_naming_the_page_and_the_selector_and_changes_nothing()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true);
        await rig.RunGoodAsync();
        var rows = FaultRig.Versions(await rig.RowsAsync());
        var published = await rig.PublishedAsync();

        // Page 5 still says "Displaying results 51 - 60 of 213" but its rows link nowhere (a broken template).
        rig.Server.Pages[(Listing.Term, 5)] = HrefAttribute().Replace(rig.Server.Pages[(Listing.Term, 5)], "href=\"#\"");
        var run = (await rig.RunAsync()).Run;

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(RunCause.MarkupChanged, run.Cause);
        Assert.Contains(rig.PageUrl(5), run.Error, StringComparison.Ordinal);
        Assert.Contains(rig.Source.Selectors.Row, run.Error, StringComparison.Ordinal);
        await AssertRecordedAsync(rig, run);
        Assert.Equal(rows, FaultRig.Versions(await rig.RowsAsync()));
        (await rig.PublishedAsync()).AssertUnchangedSince(published);
    }

    [Theory]
    [InlineData("no title", "no readable title")]
    [InlineData("control characters", "no readable title")]
    [InlineData("no link", "no address")]
    [InlineData("javascript link", "is not an http(s) URL")]
    [InlineData("other host", "is not on migrationnetwork.un.org")]
    public async Task One_unreadable_row_is_set_aside_with_its_page_position_and_reason_and_the_other_212_are_published(string fault, string reason)
    {
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true);
        await rig.RunGoodAsync();

        var listing = Listing.Rows.ToList();
        listing[83] = fault switch
        {
            "no title" => Listing.WithTitle(listing[83], "  "),
            "control characters" => TitleText().Replace(listing[83], m => m.Groups[1].Value + "&#1;&#2;\u0000\uFFFE</a>", 1),
            "no link" => HrefAttribute().Replace(listing[83], "", 1),
            "javascript link" => HrefAttribute().Replace(listing[83], "href=\"javascript:alert(1)\"", 1),
            _ => HrefAttribute().Replace(listing[83], "href=\"https://evil.example/resources/x\"", 1),
        };
        Assert.NotEqual(Listing.Rows[83], listing[83]);
        Listing.Serve(rig.Server, listing);
        var run = await rig.RunGoodAsync(expectedActive: 212);

        var setAside = Assert.Single(run.Quarantined);
        Assert.Equal((8, 4), (setAside.Page, setAside.Position));
        Assert.Contains(reason, setAside.Reason, StringComparison.Ordinal);
        Assert.InRange(setAside.Excerpt.Length, 1, QuarantinedRow.MaxExcerpt);
        Assert.Equal(213, run.ItemsListed);
        Assert.Equal(1, run.ItemsWithdrawn);
        // The row is recorded where ops look: the run record, status and the anonymous health answer (health's last run
        // is this summary of the newest record; that health reads it is FunctionTests', on Azurite, as it reads the queue).
        var recorded = (await rig.RunsAsync())[0];
        Assert.Equal(setAside, Assert.Single(recorded.Quarantined));
        Assert.Equal(setAside, Assert.Single(RunSummary.Of(recorded, detail: false).Quarantined));
        var feed = (await rig.PublishedAsync()).ItemIds;
        Assert.Equal(212, feed.Count);
        Assert.DoesNotContain(FaultRig.Truth.Items[83].Url, feed);
    }

    [Fact]
    public async Task An_invalid_date_keeps_the_row_without_a_date_and_warns()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true);
        await rig.RunGoodAsync();

        var index = FaultRig.Truth.Items.ToList().FindIndex(i => i.Page == 3 && i.Date is not null);
        var item = FaultRig.Truth.Items[index];
        var listing = Listing.Rows.ToList();
        listing[index] = DateText().Replace(listing[index], "31 Feb 2025", 1);
        Assert.NotEqual(Listing.Rows[index], listing[index]);
        Listing.Serve(rig.Server, listing);
        var run = await rig.RunGoodAsync();

        Assert.Equal((1, 1, 0), (run.ItemsChanged, run.RowsWritten, run.ItemsWithdrawn));
        var warning = Assert.Single(run.Warnings, w => w.Contains("31 Feb 2025", StringComparison.Ordinal));
        Assert.Contains("kept without a date", warning, StringComparison.Ordinal);
        Assert.Contains(item.Url, warning, StringComparison.Ordinal);
        Assert.Contains((await rig.RunsAsync())[0].Warnings, w => w == warning);

        FaultRig.AssertRowsAre(await rig.RowsAsync(), FaultRig.Truth.Items.Select(i => i.Url == item.Url ? i with { Date = null } : i));
        var feed = (await rig.PublishedAsync()).Items;
        Assert.Equal(213, feed.Count);
        var entry = Assert.Single(feed, i => i.GetProperty("id").GetString() == item.Url);
        Assert.False(entry.TryGetProperty("date_published", out _));
        Assert.Equal(item.Title, entry.GetProperty("title").GetString());
    }

    internal static async Task<bool> ServeAsync(HttpContext context, string html)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.ETag = "\"duplicated\"";
        await context.Response.WriteAsync(html, context.RequestAborted);
        return true;
    }

    /// <summary>The runs table holds the run with its verdict and its reason.</summary>
    internal static async Task AssertRecordedAsync(FaultRig rig, RunRecord run)
    {
        var recorded = (await rig.RunsAsync())[0];
        Assert.Equal((run.Id, run.Status, run.Error), (recorded.Id, recorded.Status, recorded.Error));
        Assert.NotNull(recorded.Ended);
        var state = await rig.StateAsync();
        Assert.Null(state.RunningRunId);
        Assert.NotEqual(run.Id, state.LastGoodRunId);
        Assert.Equal(213, state.LastGoodCount);
    }

    [GeneratedRegex(@"href=""[^""]*""")]
    private static partial Regex HrefAttribute();

    [GeneratedRegex(@"(<a [^>]*>)[^<]*</a>")]
    private static partial Regex TitleText();

    [GeneratedRegex(@"\d{1,2} [A-Z][a-z]{2} \d{4}")]
    private static partial Regex DateText();
}
