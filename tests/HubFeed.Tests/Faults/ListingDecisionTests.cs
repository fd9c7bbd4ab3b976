using System.Text;
using System.Text.RegularExpressions;

namespace HubFeed.Tests.Faults;

/// <summary>
/// Faults in what the Hub serves, and what the run decides and writes, on the in-memory catalog (no storage account:
/// the run ingests only). Each starts from a good run, injects the fault, runs again and checks the run's verdict, the
/// runs log, the source state and the catalog rows (their versions: not one row rewritten). That a failed or refused
/// run leaves the published feed as it was is shown on Azurite (<see cref="ListingFaultTests"/>, <see cref="GuardTests"/>).
/// </summary>
public sealed class ListingDecisionTests
{
    [Fact]
    public async Task More_unreadable_rows_than_the_allowed_share_refuse_the_run_and_change_nothing()
    {
        await using var rig = await FaultRig.StartInMemoryAsync();
        await rig.RunGoodAsync();
        var rows = FaultRig.Versions(await rig.RowsAsync());

        // 5 % of 213 is 10 rows: 11 unreadable ones are too many.
        var listing = Listing.Rows.Select((row, i) => i % 20 == 3 ? Listing.WithTitle(row, " ") : row).ToList();
        Assert.Equal(11, listing.Count(r => !Listing.Rows.Contains(r)));
        Listing.Serve(rig.Server, listing);
        var run = (await rig.RunAsync()).Run;

        Assert.Equal(RunStatus.Refused, run.Status);
        Assert.Equal(RunCause.Quarantine, run.Cause);
        Assert.Equal(11, run.Quarantined.Count);
        Assert.Contains("11 of 213 rows", run.Error, StringComparison.Ordinal);
        await ListingFaultTests.AssertRecordedAsync(rig, run);
        Assert.Equal(rows, FaultRig.Versions(await rig.RowsAsync()));
        Assert.Equal("quarantine", (await rig.StateAsync()).Held?.Guard);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_oversized_response_fails_the_run_at_the_cap_and_changes_nothing(bool declaresLength)
    {
        await using var rig = await FaultRig.StartInMemoryAsync(new Dictionary<string, string?> { ["HubFeed:Source:MaxResponseBytes"] = "50000" });
        await rig.RunGoodAsync();
        var rows = FaultRig.Versions(await rig.RowsAsync());

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
        await ListingFaultTests.AssertRecordedAsync(rig, run);
        Assert.Equal(rows, FaultRig.Versions(await rig.RowsAsync()));
    }

    [Fact]
    public async Task An_item_moving_from_page_3_to_page_4_mid_crawl_is_neither_lost_nor_withdrawn()
    {
        await using var rig = await FaultRig.StartInMemoryAsync();
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
        Assert.Contains(await rig.RowsAsync(), r => r.GetString("Url") == x && r.GetDateTimeOffset("Withdrawn") is null);
        Assert.Contains(await rig.RowsAsync(), r => r.GetString("Url") == y && r.GetDateTimeOffset("Withdrawn") is null);
    }

    [Fact]
    public async Task Duplicate_rows_are_read_as_one_item_and_the_one_they_hid_is_not_withdrawn()
    {
        await using var rig = await FaultRig.StartInMemoryAsync();
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
        rig.Inject((context, page, attempt) => page == 10 && attempt == 1 ? ListingFaultTests.ServeAsync(context, duplicated) : Task.FromResult(false));
        var run = await rig.RunGoodAsync();

        Assert.Equal(2, rig.Hits[10]);
        Assert.Equal((213, 0, 0), (run.ItemsListed, run.ItemsWithdrawn, run.RowsWritten));
        Assert.Equal(rows, FaultRig.Versions(await rig.RowsAsync()));
        FaultRig.AssertRowsAre(await rig.RowsAsync(), FaultRig.Truth.Items);
        Assert.Contains(await rig.RowsAsync(), r => r.GetString("Url") == hidden && r.GetDateTimeOffset("Withdrawn") is null);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_item_published_or_removed_mid_crawl_shifts_every_row_and_the_crawl_reads_the_listing_at_its_new_size(bool published)
    {
        await using var rig = await FaultRig.StartInMemoryAsync();
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
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await rig.RowsAsync()).Where(r => r.GetDateTimeOffset("Withdrawn") is null).Select(r => r.GetString("Url")).Order(StringComparer.Ordinal));

        // And the next run finds nothing to do.
        rig.Inject(null);
        var next = await rig.RunGoodAsync(expectedActive: size);
        Assert.Equal((0, 0, 0), (next.ItemsWithdrawn, next.ItemsNew, next.RowsWritten));
    }
}
