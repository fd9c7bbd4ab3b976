using HubFeed.Functions;
using HubFeed.Tests.Functions;
using Microsoft.AspNetCore.Http;

namespace HubFeed.Tests.Faults;

/// <summary>
/// Two runs of the same source never overlap: the second is skipped with a clear reason, queued or not. On the in-memory
/// storage (the lease is the source state port's conditional write, held to one contract on both adapters).
/// </summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Two_runs_at_once_one_runs_and_the_other_is_skipped_with_the_reason()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true);
        await rig.RunGoodAsync();
        var published = await rig.PublishedAsync();

        // Whichever run takes the lease reaches the server, and is held there until the other run has finished.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Inject(async (context, page, attempt) =>
        {
            await release.Task.WaitAsync(TimeSpan.FromSeconds(20));
            return false;
        });
        var runner = rig.App.Get<HubFeedRunner>();
        var runs = new[]
        {
            Task.Run(() => runner.RunAsync(RunTrigger.Cli, CancellationToken.None)),
            Task.Run(() => runner.RunAsync(RunTrigger.Timer, CancellationToken.None)),
        };
        var first = await Task.WhenAny(runs).WaitAsync(TimeSpan.FromSeconds(15));
        release.TrySetResult();
        var reports = await Task.WhenAll(runs);

        var results = reports.Select(r => Assert.Single(r.Sources)).ToList();
        var refused = Assert.Single(results, r => r.Run.Status == RunStatus.Skipped);
        var ran = Assert.Single(results, r => r.Run.Status == RunStatus.Succeeded);
        Assert.Same(refused, Assert.Single((await first).Sources));
        Assert.True(refused.InProgressElsewhere);
        Assert.False(ran.InProgressElsewhere);
        Assert.Matches($"^(Run {ran.Run.Id} of objective-11 is in progress \\(lease until .+\\)\\.|Another run of objective-11 took the lease first\\.)$", refused.Run.Error);
        Assert.Equal(22, rig.Hits.Values.Sum()); // only the run that holds the lease read the listing

        var recorded = await rig.RunsAsync();
        Assert.Equal(3, recorded.Count);
        Assert.Contains(recorded, r => r.Id == refused.Run.Id && r.Status == RunStatus.Skipped && r.Error == refused.Run.Error && r.Ended is not null);
        Assert.Contains(recorded, r => r.Id == ran.Run.Id && r.Status == RunStatus.Succeeded);
        var state = await rig.StateAsync();
        Assert.Equal((null, ran.Run.Id), (state.RunningRunId, state.LastGoodRunId));
        FaultRig.AssertRowsAre(await rig.RowsAsync(), FaultRig.Truth.Items);
        (await rig.PublishedAsync()).AssertUnchangedSince(published); // nothing changed at the source
    }

    [Fact]
    public async Task A_queued_run_while_another_holds_the_lease_is_recorded_as_skipped_and_the_next_one_runs()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true);
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Inject(async (context, page, attempt) =>
        {
            holding.TrySetResult();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(20));
            return false;
        });
        var functions = ActivatorUtilities.CreateInstance<RunFunctions>(rig.App.Services);
        var worker = FunctionTests.Worker(rig.App);

        var running = Task.Run(() => rig.RunAsync());
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var post = FunctionTests.Request("POST", "/api/objectives/11/run");
        var (status, json, _) = await FunctionTests.Render(await functions.RunObjectiveNow(post, "11", CancellationToken.None), post);
        Assert.Equal(StatusCodes.Status202Accepted, status);
        var id = json.GetProperty("runs")[0].GetProperty("id").GetString()!;
        // The queued run meets the lease: skipped, not retried (the run holding it does the same work).
        Assert.Equal(1, await worker.DrainAsync(CancellationToken.None));
        release.TrySetResult();
        var held = (await running).Run;

        var skipped = await rig.App.Get<IRunLog>().FindAsync(id, CancellationToken.None);
        Assert.Equal(RunStatus.Skipped, skipped!.Status);
        Assert.Contains($"Run {held.Id} of objective-11 is in progress", skipped.Error, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Succeeded, held.Status);

        var again = FunctionTests.Request("POST", "/api/objectives/11/run");
        var next = (await FunctionTests.Render(await functions.RunObjectiveNow(again, "11", CancellationToken.None), again)).Json.GetProperty("runs")[0].GetProperty("id").GetString()!;
        await worker.DrainAsync(CancellationToken.None);
        Assert.Equal(RunStatus.Succeeded, (await rig.App.Get<IRunLog>().FindAsync(next, CancellationToken.None))!.Status);
        FaultRig.AssertRowsAre(await rig.RowsAsync(), FaultRig.Truth.Items);
        Assert.Equal(213, (await rig.PublishedAsync()).Items.Count);
    }

    private static HttpRequest NewRequest()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        return context.Request;
    }
}
