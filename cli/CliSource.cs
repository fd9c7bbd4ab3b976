using HubFeed.Sources;
using Microsoft.Extensions.Configuration;

namespace HubFeed.Cli;

/// <summary>
/// The CLI's configuration, shared by its commands and by `serve`: local defaults (Azurite on 127.0.0.1, CORS set by
/// the publisher), then environment variables, then the source the command line chose. For `--source snapshot` it
/// owns the loopback server that serves the bundled seeds.
/// </summary>
public sealed class CliSource : IAsyncDisposable
{
    public static readonly Dictionary<string, string?> LocalDefaults = new()
    {
        ["HubFeedStorage"] = "UseDevelopmentStorage=true",
        ["HubFeed:Source:ContactUrl"] = "mailto:hubfeed-local@localhost",
        ["HubFeed:Publish:ConfigureCors"] = "true",
    };

    private readonly Dictionary<string, string?> _settings;
    private readonly SnapshotServer? _snapshot;

    private CliSource(Dictionary<string, string?> settings, SnapshotServer? snapshot)
    {
        _settings = settings;
        _snapshot = snapshot;
    }

    /// <summary>
    /// <paramref name="source"/>: null (configuration decides; the live Hub by default), "snapshot" (the bundled
    /// seeds on a loopback server) or a base URL (a mirror).
    /// </summary>
    public static async Task<CliSource> StartAsync(string? source, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>();
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
        return new CliSource(settings, snapshot);
    }

    /// <summary>Adds the layers in order, so each overrides the one before.</summary>
    public void Apply(IConfigurationBuilder configuration) => configuration
        .AddInMemoryCollection(LocalDefaults)
        .AddEnvironmentVariables()
        .AddInMemoryCollection(_settings);

    public async ValueTask DisposeAsync()
    {
        if (_snapshot is not null)
        {
            await _snapshot.DisposeAsync();
        }
    }
}
