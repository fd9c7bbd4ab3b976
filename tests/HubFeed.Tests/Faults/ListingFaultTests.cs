using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using HubFeed.Catalog;
using HubFeed.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace HubFeed.Tests.Faults;

/// <summary>
/// Faults in what the Hub serves. Each starts from a good run (a published feed), injects the fault, runs again and
/// checks the run's verdict, the runs table, the catalog rows and the published feed.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class ListingFaultTests(AzuriteFixture fixture)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Changed_markup_fails_the_run_naming_the_page_and_the_selector_and_changes_nothing(bool wholeSite)
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite);
        await rig.RunGoodAsync();
        var rows = FaultRig.Versions(await rig.RowsAsync());
        var published = await rig.PublishedAsync();

        // A redesign renames the row class: the pages still say "Displaying results 51 - 60 of 213", but no row matches.
        foreach (var page in wholeSite ? Enumerable.Range(0, 22) : [5])
        {
            rig.Server.Pages[(Listing.Term, page)] = rig.Server.Pages[(Listing.Term, page)].Replace("views-row", "node-teaser", StringComparison.Ordinal);
        }
        var run = (await rig.RunAsync()).Run;

        var failing = wholeSite ? 0 : 5;
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains(rig.PageUrl(failing), run.Error, StringComparison.Ordinal);
        Assert.Contains(rig.Source.Selectors.Row, run.Error, StringComparison.Ordinal);
        await AssertRecordedAsync(rig, run);
        Assert.Equal(rows, FaultRig.Versions(await rig.RowsAsync()));
        (await rig.PublishedAsync()).AssertUnchangedSince(published);
    }

    [Theory]
    [InlineData("no title")]
    [InlineData("no link")]
    public async Task A_row_without_a_title_or_url_fails_the_run_naming_the_page_row_and_selector(string fault)
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite);
        await rig.RunGoodAsync();
        var rows = FaultRig.Versions(await rig.RowsAsync());
        var published = await rig.PublishedAsync();

        var listing = Listing.Rows.ToList();
        listing[83] = fault == "no title"
            ? Listing.WithTitle(listing[83], "  ")
            : HrefAttribute().Replace(listing[83], "", 1);
        Assert.NotEqual(Listing.Rows[83], listing[83]);
        Listing.Serve(rig.Server, listing);
        var run = (await rig.RunAsync()).Run;

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains(rig.PageUrl(8) + ", row 4", run.Error, StringComparison.Ordinal);
        Assert.Contains(rig.Source.Selectors.Title, run.Error, StringComparison.Ordinal);
        await AssertRecordedAsync(rig, run);
        Assert.Equal(rows, FaultRig.Versions(await rig.RowsAsync()));
        (await rig.PublishedAsync()).AssertUnchangedSince(published);
    }

    [Fact]
    public async Task An_invalid_date_keeps_the_row_without_a_date_and_warns()
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite);
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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_oversized_response_fails_the_run_at_the_cap_and_changes_nothing(bool declaresLength)
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite, new Dictionary<string, string?> { ["HubFeed:Source:MaxResponseBytes"] = "50000" });
        await rig.RunGoodAsync();
        var rows = FaultRig.Versions(await rig.RowsAsync());
        var published = await rig.PublishedAsync();

        // Page 6 grows to ~90 KB; the others stay ~9 KB, under the 50,000-byte cap.
        var padded = rig.Server.Pages[(Listing.Term, 6)].Replace("</body>", "<!--" + new string('x', 80_000) + "--></body>", StringComparison.Ordinal);
        rig.Server.Pages[(Listing.Term, 6)] = padded;
        if (!declaresLength)
        {
            // Chunked, no Content-Length: the cap must hold while reading.
            rig.Inject(async (context, page, attempt) =>
            {
                if (page != 6)
                {
                    return false;
                }
                context.Response.ContentType = "text/html; charset=utf-8";
                var bytes = Encoding.UTF8.GetBytes(padded);
                try
                {
                    for (var i = 0; i < bytes.Length; i += 4096)
                    {
                        await context.Response.Body.WriteAsync(bytes.AsMemory(i, Math.Min(4096, bytes.Length - i)), context.RequestAborted);
                        await context.Response.Body.FlushAsync(context.RequestAborted);
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or IOException)
                {
                    // The client stopped reading at the cap.
                }
                return true;
            });
        }
        var run = (await rig.RunAsync()).Run;

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains(rig.PageUrl(6), run.Error, StringComparison.Ordinal);
        Assert.Contains("over the cap of 50000", run.Error, StringComparison.Ordinal);
        await AssertRecordedAsync(rig, run);
        Assert.Equal(rows, FaultRig.Versions(await rig.RowsAsync()));
        (await rig.PublishedAsync()).AssertUnchangedSince(published);
    }

    [Fact]
    public async Task An_item_moving_from_page_3_to_page_4_mid_crawl_is_neither_lost_nor_withdrawn()
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite);
        await rig.RunGoodAsync();
        var rows = FaultRig.Versions(await rig.RowsAsync());

        // Page 3 is read first (from the page cache: a 304); then, as page 4 is asked for, page 3's last item X moves
        // to the top of page 4 and page 4's first item Y shifts up into page 3. This pass sees X twice and Y never.
        var page3Read = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var moved = Listing.Rows.ToList();
        (moved[39], moved[40]) = (moved[40], moved[39]);
        var (x, y) = (Listing.UrlOf(Listing.Rows[39]), Listing.UrlOf(Listing.Rows[40]));
        rig.Inject(async (context, page, attempt) =>
        {
            if (page == 3 && attempt == 1)
            {
                context.Response.OnCompleted(() => { page3Read.TrySetResult(); return Task.CompletedTask; });
            }
            if (page == 4 && attempt == 1)
            {
                await page3Read.Task.WaitAsync(TimeSpan.FromSeconds(10));
                Listing.Serve(rig.Server, moved);
            }
            return false;
        });
        var run = await rig.RunGoodAsync();

        Assert.True(rig.Hits[3] >= 2 && rig.Hits[4] >= 2, $"the pages were not fetched again: {string.Join(", ", rig.Hits.OrderBy(h => h.Key))} {string.Join(" | ", run.Warnings)}");
        Assert.Contains(run.Warnings, w => w.StartsWith("Round 1 found 212 distinct of 213", StringComparison.Ordinal));
        Assert.Equal((213, 0, 0), (run.ItemsListed, run.ItemsWithdrawn, run.RowsWritten));
        Assert.Equal(rows, FaultRig.Versions(await rig.RowsAsync()));
        FaultRig.AssertRowsAre(await rig.RowsAsync(), FaultRig.Truth.Items);
        var feed = (await rig.PublishedAsync()).ItemIds;
        Assert.Equal(213, feed.Count);
        Assert.Contains(x, feed);
        Assert.Contains(y, feed);
    }

    [Fact]
    public async Task Duplicate_rows_are_read_as_one_item_and_the_one_they_hid_is_not_withdrawn()
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite);
        await rig.RunGoodAsync();
        var rows = FaultRig.Versions(await rig.RowsAsync());

        // The first time page 10 is served, its second row repeats its first, under another spelling of the same URL
        // (absolute, language prefix, tracking parameter): one item twice, and the item of row 2 nowhere.
        var hidden = Listing.UrlOf(Listing.Rows[101]);
        var twice = Listing.Rows.ToList();
        var href = Regex.Match(twice[100], @"href=""([^""]*)""").Groups[1].Value;
        twice[101] = twice[100].Replace($"href=\"{href}\"", $"href=\"https://migrationnetwork.un.org/en{href}?utm_source=hub&amp;utm_medium=list\"", StringComparison.Ordinal);
        Assert.Equal(Listing.UrlOf(twice[100]), Listing.UrlOf(twice[101]));
        var duplicated = Listing.Render(twice)[(Listing.Term, 10)];
        rig.Inject((context, page, attempt) => page == 10 && attempt == 1 ? ServeAsync(context, duplicated) : Task.FromResult(false));
        var run = await rig.RunGoodAsync();

        Assert.Equal(2, rig.Hits[10]);
        Assert.Equal((213, 0, 0), (run.ItemsListed, run.ItemsWithdrawn, run.RowsWritten));
        Assert.Equal(rows, FaultRig.Versions(await rig.RowsAsync()));
        FaultRig.AssertRowsAre(await rig.RowsAsync(), FaultRig.Truth.Items);
        var feed = (await rig.PublishedAsync()).ItemIds;
        Assert.Equal(213, feed.Distinct().Count());
        Assert.Contains(hidden, feed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_item_published_or_removed_mid_crawl_shifts_every_row_and_the_crawl_reads_the_listing_at_its_new_size(bool published)
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite);
        await rig.RunGoodAsync();

        // As page 4 is asked for, a new item appears at the top (or the second item goes): every later row moves down
        // (up) one, so rows of the pages read before are read twice (or never), and the listing says 214 (212).
        var fresh = Listing.WithTitle(Listing.Rows[0], "A brand new border resource").Replace("/resources/protecting-migrant-children-airports-guidance-airline-and-border-staff", "/resources/brand-new-border-resource", StringComparison.Ordinal);
        var changed = published ? Listing.Rows.Prepend(fresh).ToList() : Listing.Rows.Where((_, i) => i != 1).ToList();
        string? added = published ? Listing.UrlOf(fresh) : null;
        string? removed = published ? null : Listing.UrlOf(Listing.Rows[1]);
        Assert.DoesNotContain(Listing.UrlOf(fresh), FaultRig.Truth.Items.Select(i => i.Url));
        rig.Inject((context, page, attempt) =>
        {
            if (page == 4 && attempt == 1)
            {
                Listing.Serve(rig.Server, changed);
            }
            return Task.FromResult(false);
        });
        var size = changed.Count;
        var run = await rig.RunGoodAsync(expectedActive: size);

        Assert.Contains(run.Warnings, w => w.StartsWith($"The listing went from 213 to {size} items during the crawl", StringComparison.Ordinal));
        Assert.Equal((size, published ? 1 : 0, 0, published ? 0 : 1, 1), (run.ItemsListed, run.ItemsNew, run.ItemsChanged, run.ItemsWithdrawn, run.RowsWritten));
        var rows = await rig.RowsAsync();
        Assert.Equal(published ? 214 : 213, rows.Count);
        Assert.Equal(removed is null ? [] : [removed], rows.Where(r => r.GetDateTimeOffset("Withdrawn") is not null).Select(r => r.GetString("Url")));
        if (added is not null)
        {
            Assert.Contains(rows, r => r.GetString("Url") == added && r.GetString("Title") == "A brand new border resource");
        }
        var expected = FaultRig.Truth.Items.Select(i => i.Url).Where(u => u != removed).Concat(added is null ? [] : [added]);
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await rig.PublishedAsync()).ItemIds.Order(StringComparer.Ordinal));

        // And the next run finds nothing to do.
        rig.Inject(null);
        var next = await rig.RunGoodAsync(expectedActive: size);
        Assert.Equal((0, 0, 0), (next.ItemsWithdrawn, next.ItemsNew, next.RowsWritten));
    }

    private static async Task<bool> ServeAsync(HttpContext context, string html)
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

    [GeneratedRegex(@"\d{1,2} [A-Z][a-z]{2} \d{4}")]
    private static partial Regex DateText();
}
