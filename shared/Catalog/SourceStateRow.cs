namespace HubFeed.Catalog;

/// <summary>
/// Per-source state, changed only with its ETag: the last good run (the guards' baseline), the run lease, the catalog's
/// version and the published version (they differ while a publish has failed), and a run a guard held.
/// </summary>
public sealed record SourceStateRow
{
    public string? LastGoodRunId { get; init; }
    public DateTimeOffset? LastGoodAt { get; init; }
    public int LastGoodCount { get; init; }
    /// <summary>The share of rows that had each field in the last good run (the coverage guard's baseline).</summary>
    public FieldCoverage? LastGoodCoverage { get; init; }

    public string? RunningRunId { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>The content hash of what the catalog would publish now (set after every ingest that wrote).</summary>
    public string? CatalogHash { get; init; }
    /// <summary>What the feeds show: a sequence that only moves forward, and the content hash it was published with.</summary>
    public long PublishedSequence { get; init; }
    public string? PublishedHash { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public int PublishedCount { get; init; }

    public HeldRun? Held { get; init; }

    /// <summary>True when the catalog holds something the feeds do not show yet (a publish failed or has not run).</summary>
    public bool PublishPending => CatalogHash is not null && CatalogHash != PublishedHash;
}
