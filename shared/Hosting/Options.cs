using System.ComponentModel.DataAnnotations;
using HubFeed.Sources;

namespace HubFeed.Hosting;

/// <summary>
/// A setting whose default is right in Azure too, so the deployment need not set it (the Bicep/code parity test
/// checks that every other key the code reads is set by infra/, and that infra/ sets nothing the code ignores).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SafeDefaultAttribute : Attribute;

/// <summary>Where and how the Hub is read. Section "HubFeed:Source".</summary>
public sealed class SourceOptions
{
    public const string Section = "HubFeed:Source";

    /// <summary>Where listing pages are fetched from: the live Hub by default, any mirror, or the loopback snapshot.</summary>
    [Required] public Uri BaseUrl { get; set; } = new("https://migrationnetwork.un.org");

    /// <summary>Comma-separated objective numbers to ingest (1-23).</summary>
    [Required, RegularExpression(@"^\s*\d{1,2}(\s*,\s*\d{1,2})*\s*$")] public string Objectives { get; set; } = "11";

    /// <summary>Named in the User-Agent so the Hub's operators can reach whoever runs this instance.</summary>
    [Required] public Uri? ContactUrl { get; set; }

    /// <summary>The source definitions file (seeds/sources.json next to the app by default).</summary>
    [SafeDefault] public string? SourcesFile { get; set; }

    [SafeDefault, Range(1, 1000)] public int MaxPages { get; set; } = 60;
    [SafeDefault, Range(1024, 64 * 1024 * 1024)] public int MaxResponseBytes { get; set; } = 2 * 1024 * 1024;
    [SafeDefault, Range(typeof(TimeSpan), "00:00:01", "00:05:00")] public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);
    [SafeDefault, Range(typeof(TimeSpan), "00:00:00", "00:01:00")] public TimeSpan DelayBetweenRequests { get; set; } = TimeSpan.FromMilliseconds(500);
    [SafeDefault, Range(1, 8)] public int MaxRequestsPerHost { get; set; } = 2;
    [SafeDefault, Range(0, 10)] public int MaxRetries { get; set; } = 3;
    /// <summary>Base delay of the exponential back-off between retries (jittered).</summary>
    [SafeDefault, Range(typeof(TimeSpan), "00:00:00", "00:01:00")] public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>How many times pages are fetched again when items shifted during a crawl.</summary>
    [SafeDefault, Range(0, 10)] public int RefetchRounds { get; set; } = 2;
    /// <summary>A run whose distinct item count falls by more than this share against the last good run is refused.</summary>
    [SafeDefault, Range(0.0, 1.0)] public double MaxDropShare { get; set; } = 0.2;
    /// <summary>A run whose item count rises by more than this share against the last good run is held for an operator.</summary>
    [SafeDefault, Range(0.0, 100.0)] public double MaxGrowthShare { get; set; } = 0.5;
    /// <summary>
    /// A run where a field's share of rows falls by more than this fraction of what it was in the last good run (0.25:
    /// dates on 93 % of rows falling under 70 %), by at least three rows, is refused.
    /// </summary>
    [SafeDefault, Range(0.0, 1.0)] public double MaxCoverageDrop { get; set; } = 0.25;
    /// <summary>
    /// A run that changes more than this share of the values a field had (titles, types, dates, summaries of the items the
    /// catalog and the listing both hold), at least three, is held: a reader that lost its way changes many at once.
    /// </summary>
    [SafeDefault, Range(0.0, 1.0)] public double MaxChangeShare { get; set; } = 0.2;
    /// <summary>Rows that cannot be read are set aside; a run with more than this share of them (and more than one) is refused.</summary>
    [SafeDefault, Range(0.0, 1.0)] public double MaxQuarantineShare { get; set; } = 0.05;

    /// <summary>Per-source overrides of the parser's selectors, so a markup change is a settings change.</summary>
    [SafeDefault] public ListingSelectorOverrides Selectors { get; set; } = new();

    public IReadOnlyList<int> ObjectiveNumbers() =>
        Objectives.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
}

public sealed class ListingSelectorOverrides
{
    public string? Row { get; set; }
    public string? Title { get; set; }
    public string? Type { get; set; }
    public string? Date { get; set; }
    public string? Summary { get; set; }
    public string? SummaryLine { get; set; }

    public ListingSelectors ApplyTo(ListingSelectors s) => s with
    {
        Row = Row ?? s.Row,
        Title = Title ?? s.Title,
        Type = Type ?? s.Type,
        Date = Date ?? s.Date,
        Summary = Summary ?? s.Summary,
        SummaryLine = SummaryLine ?? s.SummaryLine,
    };
}

/// <summary>
/// The storage connection, named like a Functions connection. Section "HubFeedStorage": locally its value is a
/// connection string (Azurite); in Azure it has blobServiceUri / tableServiceUri / credential / clientId.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "HubFeedStorage";

    [SafeDefault] public string? ConnectionString { get; set; }
    public Uri? BlobServiceUri { get; set; }
    public Uri? TableServiceUri { get; set; }
    /// <summary>The run queue (the timer and the run API enqueue one message per objective; the queue trigger reads it).</summary>
    public Uri? QueueServiceUri { get; set; }
    /// <summary>"managedidentity" in Azure.</summary>
    public string? Credential { get; set; }
    /// <summary>The user-assigned identity's client id.</summary>
    public string? ClientId { get; set; }
}

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

/// <summary>An absolute http or https URL with a host (or no value).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HttpUrlAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) =>
        value is null || (value is Uri { IsAbsoluteUri: true } u && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp) && u.Host.Length > 0);

    public override string FormatErrorMessage(string name) => $"{name} must be an absolute http or https URL.";
}

/// <summary>The catalog's tables. Section "HubFeed:Catalog".</summary>
public sealed class CatalogOptions
{
    public const string Section = "HubFeed:Catalog";

    /// <summary>Put before every table name and the run queue's; lets tests (or two instances) share one account. Empty in Azure.</summary>
    [SafeDefault, RegularExpression("^([A-Za-z][A-Za-z0-9]{0,20})?$")] public string TablePrefix { get; set; } = "";
}

/// <summary>When health turns red. Section "HubFeed:Health".</summary>
public sealed class HealthOptions
{
    public const string Section = "HubFeed:Health";

    [Range(1, 24 * 30)] public int MaxRunAgeHours { get; set; } = 24;

    /// <summary>How long GET /api/health answers from one report before reading storage again.</summary>
    [SafeDefault, Range(typeof(TimeSpan), "00:00:00", "00:01:00")] public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(5);
}

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
