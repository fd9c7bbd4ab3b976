using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;

namespace HubFeed.Catalog;

/// <summary>The runs table: PartitionKey = source, RowKey = inverted start ticks, so the newest run comes first.</summary>
public sealed class RunLog(StorageTables tables)
{
    public async Task SaveAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Runs, cancellationToken);
        await table.UpsertEntityAsync(ToEntity(run), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The newest runs of a source, newest first.</summary>
    public async Task<IReadOnlyList<RunRecord>> RecentAsync(string source, int count, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Runs, cancellationToken);
        var list = new List<RunRecord>(count);
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == source, maxPerPage: Math.Min(count, 1000), cancellationToken: cancellationToken))
        {
            list.Add(FromEntity(e));
            if (list.Count == count)
            {
                break;
            }
        }
        return list;
    }

    private static string RowKeyFor(RunRecord run) =>
        (DateTimeOffset.MaxValue.UtcTicks - run.Started.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + run.Id;

    private static TableEntity ToEntity(RunRecord r) => new(r.Source, RowKeyFor(r))
    {
        ["RunId"] = r.Id,
        ["Trigger"] = r.Trigger.ToString(),
        ["Started"] = r.Started,
        ["Ended"] = r.Ended,
        ["Status"] = r.Status.ToString(),
        ["PagesFetched"] = r.PagesFetched,
        ["PagesNotModified"] = r.PagesNotModified,
        ["ItemsListed"] = r.ItemsListed,
        ["ItemsNew"] = r.ItemsNew,
        ["ItemsChanged"] = r.ItemsChanged,
        ["ItemsUnchanged"] = r.ItemsUnchanged,
        ["ItemsWithdrawn"] = r.ItemsWithdrawn,
        ["RowsWritten"] = r.RowsWritten,
        ["ItemsActive"] = r.ItemsActive,
        ["BlobsUploaded"] = r.BlobsUploaded,
        // Strings are capped at 64 KiB: keep the first warnings and say how many there were.
        ["Warnings"] = JsonSerializer.Serialize(r.Warnings.Take(50).Append(r.Warnings.Count > 50 ? $"... and {r.Warnings.Count - 50} more" : null).OfType<string>()),
        ["Error"] = r.Error is { Length: > 8000 } ? r.Error[..8000] : r.Error,
    };

    private static RunRecord FromEntity(TableEntity e) => new()
    {
        Id = e.GetString("RunId"),
        Source = e.PartitionKey,
        Trigger = Enum.Parse<RunTrigger>(e.GetString("Trigger")),
        Started = e.GetDateTimeOffset("Started") ?? default,
        Ended = e.GetDateTimeOffset("Ended"),
        Status = Enum.Parse<RunStatus>(e.GetString("Status")),
        PagesFetched = e.GetInt32("PagesFetched") ?? 0,
        PagesNotModified = e.GetInt32("PagesNotModified") ?? 0,
        ItemsListed = e.GetInt32("ItemsListed") ?? 0,
        ItemsNew = e.GetInt32("ItemsNew") ?? 0,
        ItemsChanged = e.GetInt32("ItemsChanged") ?? 0,
        ItemsUnchanged = e.GetInt32("ItemsUnchanged") ?? 0,
        ItemsWithdrawn = e.GetInt32("ItemsWithdrawn") ?? 0,
        RowsWritten = e.GetInt32("RowsWritten") ?? 0,
        ItemsActive = e.GetInt32("ItemsActive") ?? 0,
        BlobsUploaded = e.GetInt32("BlobsUploaded") ?? 0,
        Warnings = JsonSerializer.Deserialize<List<string>>(e.GetString("Warnings") ?? "[]") ?? [],
        Error = e.GetString("Error"),
    };
}
