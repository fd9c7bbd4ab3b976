using HubFeed.Publishing;
using HubFeed.Sources;

namespace HubFeed.Hosting;

/// <summary>
/// The settings of a developer's machine, on top of which the CLI, the tests and the benchmark add their own (the one
/// place they are written): Azurite, a local contact, and CORS set by the publisher (in Azure, Bicep owns CORS).
/// </summary>
public static class LocalSettings
{
    /// <summary>Azurite on 127.0.0.1:10000-10002, the emulator's well-known account.</summary>
    public const string Azurite = "UseDevelopmentStorage=true";

    public static Dictionary<string, string?> Defaults() => new()
    {
        [StorageOptions.Section] = Azurite,
        [SourceOptions.Section + ":ContactUrl"] = "mailto:hubfeed-local@localhost",
        [PublishOptions.Section + ":ConfigureCors"] = "true",
        // One machine, no fan-out to wait for: the index follows a queued run within seconds.
        [PublishOptions.Section + ":IndexDelay"] = "00:00:02",
    };

    /// <summary>Reading a loopback server of our own (the snapshot): no pause between requests.</summary>
    public static Dictionary<string, string?> Loopback(Uri baseUrl, IEnumerable<int>? objectives = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [SourceOptions.Section + ":BaseUrl"] = baseUrl.AbsoluteUri,
            [SourceOptions.Section + ":DelayBetweenRequests"] = "00:00:00",
        };
        if (objectives is not null)
        {
            settings[SourceOptions.Section + ":Objectives"] = string.Join(',', objectives);
        }
        return settings;
    }
}
