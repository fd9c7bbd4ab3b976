using System.Collections.Concurrent;
using System.Diagnostics;
using HubFeed.Catalog;
using HubFeed.Tests.Infrastructure;

namespace HubFeed.Tests.Faults;

/// <summary>
/// Faults the crawler rides out: each is retried, and the run ends with every one of the 213 items in the catalog and
/// the feed, as if nothing had happened. The server's request counts show the retries were made.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TransientFaultTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task Five_hundreds_then_success_are_retried_and_the_run_completes()
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite);
        rig.Inject((context, page, attempt) => (page, attempt) switch
        {
            (0, 1) => Respond.StatusAsync(context, 503),
            (7, 1 or 2) => Respond.StatusAsync(context, 500),
            _ => Task.FromResult(false),
        });

        var run = await rig.RunGoodAsync();

        Assert.Equal((2, 3), (rig.Hits[0], rig.Hits[7]));
        Assert.Equal((213, 22, 213), (run.ItemsNew, run.PagesFetched, run.RowsWritten));
        await AssertCompleteAsync(rig);
    }

    [Fact]
    public async Task A_429_is_retried_no_sooner_than_its_Retry_After()
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite);
        var seen = new ConcurrentDictionary<int, long>();
        rig.Inject((context, page, attempt) =>
        {
            if (page != 4)
            {
                return Task.FromResult(false);
            }
            seen[attempt] = Stopwatch.GetTimestamp();
            return attempt == 1 ? Respond.StatusAsync(context, 429, retryAfter: "1") : Task.FromResult(false);
        });

        await rig.RunGoodAsync();

        Assert.Equal(2, rig.Hits[4]);
        // The back-off alone would wait ~50 ms (RetryBaseDelay); Retry-After says a second.
        var waited = Stopwatch.GetElapsedTime(seen[1], seen[2]);
        Assert.True(waited >= TimeSpan.FromMilliseconds(950), $"retried after {waited.TotalMilliseconds:F0} ms");
        await AssertCompleteAsync(rig);
    }

    [Fact]
    public async Task A_request_that_times_out_is_retried()
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite, new Dictionary<string, string?> { ["HubFeed:Source:RequestTimeout"] = "00:00:01" });
        rig.Inject((context, page, attempt) => page == 12 && attempt == 1
            ? Respond.HangAsync(context, TimeSpan.FromSeconds(10))
            : Task.FromResult(false));

        var started = Stopwatch.GetTimestamp();
        await rig.RunGoodAsync();

        Assert.Equal(2, rig.Hits[12]);
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(9), "the run waited for the hung request instead of timing it out");
        await AssertCompleteAsync(rig);
    }

    [Fact]
    public async Task A_page_cut_short_is_fetched_again_not_parsed_half()
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite);
        rig.Inject((context, page, attempt) => page == 15 && attempt == 1
            ? Respond.TruncatedAsync(context, rig.Server.Pages[(Listing.Term, 15)])
            : Task.FromResult(false));

        var run = await rig.RunGoodAsync();

        Assert.Equal(2, rig.Hits[15]);
        Assert.Equal(22, run.PagesFetched);
        await AssertCompleteAsync(rig);
    }

    [Fact]
    public async Task A_server_trickling_bytes_is_cut_off_by_the_request_timeout_and_the_run_fails_cleanly()
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite, new Dictionary<string, string?>
        {
            ["HubFeed:Source:RequestTimeout"] = "00:00:01",
            ["HubFeed:Source:MaxRetries"] = "0",
        });
        await rig.RunGoodAsync();
        var published = await rig.PublishedAsync();
        // Page 3 answers at once, then sends one byte every 100 ms: the headers come in time, the body never does.
        rig.Inject(async (context, page, attempt) =>
        {
            if (page != 3)
            {
                return false;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.Body.FlushAsync(context.RequestAborted);
            try
            {
                foreach (var b in System.Text.Encoding.UTF8.GetBytes(rig.Server.Pages[(Listing.Term, 3)]))
                {
                    await context.Response.Body.WriteAsync(new[] { b }, context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(100, context.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
            }
            return true;
        });
        // Changed pages (not 304s), so page 3 is read again.
        Listing.Serve(rig.Server, Listing.Rows.Reverse().ToList());

        var started = Stopwatch.GetTimestamp();
        var run = (await rig.RunAsync()).Run;

        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(8), $"took {Stopwatch.GetElapsedTime(started)}");
        Assert.Equal((RunStatus.Failed, (RunCause?)RunCause.SourceUnavailable), (run.Status, run.Cause));
        Assert.Contains("page=3", run.Error, StringComparison.Ordinal);
        (await rig.PublishedAsync()).AssertUnchangedSince(published);
    }

    [Fact]
    public async Task A_persistent_error_costs_one_request_per_retry_not_a_retry_loop_around_the_retries()
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite, new Dictionary<string, string?> { ["HubFeed:Source:MaxRetries"] = "3" });
        await rig.RunGoodAsync();
        rig.Inject((context, page, attempt) => page == 2 ? Respond.TruncatedAsync(context, rig.Server.Pages[(Listing.Term, 2)]) : Task.FromResult(false));
        Listing.Serve(rig.Server, Listing.Rows.Reverse().ToList());

        var run = (await rig.RunAsync()).Run;

        Assert.Equal((RunStatus.Failed, (RunCause?)RunCause.SourceUnavailable), (run.Status, run.Cause));
        Assert.Equal(4, rig.Hits[2]); // the first attempt and three retries, all in the one resilience pipeline
    }

    [Fact]
    public async Task Redirects_are_followed_within_the_hub_and_refused_to_another_host()
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite);
        rig.Inject((context, page, attempt) =>
        {
            if (page == 5 && attempt == 1)
            {
                // Same host: a moved listing page.
                context.Response.Redirect("/taxonomy/term/289?page=5&moved=1");
                return Task.FromResult(true);
            }
            return Task.FromResult(false);
        });
        var run = await rig.RunGoodAsync();
        Assert.Equal(213, run.ItemsNew);

        rig.Inject((context, page, attempt) =>
        {
            if (page == 6)
            {
                context.Response.Redirect("https://evil.example/taxonomy/term/289?page=6");
                return Task.FromResult(true);
            }
            return Task.FromResult(false);
        });
        Listing.Serve(rig.Server, Listing.Rows.Reverse().ToList());
        var refused = (await rig.RunAsync()).Run;
        Assert.Equal((RunStatus.Failed, (RunCause?)RunCause.SourceUnavailable), (refused.Status, refused.Cause));
        Assert.Contains("evil.example", refused.Error, StringComparison.Ordinal);
        Assert.Contains("not followed", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, rig.Hits[6]);

        // A redirect loop on the Hub itself ends after five hops.
        rig.Inject((context, page, attempt) =>
        {
            if (page == 6)
            {
                context.Response.Redirect($"/taxonomy/term/289?page=6&hop={attempt}");
                return Task.FromResult(true);
            }
            return Task.FromResult(false);
        });
        var looped = (await rig.RunAsync()).Run;
        Assert.Contains("more than 5 redirects", looped.Error, StringComparison.Ordinal);
        Assert.Equal(6, rig.Hits[6]);
    }

    /// <summary>The catalog holds the 213 items of the snapshot, field by field, and so does the published feed.</summary>
    private static async Task AssertCompleteAsync(FaultRig rig)
    {
        FaultRig.AssertRowsAre(await rig.RowsAsync(), FaultRig.Truth.Items);
        var published = await rig.PublishedAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, published.Status);
        Assert.Equal(FaultRig.Truth.Items.Select(i => i.Url).Order(StringComparer.Ordinal), published.ItemIds.Order(StringComparer.Ordinal));
        var last = (await rig.RunsAsync())[0];
        Assert.Equal(RunStatus.Succeeded, last.Status);
    }
}
