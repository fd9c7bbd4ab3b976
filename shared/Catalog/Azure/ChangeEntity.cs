using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace HubFeed.Catalog.Azure;

/// <summary>
/// A row of the changes table: PartitionKey = the source, RowKey = inverted ticks then the item id (one event per item
/// per moment), so a partition reads newest first.
/// </summary>
public sealed class ChangeEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int? Objective { get; set; }
    public string? ResourceId { get; set; }
    public string? Url { get; set; }
    public string? Title { get; set; }
    public string? Type { get; set; }
    public string? TypeLabel { get; set; }
    public string? Language { get; set; }
    public string? Kind { get; set; }
    /// <summary>The fields a change touched, comma-separated.</summary>
    public string? Fields { get; set; }
    public DateTimeOffset? At { get; set; }

    /// <summary>Newest first within a partition: inverted ticks, then the item id.</summary>
    public static string KeyOf(DateTimeOffset at, string resourceId) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + resourceId;

    public static ChangeEntity Of(ChangeEvent e) => new()
    {
        PartitionKey = e.Source,
        RowKey = KeyOf(e.At, e.ResourceId),
        Objective = e.Objective,
        ResourceId = e.ResourceId,
        Url = e.Url,
        Title = e.Title,
        Type = e.Type,
        TypeLabel = e.TypeLabel,
        Language = e.Language,
        Kind = e.Kind.ToString(),
        Fields = string.Join(',', e.Fields),
        At = e.At,
    };

    public ChangeEvent ToEvent() => new(
        PartitionKey,
        Objective ?? 0,
        ResourceId ?? "",
        Url ?? "",
        Title ?? "",
        Type ?? "",
        TypeLabel ?? "",
        Language,
        Enum.TryParse<ChangeKind>(Kind, out var kind) ? kind : ChangeKind.Changed,
        (Fields ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        At ?? default);
}
