
namespace HubFeed.Sources;

/// <summary>
/// What a finished crawl found. <paramref name="Counted"/>: the listing said its size ("X - Y of N"); without that, the
/// size is what following the pager to its end showed over <paramref name="PageCount"/> pages.
/// </summary>
public sealed record CrawlFindings(
    int Total,
    IReadOnlyList<ListingRow> Rows,
    IReadOnlyList<QuarantinedRow> Quarantined,
    IReadOnlyList<string> Warnings,
    IReadOnlyDictionary<string, int> PageOf,
    int PageCount,
    bool Counted);
