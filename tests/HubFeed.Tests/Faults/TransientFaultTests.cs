using System.Diagnostics;

namespace HubFeed.Tests.Faults;

/// <summary>
/// Faults the crawler rides out: each is retried, and the run ends with every one of the 213 items in the catalog and
/// the feed, as if nothing had happened. The server's request counts show the retries were made.
/// </summary>
public sealed class TransientFaultTests
{
    [Fact]
    public async Task A_server_trickling_bytes_is_cut_off_by_the_request_timeout_and_the_run_fails_cleanly()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(new Dictionary<string, string?>
        {
            // Short enough to see the cut-off well before the trickle could end (~15 min), long enough that the good
            // run before it never times out on a loaded machine (1 s did, once, with every test class started at once).
            ["HubFeed:Source:RequestTimeout"] = "00:00:02",
            ["HubFeed:Source:MaxRetries"] = "0",
        }, publish: true);
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
    public async Task Redirects_are_followed_within_the_hub_and_refused_to_another_host()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true);
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
}
