using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace HubFeed.Catalog.Azure;

/// <summary>A source's state in the sourcestate table: PartitionKey "source", RowKey = the source. Nested values are JSON.</summary>
public sealed class SourceStateEntity : ITableEntity
{
    public const string Partition = "source";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? LastGoodRunId { get; set; }
    public DateTimeOffset? LastGoodAt { get; set; }
    public int? LastGoodCount { get; set; }
    public string? LastGoodCoverage { get; set; }
    public string? RunningRunId { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? CatalogHash { get; set; }
    public long? PublishedSequence { get; set; }
    public string? PublishedHash { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public int? PublishedCount { get; set; }
    public string? Held { get; set; }

    public static SourceStateEntity Of(string source, SourceStateRow s) => new()
    {
        RowKey = source,
        LastGoodRunId = s.LastGoodRunId,
        LastGoodAt = s.LastGoodAt,
        LastGoodCount = s.LastGoodCount,
        LastGoodCoverage = s.LastGoodCoverage is null ? null : JsonSerializer.Serialize(s.LastGoodCoverage),
        RunningRunId = s.RunningRunId,
        LeaseUntil = s.LeaseUntil,
        CatalogHash = s.CatalogHash,
        PublishedSequence = s.PublishedSequence,
        PublishedHash = s.PublishedHash,
        PublishedAt = s.PublishedAt,
        PublishedCount = s.PublishedCount,
        Held = s.Held is null ? null : JsonSerializer.Serialize(s.Held),
    };

    public SourceStateRow ToState() => new()
    {
        LastGoodRunId = LastGoodRunId,
        LastGoodAt = LastGoodAt,
        LastGoodCount = LastGoodCount ?? 0,
        LastGoodCoverage = LastGoodCoverage is { Length: > 0 } c ? JsonSerializer.Deserialize<FieldCoverage>(c) : null,
        RunningRunId = RunningRunId,
        LeaseUntil = LeaseUntil,
        CatalogHash = CatalogHash,
        PublishedSequence = PublishedSequence ?? 0,
        PublishedHash = PublishedHash,
        PublishedAt = PublishedAt,
        PublishedCount = PublishedCount ?? 0,
        Held = Held is { Length: > 0 } h ? JsonSerializer.Deserialize<HeldRun>(h) : null,
    };
}
