
namespace HubFeed.Sources;

/// <summary>One listing page, read: its results line, its rows, the rows set aside, and what the reader noticed.</summary>
public sealed record ListingPage(
    int PageNumber,
    ResultsLine? Results,
    IReadOnlyList<ListingRow> Rows,
    IReadOnlyList<QuarantinedRow> Quarantined,
    IReadOnlyList<string> Warnings,
    ListingStructure? Structure = null,
    int? LastPage = null,
    int PagerElement = 0)
{
    /// <summary>Rows the page holds, readable or not (what "X - Y" counts).</summary>
    public int RowsSeen => Rows.Count + Quarantined.Count;
}
