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

/// <summary>A listing row that could not be read, set aside so the rest of the listing goes on.</summary>
public sealed record QuarantinedRow(int Page, int Position, string Reason, string Excerpt)
{
    public const int MaxExcerpt = 200;
}

/// <summary>The share of a listing's rows that had each field (0 to 1), and how many rows that is of.</summary>
public sealed record FieldCoverage(int Rows, double Title, double Url, double Type, double Date, double Summary, double Language)
{
    public static readonly string[] Fields = ["title", "url", "type", "date", "summary", "language"];

    /// <summary>The coverage of readable rows; quarantined rows count as rows that had no title and no URL.</summary>
    public static FieldCoverage Of(IReadOnlyCollection<ListingRow> rows, int quarantined)
    {
        var all = rows.Count + quarantined;
        double Share(Func<ListingRow, bool> has) => all == 0 ? 0 : Math.Round(rows.Count(has) / (double)all, 4);
        return new FieldCoverage(all, Share(_ => true), Share(_ => true), Share(r => r.TypeLabel.Length > 0),
            Share(r => r.Date is not null), Share(r => r.Summary is not null), Share(r => r.Language is not null));
    }

    public double Of(string field) => field switch
    {
        "title" => Title,
        "url" => Url,
        "type" => Type,
        "date" => Date,
        "summary" => Summary,
        "language" => Language,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}

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
