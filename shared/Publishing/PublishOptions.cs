using System.ComponentModel.DataAnnotations;

namespace HubFeed.Publishing;

/// <summary>Where and how feeds are published. Section "HubFeed:Publish".</summary>
public sealed class PublishOptions
{
    public const string Section = "HubFeed:Publish";

    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")] public string Container { get; set; } = "feeds";

    /// <summary>The public URL of the container (Front Door or the blob endpoint); the container's own URL when unset.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Set blob CORS rules on the account (local Azurite). In Azure, Bicep owns CORS and the app has no right to change it.</summary>
    public bool ConfigureCors { get; set; }

    /// <summary>Comma-separated origins allowed to fetch() the feeds when ConfigureCors is on.</summary>
    [SafeDefault] public string AllowedOrigins { get; set; } = "*";

    /// <summary>Where the widget's files are (the app's widget/ folder by default).</summary>
    [SafeDefault] public string? WidgetDirectory { get; set; }

    /// <summary>Items per JSON Feed page; a larger catalog paginates with next_url.</summary>
    [SafeDefault, Range(10, 5000)] public int ItemsPerFeedPage { get; set; } = 250;

    /// <summary>
    /// How long after an objective's queued run publishes the index is rebuilt: the other objectives of a fan-out
    /// publish meanwhile, and one rebuild covers them all.
    /// </summary>
    [SafeDefault, Range(typeof(TimeSpan), "00:00:00", "00:30:00")] public TimeSpan IndexDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the API answers from a published feed before checking (one conditional request) for a newer one.</summary>
    [SafeDefault, Range(typeof(TimeSpan), "00:00:00", "00:10:00")] public TimeSpan SnapshotRevalidate { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A WebSub hub (an absolute http(s) URL): every feed then advertises it (rel="hub", rel="self") and each publish
    /// that changed a feed pings it. Unset: nothing is advertised or pinged.
    /// </summary>
    [SafeDefault, HttpUrl] public Uri? WebSubHub { get; set; }
}
