using Azure;
using Azure.Data.Tables;

namespace HubFeed.Catalog.Azure;

/// <summary>When the index was last asked for, in the sourcestate table: PartitionKey "index", RowKey "latest".</summary>
public sealed class IndexClockEntity : ITableEntity
{
    public const string Partition = "index";
    public const string Row = "latest";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset? At { get; set; }
}
