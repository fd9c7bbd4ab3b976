using HubFeed.Catalog;
using HubFeed.Functions;
using HubFeed.Pipeline;
using HubFeed.Tests.Functions;
using HubFeed.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HubFeed.Tests.Faults;

/// <summary>Two runs of the same source never overlap: the second is refused with a clear reason, and RunNow answers 409.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConcurrencyTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task Two_runs_at_once_one_runs_and_the_other_is_refused_with_the_reason()
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite);
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
        var refused = Assert.Single(results, r => r.Run.Status == RunStatus.Refused);
        var ran = Assert.Single(results, r => r.Run.Status == RunStatus.Succeeded);
        Assert.Same(refused, Assert.Single((await first).Sources));
        Assert.True(refused.InProgressElsewhere);
        Assert.False(ran.InProgressElsewhere);
        Assert.Matches($"^(Run {ran.Run.Id} of objective-11 is in progress \\(lease until .+\\)\\.|Another run of objective-11 took the lease first\\.)$", refused.Run.Error);
        Assert.Equal(22, rig.Hits.Values.Sum()); // only the run that holds the lease read the listing

        var recorded = await rig.RunsAsync();
        Assert.Equal(3, recorded.Count);
        Assert.Contains(recorded, r => r.Id == refused.Run.Id && r.Status == RunStatus.Refused && r.Error == refused.Run.Error && r.Ended is not null);
        Assert.Contains(recorded, r => r.Id == ran.Run.Id && r.Status == RunStatus.Succeeded);
        var state = await rig.StateAsync();
        Assert.Equal((null, ran.Run.Id), (state.RunningRunId, state.LastGoodRunId));
        FaultRig.AssertRowsAre(await rig.RowsAsync(), FaultRig.Truth.Items);
        (await rig.PublishedAsync()).AssertUnchangedSince(published); // nothing changed at the source
    }

    [Fact]
    public async Task RunNow_answers_409_while_a_run_holds_the_lease_and_200_after()
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite);
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Inject(async (context, page, attempt) =>
        {
            holding.TrySetResult();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(20));
            return false;
        });
        var functions = ActivatorUtilities.CreateInstance<RunFunctions>(rig.App.Services);

        var running = Task.Run(() => rig.RunAsync());
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var (status, json, _) = await FunctionTests.Render(await functions.RunNow(NewRequest(), CancellationToken.None));
        release.TrySetResult();
        var held = (await running).Run;

        Assert.Equal(StatusCodes.Status409Conflict, status);
        var source = json.GetProperty("sources")[0];
        Assert.True(source.GetProperty("inProgressElsewhere").GetBoolean());
        Assert.Equal("refused", source.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal("http", source.GetProperty("run").GetProperty("trigger").GetString());
        Assert.Contains($"Run {held.Id} of objective-11 is in progress", source.GetProperty("run").GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(RunStatus.Succeeded, held.Status);

        var (after, afterJson, _) = await FunctionTests.Render(await functions.RunNow(NewRequest(), CancellationToken.None));
        Assert.Equal(StatusCodes.Status200OK, after);
        Assert.Equal("succeeded", afterJson.GetProperty("sources")[0].GetProperty("run").GetProperty("status").GetString());
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
