
namespace HubFeed.Sources;

/// <summary>A complete, deduplicated crawl of one objective's listing.</summary>
public sealed record CrawlResult(
    int Total,
    IReadOnlyList<ListingRow> Rows,
    IReadOnlyList<QuarantinedRow> Quarantined,
    int PagesFetched,
    int PagesNotModified,
    IReadOnlyList<string> Warnings,
    /// <summary>The pages parsed in this crawl (not the 304s), for the page cache.</summary>
    IReadOnlyList<CachedPage> Pages,
    ListingStructure? Structure)
{
    /// <summary>The page each row was last read on (to name a page where a field went missing).</summary>
    public IReadOnlyDictionary<string, int> PageOf { get; init; } = new Dictionary<string, int>();

    public FieldCoverage Coverage => FieldCoverage.Of(Rows, Quarantined.Count);

    /// <summary>The listing said its size ("X - Y of N"); false: the size is what following the pager to its end showed.</summary>
    public bool Counted { get; init; } = true;

    /// <summary>How many listing pages the crawl read.</summary>
    public int PageCount { get; init; }
}
