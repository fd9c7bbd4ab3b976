
namespace HubFeed.Sources;

/// <summary>What the reader finds on one listing page: for ops checking the live Hub's markup on first deploy.</summary>
public sealed record DoctorReport(
    string Page,
    bool ListingFound,
    ResultsLine? Results,
    int? LastPage,
    int Rows,
    IReadOnlyList<QuarantinedRow> Quarantined,
    IReadOnlyList<FieldReport> Fields,
    ListingStructure? Structure,
    IReadOnlyList<string> Warnings,
    string? Error);
