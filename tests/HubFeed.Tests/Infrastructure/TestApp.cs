using HubFeed.Hosting;
using HubFeed.Seeds;
using HubFeed.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HubFeed.Tests.Infrastructure;

/// <summary>
/// The real service graph (AddHubFeed) against a real Azurite and the snapshot on a loopback server, isolated per
/// test by a table prefix and a container of its own.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private TestApp(ServiceProvider services, SnapshotServer snapshot, string container, string tablePrefix)
    {
        Services = services;
        Snapshot = snapshot;
        Container = container;
        TablePrefix = tablePrefix;
    }

    public ServiceProvider Services { get; }
    public SnapshotServer Snapshot { get; }
    public string Container { get; }
    public string TablePrefix { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<TestApp> StartAsync(Azurite azurite, IDictionary<string, string?>? settings = null, SnapshotServer? snapshot = null)
    {
        snapshot ??= await SnapshotServer.StartAsync();
        var id = Guid.NewGuid().ToString("N")[..10];
        var container = "t" + id;
        var prefix = "t" + id;
        var values = new Dictionary<string, string?>
        {
            ["HubFeedStorage"] = azurite.ConnectionString,
            ["HubFeed:Source:BaseUrl"] = snapshot.BaseUrl.AbsoluteUri,
            ["HubFeed:Source:ContactUrl"] = "mailto:tests@hubfeed.invalid",
            ["HubFeed:Source:DelayBetweenRequests"] = "00:00:00",
            ["HubFeed:Source:RetryBaseDelay"] = "00:00:00.050",
            ["HubFeed:Source:RequestTimeout"] = "00:00:03",
            ["HubFeed:Catalog:TablePrefix"] = prefix,
            ["HubFeed:Publish:Container"] = container,
            ["HubFeed:Publish:ConfigureCors"] = "true",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            values[k] = v;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddHubFeed(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new TestApp(services, snapshot, container, prefix);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Snapshot.DisposeAsync();
    }
}
