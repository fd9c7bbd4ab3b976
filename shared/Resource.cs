namespace HubFeed;

/// <summary>The kinds of Hub content HubFeed knows; unknown labels are kept as their label.</summary>
public static class ResourceTypes
{
    public static readonly IReadOnlyDictionary<string, string> ByLabel = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Resource"] = "resource",
        ["Practice Repository"] = "practice",
        ["Practice"] = "practice",
        ["Pledge"] = "pledge",
        ["Video"] = "video",
        ["Event"] = "event",
        ["News"] = "news",
        ["Statement"] = "statement",
    };

    /// <summary>Maps a label to its code; returns false (and the label itself) when unknown.</summary>
    public static bool TryMap(string label, out string type)
    {
        if (ByLabel.TryGetValue(label, out var known))
        {
            type = known;
            return true;
        }
        type = label;
        return false;
    }
}

/// <summary>One row as read from a listing page, before it meets the catalog.</summary>
public sealed record ListingRow(
    string Url,
    string Title,
    string TypeLabel,
    string Type,
    DateOnly? Date,
    string? Summary,
    string? Language);

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
