using HubFeed.Tests.Faults;

namespace HubFeed.Tests.Pipeline;

/// <summary>
/// `hubfeed accept` and `hubfeed status` as ops run them (a process, so on the storage both share: Azurite): accept
/// with nothing held exits 1 and changes nothing; status exits 1 and its headline says held, then failing. What the
/// same answers are through the Functions and health is <see cref="AcceptTests"/>, on the in-memory storage.
/// </summary>
[Collection(AzuriteBesideCollection.Name)]
public sealed class AcceptCliTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task Accept_with_nothing_held_exits_1_and_status_says_held_then_failing_with_exit_1()
    {
        await using var rig = await FaultRig.StartAsync(fixture.Azurite, new Dictionary<string, string?> { ["HubFeed:Source:MaxRetries"] = "0" });
        await rig.RunGoodAsync();
        var before = await rig.StateAsync();
        var (exit, output, error) = await HubFeed.Tests.Cli.CliCommandTests.RunAsync(CliEnv(rig), "accept", "--objective", "11");
        Assert.True(exit == 1, error);
        Assert.Contains("nothing is held", error, StringComparison.Ordinal);
        Assert.Null(await rig.App.Get<SourceStateStore>().AcceptanceAsync(rig.Source.Key, CancellationToken.None));
        Assert.Equal(before with { }, await rig.StateAsync());

        Listing.Serve(rig.Server, Listing.Rows.Take(100).ToList());
        await rig.RunAsync();
        (exit, output, error) = await HubFeed.Tests.Cli.CliCommandTests.RunAsync(CliEnv(rig), "status");
        Assert.True(exit == 1, output + error);
        Assert.StartsWith("Held: a guard holds a change of objective-11", output, StringComparison.Ordinal);

        rig.Inject((context, _, _) => Respond.StatusAsync(context, 503));
        await rig.RunAsync();
        (exit, output, error) = await HubFeed.Tests.Cli.CliCommandTests.RunAsync(CliEnv(rig), "status");
        Assert.True(exit == 1, output + error);
        Assert.StartsWith("Failing: the last run of objective-11", output, StringComparison.Ordinal);
    }

    /// <summary>The CLI against the rig's storage (its tables and container).</summary>
    private static Dictionary<string, string> CliEnv(FaultRig rig) => new()
    {
        ["HubFeedStorage"] = rig.ConnectionString,
        ["HubFeed__Catalog__TablePrefix"] = rig.App.TablePrefix,
        ["HubFeed__Publish__Container"] = rig.App.Container,
        ["HubFeed__Source__Objectives"] = "11",
    };
}
