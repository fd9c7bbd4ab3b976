using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace HubFeed.Catalog.Azure;

/// <summary>
/// A row of the runs table: PartitionKey = source, RowKey = <see cref="RunLog.SortKeyOf"/> (inverted start ticks + id,
/// so the newest run comes first). Lists are JSON strings.
/// </summary>
public sealed class RunEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? RunId { get; set; }
    public string? Trigger { get; set; }
    public DateTimeOffset? Started { get; set; }
    public DateTimeOffset? Ended { get; set; }
    public string? Status { get; set; }
    public int? PagesFetched { get; set; }
    public int? PagesNotModified { get; set; }
    public int? ItemsListed { get; set; }
    public int? ItemsNew { get; set; }
    public int? ItemsChanged { get; set; }
    public int? ItemsUnchanged { get; set; }
    public int? ItemsWithdrawn { get; set; }
    public int? RowsWritten { get; set; }
    public int? ItemsActive { get; set; }
    public int? BlobsUploaded { get; set; }
    public string? Version { get; set; }
    public string? Coverage { get; set; }
    public string? Quarantined { get; set; }
    public string? Warnings { get; set; }
    public string? Cause { get; set; }
    public string? Error { get; set; }
    public string? AcceptedBy { get; set; }

    /// <summary>The row of a run as <see cref="RunLog.Stored"/> caps it.</summary>
    public static RunEntity Of(RunRecord run)
    {
        var r = RunLog.Stored(run);
        return new RunEntity
        {
            PartitionKey = r.Source,
            RowKey = RunLog.SortKeyOf(r),
            RunId = r.Id,
            Trigger = r.Trigger.ToString(),
            Started = r.Started,
            Ended = r.Ended,
            Status = r.Status.ToString(),
            PagesFetched = r.PagesFetched,
            PagesNotModified = r.PagesNotModified,
            ItemsListed = r.ItemsListed,
            ItemsNew = r.ItemsNew,
            ItemsChanged = r.ItemsChanged,
            ItemsUnchanged = r.ItemsUnchanged,
            ItemsWithdrawn = r.ItemsWithdrawn,
            RowsWritten = r.RowsWritten,
            ItemsActive = r.ItemsActive,
            BlobsUploaded = r.BlobsUploaded,
            Version = r.Version,
            Coverage = r.Coverage is null ? null : JsonSerializer.Serialize(r.Coverage),
            Quarantined = JsonSerializer.Serialize(r.Quarantined),
            Warnings = JsonSerializer.Serialize(r.Warnings),
            Cause = r.Cause?.Name(),
            Error = r.Error,
            AcceptedBy = r.AcceptedBy,
        };
    }

    public RunRecord ToRun() => new()
    {
        Id = RunId ?? "",
        Source = PartitionKey,
        Trigger = Enum.TryParse<RunTrigger>(Trigger, out var t) ? t : RunTrigger.Cli,
        Started = Started ?? default,
        Ended = Ended,
        Status = Enum.TryParse<RunStatus>(Status, out var s) ? s : RunStatus.Failed,
        PagesFetched = PagesFetched ?? 0,
        PagesNotModified = PagesNotModified ?? 0,
        ItemsListed = ItemsListed ?? 0,
        ItemsNew = ItemsNew ?? 0,
        ItemsChanged = ItemsChanged ?? 0,
        ItemsUnchanged = ItemsUnchanged ?? 0,
        ItemsWithdrawn = ItemsWithdrawn ?? 0,
        RowsWritten = RowsWritten ?? 0,
        ItemsActive = ItemsActive ?? 0,
        BlobsUploaded = BlobsUploaded ?? 0,
        Version = Version,
        Coverage = Coverage is { Length: > 0 } c ? JsonSerializer.Deserialize<FieldCoverage>(c) : null,
        Quarantined = JsonSerializer.Deserialize<List<QuarantinedRow>>(Quarantined ?? "[]") ?? [],
        Warnings = JsonSerializer.Deserialize<List<string>>(Warnings ?? "[]") ?? [],
        Cause = RunCauses.Parse(Cause),
        Error = Error,
        AcceptedBy = AcceptedBy,
    };
}
