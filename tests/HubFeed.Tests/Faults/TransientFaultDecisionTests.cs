using System.Collections.Concurrent;
using System.Diagnostics;

namespace HubFeed.Tests.Faults;

/// <summary>
/// Faults the crawler rides out, on the in-memory catalog (no storage account; the run ingests only): each is retried,
/// and the run ends with every one of the 213 items in the catalog. The server's request counts show the retries were
/// made. The faults whose feed is checked too are <see cref="TransientFaultTests"/>, on Azurite.
/// </summary>
public sealed class TransientFaultDecisionTests
{
    [Fact]
    public async Task Five_hundreds_then_success_are_retried_and_the_run_completes()
    {
        await using var rig = await FaultRig.StartInMemoryAsync();
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
        await using var rig = await FaultRig.StartInMemoryAsync();
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
        // 2 s: well under the 10 s hang, and no normal page of a loaded machine takes that long.
        await using var rig = await FaultRig.StartInMemoryAsync(new Dictionary<string, string?> { ["HubFeed:Source:RequestTimeout"] = "00:00:02" });
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
        await using var rig = await FaultRig.StartInMemoryAsync();
        rig.Inject((context, page, attempt) => page == 15 && attempt == 1
            ? Respond.TruncatedAsync(context, rig.Server.Pages[(Listing.Term, 15)])
            : Task.FromResult(false));

        var run = await rig.RunGoodAsync();

        Assert.Equal(2, rig.Hits[15]);
        Assert.Equal(22, run.PagesFetched);
        await AssertCompleteAsync(rig);
    }

    [Fact]
    public async Task A_persistent_error_costs_one_request_per_retry_not_a_retry_loop_around_the_retries()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(new Dictionary<string, string?> { ["HubFeed:Source:MaxRetries"] = "3" });
        await rig.RunGoodAsync();
        rig.Inject((context, page, attempt) => page == 2 ? Respond.TruncatedAsync(context, rig.Server.Pages[(Listing.Term, 2)]) : Task.FromResult(false));
        Listing.Serve(rig.Server, Listing.Rows.Reverse().ToList());

        var run = (await rig.RunAsync()).Run;

        Assert.Equal((RunStatus.Failed, (RunCause?)RunCause.SourceUnavailable), (run.Status, run.Cause));
        Assert.Equal(4, rig.Hits[2]); // the first attempt and three retries, all in the one resilience pipeline
    }

    /// <summary>The catalog holds every item exactly and the run succeeded (what the feed then shows: <see cref="TransientFaultTests"/>).</summary>
    private static async Task AssertCompleteAsync(FaultRig rig)
    {
        FaultRig.AssertRowsAre(await rig.RowsAsync(), FaultRig.Truth.Items);
        Assert.Equal(RunStatus.Succeeded, (await rig.RunsAsync())[0].Status);
    }
}
