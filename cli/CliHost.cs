using HubFeed.Hosting;
using HubFeed.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HubFeed.Cli;

/// <summary>Builds the same service graph the Function app uses, configured for a developer's machine.</summary>
public sealed class CliHost : IAsyncDisposable
{
    /// <summary>Local defaults: Azurite on 127.0.0.1, CORS set by the publisher. Environment variables override them.</summary>
    public static readonly Dictionary<string, string?> LocalDefaults = new()
    {
        ["HubFeedStorage"] = "UseDevelopmentStorage=true",
        ["HubFeed:Source:ContactUrl"] = "mailto:hubfeed-local@localhost",
        ["HubFeed:Publish:ConfigureCors"] = "true",
    };

    private readonly IHost _host;
    private readonly SnapshotServer? _snapshot;

    private CliHost(IHost host, SnapshotServer? snapshot)
    {
        _host = host;
        _snapshot = snapshot;
    }

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// <paramref name="source"/>: null (configuration decides; the live Hub by default), "snapshot" (the bundled
    /// seeds on a loopback server) or a base URL (a mirror).
    /// </summary>
    public static async Task<CliHost> StartAsync(string? source, bool verbose, IDictionary<string, string?>? overrides = null, CancellationToken cancellationToken = default)
    {
        var settings = new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>());
        SnapshotServer? snapshot = null;
        if (string.Equals(source, "snapshot", StringComparison.OrdinalIgnoreCase))
        {
            snapshot = await SnapshotServer.StartAsync(cancellationToken: cancellationToken);
            settings["HubFeed:Source:BaseUrl"] = snapshot.BaseUrl.AbsoluteUri;
            // Our own loopback server needs no pause between requests.
            settings["HubFeed:Source:DelayBetweenRequests"] = "00:00:00";
        }
        else if (source is not null)
        {
            if (!Uri.TryCreate(source, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"--source takes 'snapshot' or an http(s) base URL, not '{source}'.");
            }
            settings["HubFeed:Source:BaseUrl"] = url.AbsoluteUri;
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration
            .AddInMemoryCollection(LocalDefaults)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", verbose ? LogLevel.Information : LogLevel.Error);
        builder.Services.AddHubFeed(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync(cancellationToken); // runs the options validation
        return new CliHost(host, snapshot);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        if (_snapshot is not null)
        {
            await _snapshot.DisposeAsync();
        }
    }
}
