using System.Text;
using System.Text.RegularExpressions;
using HubFeed.Catalog;
using HubFeed.Pipeline;
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
    public async Task A_renamed_row_class_is_read_by_the_listing_structure_exactly_and_the_configured_selector_is_named(bool wholeSite)
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite);
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
        await using var rig = await FaultRig.StartAsync(fixture.Azurite);
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
        await using var rig = await FaultRig.StartAsync(fixture.Azurite);
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
        // The row is recorded where ops look: the run record, status and the anonymous health answer.
        Assert.Equal(setAside, Assert.Single((await rig.RunsAsync())[0].Quarantined));
        var health = await rig.App.Get<HealthService>().GetAsync(5, detail: false, CancellationToken.None);
        Assert.Equal(setAside, Assert.Single(health.Sources[0].LastRun!.Quarantined));
        var feed = (await rig.PublishedAsync()).ItemIds;
        Assert.Equal(212, feed.Count);
        Assert.DoesNotContain(FaultRig.Truth.Items[83].Url, feed);
    }

    [Fact]
    public async Task More_unreadable_rows_than_the_allowed_share_refuse_the_run_and_change_nothing()
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite);
        await rig.RunGoodAsync();
        var rows = FaultRig.Versions(await rig.RowsAsync());
        var published = await rig.PublishedAsync();

        // 5 % of 213 is 10 rows: 11 unreadable ones are too many.
        var listing = Listing.Rows.Select((row, i) => i % 20 == 3 ? Listing.WithTitle(row, " ") : row).ToList();
        Assert.Equal(11, listing.Count(r => !Listing.Rows.Contains(r)));
        Listing.Serve(rig.Server, listing);
        var run = (await rig.RunAsync()).Run;

        Assert.Equal(RunStatus.Refused, run.Status);
        Assert.Equal(RunCause.Quarantine, run.Cause);
        Assert.Equal(11, run.Quarantined.Count);
        Assert.Contains("11 of 213 rows", run.Error, StringComparison.Ordinal);
        await AssertRecordedAsync(rig, run);
        Assert.Equal(rows, FaultRig.Versions(await rig.RowsAsync()));
        (await rig.PublishedAsync()).AssertUnchangedSince(published);
        Assert.Equal("quarantine", (await rig.StateAsync()).Held?.Guard);
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

    [GeneratedRegex(@"(<a [^>]*>)[^<]*</a>")]
    private static partial Regex TitleText();

    [GeneratedRegex(@"\d{1,2} [A-Z][a-z]{2} \d{4}")]
    private static partial Regex DateText();
}
