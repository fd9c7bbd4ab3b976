using HubFeed.Hosting;
using HubFeed.Seeds;
using HubFeed.Sources;
using Microsoft.Extensions.Configuration;

namespace HubFeed.Cli;

/// <summary>
/// The CLI's configuration, shared by its commands and by `serve`: the local defaults (<see cref="LocalSettings"/>),
/// then environment variables, then the source the command line chose. For `--source snapshot` it owns the loopback
/// server that serves the bundled seeds, and enables every objective the snapshot holds.
/// </summary>
public sealed class CliSource : IAsyncDisposable
{
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
            var objectives = Environment.GetEnvironmentVariable("HubFeed__Source__Objectives") is { Length: > 0 } chosen ? null : SnapshotServer.Objectives();
            foreach (var (k, v) in LocalSettings.Loopback(snapshot.BaseUrl, objectives))
            {
                settings[k] = v;
            }
        }
        else if (source is not null)
        {
            if (!Uri.TryCreate(source, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"--source takes 'snapshot' or an http(s) base URL, not '{source}'.");
            }
            settings[SourceOptions.Section + ":BaseUrl"] = url.AbsoluteUri;
        }
        return new CliSource(settings, snapshot);
    }

    /// <summary>Adds the layers in order, so each overrides the one before.</summary>
    public void Apply(IConfigurationBuilder configuration) => configuration
        .AddInMemoryCollection(LocalSettings.Defaults())
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
