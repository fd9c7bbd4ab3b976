namespace HubFeed;

/// <summary>A resource as the catalog holds it.</summary>
public sealed record Resource
{
    /// <summary>Stable id: a hash of the canonical URL (also the table RowKey).</summary>
    public required string Id { get; init; }
    public required string Url { get; init; }
    public required string Title { get; init; }
    public required string Type { get; init; }
    public required string TypeLabel { get; init; }
    public DateOnly? Date { get; init; }
    public string? Summary { get; init; }
    public string? Language { get; init; }
    public required int Objective { get; init; }
    public required string ContentHash { get; init; }
    public DateTimeOffset FirstSeen { get; init; }
    public DateTimeOffset LastSeen { get; init; }
    public DateTimeOffset LastChanged { get; init; }
    /// <summary>Set when a complete crawl no longer lists the item; cleared when it returns.</summary>
    public DateTimeOffset? Withdrawn { get; init; }

    public bool IsActive => Withdrawn is null;
}
