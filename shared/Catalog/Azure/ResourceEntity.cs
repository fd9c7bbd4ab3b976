using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace HubFeed.Catalog.Azure;

/// <summary>A row of the resources table: PartitionKey = the source ("objective-11"), RowKey = the resource id.</summary>
public sealed class ResourceEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? Url { get; set; }
    public string? Title { get; set; }
    public string? Type { get; set; }
    public string? TypeLabel { get; set; }
    /// <summary>ISO 8601 (yyyy-MM-dd), as a string: a date, not a moment.</summary>
    public string? Date { get; set; }
    public string? Summary { get; set; }
    public string? Language { get; set; }
    public int? Objective { get; set; }
    public string? ContentHash { get; set; }
    public DateTimeOffset? FirstSeen { get; set; }
    public DateTimeOffset? LastSeen { get; set; }
    public DateTimeOffset? LastChanged { get; set; }
    public DateTimeOffset? Withdrawn { get; set; }

    public static ResourceEntity Of(string sourceKey, Resource r) => new()
    {
        PartitionKey = sourceKey,
        RowKey = r.Id,
        Url = r.Url,
        Title = r.Title,
        Type = r.Type,
        TypeLabel = r.TypeLabel,
        Date = r.Date?.ToString("O", CultureInfo.InvariantCulture),
        Summary = r.Summary,
        Language = r.Language,
        Objective = r.Objective,
        ContentHash = r.ContentHash,
        FirstSeen = r.FirstSeen,
        LastSeen = r.LastSeen,
        LastChanged = r.LastChanged,
        Withdrawn = r.Withdrawn,
    };

    /// <summary>The resource; <paramref name="objective"/> for a row stored without one.</summary>
    public Resource ToResource(int objective) => new()
    {
        Id = RowKey,
        Url = Url ?? "",
        Title = Title ?? "",
        Type = Type ?? "",
        TypeLabel = TypeLabel ?? Type ?? "",
        Date = Date is { Length: > 0 } d ? DateOnly.ParseExact(d, "O", CultureInfo.InvariantCulture) : null,
        Summary = Summary,
        Language = Language,
        Objective = Objective ?? objective,
        ContentHash = ContentHash ?? "",
        FirstSeen = FirstSeen ?? default,
        LastSeen = LastSeen ?? default,
        LastChanged = LastChanged ?? default,
        Withdrawn = Withdrawn,
    };
}
