using Azure;
using Azure.Data.Tables;

namespace HubFeed.Catalog.Azure;

/// <summary>An operator's acceptance in the sourcestate table: PartitionKey "accept", RowKey = the source.</summary>
public sealed class AcceptanceEntity : ITableEntity
{
    public const string Partition = "accept";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? By { get; set; }
    public DateTimeOffset? At { get; set; }
    public string? HeldRunId { get; set; }
    public string? Fingerprint { get; set; }

    public static AcceptanceEntity Of(string source, Acceptance a) =>
        new() { RowKey = source, By = a.By, At = a.At, HeldRunId = a.HeldRunId, Fingerprint = a.Fingerprint };

    public Acceptance ToAcceptance() => new(By ?? "", At ?? default, HeldRunId ?? "", Fingerprint);
}
