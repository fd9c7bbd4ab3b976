using HubFeed.Hosting;
using HubFeed.Seeds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace HubFeed.Tests.Infrastructure;

/// <summary>
/// The real service graph (AddHubFeed, on the local settings the CLI uses too) against a real Azurite and the
/// snapshot on a loopback server, isolated per test by a table prefix and a container of its own. The widget is
/// deployed first, as the deploy does (the app itself never writes it).
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

    public BlobLayout Layout => Get<BlobPublisher>().Layout;

    /// <param name="configure">Changes to the services after AddHubFeed (e.g. a storage client with a fault-injecting policy).</param>
    public static Task<TestApp> StartAsync(Azurite azurite, IDictionary<string, string?>? settings = null, SnapshotServer? snapshot = null,
        bool deployWidget = true, Action<IServiceCollection>? configure = null) =>
        StartOnAsync(azurite.ConnectionString, settings, snapshot, deployWidget, configure);

    /// <summary>
    /// A storage account no one answers for (a closed loopback port): what runs on the in-memory catalog may not touch
    /// blobs or queues, and a call that does fails at once.
    /// </summary>
    public static readonly string NoStorage = Azurite.ConnectionStringOn(9, 9, 9);

    /// <summary>
    /// The same service graph on the in-memory catalog and published files (<see cref="HubFeedServices.AddHubFeedInMemoryStorage"/>),
    /// no Azurite: for what the pipeline decides and publishes, not what storage itself shows (ETags, CORS, serving).
    /// The widget is deployed, as on Azurite.
    /// </summary>
    public static Task<TestApp> StartInMemoryAsync(IDictionary<string, string?>? settings = null, SnapshotServer? snapshot = null,
        Action<IServiceCollection>? configure = null, bool deployWidget = true) =>
        StartOnAsync(NoStorage, settings, snapshot, deployWidget, services =>
        {
            services.AddHubFeedInMemoryStorage();
            configure?.Invoke(services);
        });

    /// <summary>
    /// The Azure adapters on <see cref="NoStorage"/>, no widget deployed: what the app answers while its storage account
    /// is away (every storage call fails at once; no Azurite is needed for that).
    /// </summary>
    public static Task<TestApp> StartStorageAwayAsync(IDictionary<string, string?>? settings = null) =>
        StartOnAsync(NoStorage, settings, null, deployWidget: false, null);

    private static async Task<TestApp> StartOnAsync(string connectionString, IDictionary<string, string?>? settings, SnapshotServer? snapshot,
        bool deployWidget, Action<IServiceCollection>? configure)
    {
        snapshot ??= await SnapshotServer.StartAsync();
        var id = Guid.NewGuid().ToString("N")[..10];
        var container = "t" + id;
        var prefix = "t" + id;
        var values = LocalSettings.Defaults();
        foreach (var (k, v) in LocalSettings.Loopback(snapshot.BaseUrl))
        {
            values[k] = v;
        }
        values[StorageOptions.Section] = connectionString;
        values["HubFeed:Source:ContactUrl"] = "mailto:tests@hubfeed.invalid";
        values["HubFeed:Source:RetryBaseDelay"] = "00:00:00.050";
        values["HubFeed:Source:RequestTimeout"] = "00:00:03";
        values["HubFeed:Catalog:TablePrefix"] = prefix;
        values["HubFeed:Publish:Container"] = container;
        values["HubFeed:Publish:SnapshotRevalidate"] = "00:00:00";
        values["HubFeed:Publish:IndexDelay"] = "00:00:00";
        values["HubFeed:Health:CacheFor"] = "00:00:00";
        values["HubFeed:Api:PublicBaseUrl"] = "http://127.0.0.1:7071";
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            values[k] = v;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddHubFeed(configuration);
        configure?.Invoke(collection);
        var services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var app = new TestApp(services, snapshot, container, prefix);
        if (deployWidget)
        {
            await app.DeployWidgetAsync();
        }
        return app;
    }

    /// <summary>
    /// A published file's text by its public URL, read through the published-files port (either adapter): for what a
    /// run published; what Blob Storage serves over HTTP is checked on Azurite.
    /// </summary>
    public async Task<string> PublishedTextAsync(string url) => System.Text.Encoding.UTF8.GetString(await PublishedBytesAsync(url));

    /// <inheritdoc cref="PublishedTextAsync(string)"/>
    public Task<string> PublishedTextAsync(Uri url) => PublishedTextAsync(url.AbsoluteUri);

    /// <summary>A published file's bytes by its public URL, read through the published-files port (either adapter).</summary>
    public async Task<byte[]> PublishedBytesAsync(string url)
    {
        var path = Layout.PathOf(url) ?? throw new InvalidOperationException($"{url} is not under {Layout.Root}.");
        var file = await Get<IPublishedStore>().ReadAsync(path, CancellationToken.None) ?? throw new InvalidOperationException($"{url} is not published.");
        return file.Content;
    }

    /// <summary>What `hubfeed publish-widget` does.</summary>
    public Task<PublishResult> DeployWidgetAsync() => Get<BlobPublisher>().PublishAsync(Get<WidgetFiles>().DeployFiles(Layout), 0, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Snapshot.DisposeAsync();
    }
}
