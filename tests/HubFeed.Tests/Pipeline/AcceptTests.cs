using HubFeed.Functions;
using HubFeed.Tests.Faults;
using HubFeed.Tests.Functions;

namespace HubFeed.Tests.Pipeline;

/// <summary>
/// Accept names the held run and applies exactly that change, once: with nothing held it is refused (409) and changes
/// nothing. Health says "held" and "failing". On the in-memory storage; the same through the CLI (a process, so on
/// Azurite) is <see cref="AcceptCliTests"/>, and that the next run applies exactly the held change once is
/// <see cref="AcceptRunTests"/>.
/// </summary>
public sealed class AcceptTests
{
    [Fact]
    public async Task Accept_with_nothing_held_is_409_changes_nothing_and_the_next_guarded_change_is_still_held()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(publish: true);
        await rig.RunGoodAsync();
        var before = await rig.StateAsync();

        var (status, json) = await AcceptAsync(rig);
        Assert.Equal(409, status);
        Assert.Contains("nothing to accept", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await rig.App.Get<SourceStateStore>().AcceptanceAsync(rig.Source.Key, CancellationToken.None));
        Assert.Equal(before with { }, await rig.StateAsync());

        // Not a blank cheque: a listing cut from 213 to 110 is held as if no one had said anything.
        var published = await rig.PublishedAsync();
        Listing.Serve(rig.Server, Listing.Rows.Take(110).ToList());
        var held = (await rig.RunAsync()).Outcome;
        Assert.Equal(RunCause.CountDrop, Assert.IsType<RunOutcome.Held>(held).Cause);
        (await rig.PublishedAsync()).AssertUnchangedSince(published);
    }

    [Fact]
    public async Task Health_headlines_say_held_and_failing_when_the_last_run_was()
    {
        await using var rig = await FaultRig.StartInMemoryAsync(new Dictionary<string, string?> { ["HubFeed:Source:MaxRetries"] = "0" }, publish: true);
        var health = rig.App.Get<HealthService>();
        await rig.RunGoodAsync();
        Assert.Equal(HealthStatus.Healthy, (await health.GetAsync(5, false, CancellationToken.None)).Status);

        Listing.Serve(rig.Server, Listing.Rows.Take(100).ToList());
        await rig.RunAsync();
        var held = await health.GetAsync(5, false, CancellationToken.None);
        Assert.Equal((HealthStatus.Held, HealthStatus.Held), (held.Status, held.Sources[0].Status));

        rig.Inject((context, _, _) => Respond.StatusAsync(context, 503));
        Assert.IsType<RunOutcome.Failed>((await rig.RunAsync()).Outcome);
        Assert.Equal(HealthStatus.Failing, (await health.GetAsync(5, false, CancellationToken.None)).Status);
    }

    /// <summary>POST /api/objectives/11/accept, through the Function.</summary>
    internal static async Task<(int Status, System.Text.Json.JsonElement Json)> AcceptAsync(FaultRig rig)
    {
        var functions = ActivatorUtilities.CreateInstance<RunFunctions>(rig.App.Services);
        var request = FunctionTests.Request("POST", "/api/objectives/11/accept");
        var (status, json, _) = await FunctionTests.Render(await functions.Accept(request, "11", CancellationToken.None), request);
        return (status, json);
    }
}
