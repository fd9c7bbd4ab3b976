namespace HubFeed;

/// <summary>One row as read from a listing page, before it meets the catalog.</summary>
public sealed record ListingRow(
    string Url,
    string Title,
    string TypeLabel,
    string Type,
    DateOnly? Date,
    string? Summary,
    string? Language);
