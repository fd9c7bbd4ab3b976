using System.ComponentModel.DataAnnotations;

namespace HubFeed.Sources;

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
