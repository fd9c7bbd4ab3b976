
namespace HubFeed.Serving;

/// <summary>How the HTTP API names itself. Section "HubFeed:Api".</summary>
public sealed class ApiOptions
{
    public const string Section = "HubFeed:Api";

    /// <summary>
    /// The API's public root (e.g. Front Door's), for the links it gives out (next_url, feed_url, Location): never the
    /// request's Host header. Unset: the app's own host name (WEBSITE_HOSTNAME, set by Azure), or http://localhost:7071.
    /// </summary>
    [SafeDefault] public Uri? PublicBaseUrl { get; set; }

    /// <summary>The root links start with.</summary>
    public Uri Root() => PublicBaseUrl ?? new Uri("http://localhost:7071");
}
