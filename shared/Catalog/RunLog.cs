using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;

namespace HubFeed.Catalog;

/// <summary>
/// The runs table: PartitionKey = source, RowKey = inverted start ticks + id, so the newest run comes first. A run's id
/// carries its partition and row ("objective-11.0252…-a1b2c3d4e5f6"), so GET /api/runs/{id} is one point read.
/// </summary>
public sealed class RunLog(StorageTables tables)
{
    private const int MaxStoredQuarantine = 100;

    /// <summary>A new run's id, naming its source and start.</summary>
    public static string NewId(string source, DateTimeOffset started) =>
        source + "." + (DateTimeOffset.MaxValue.UtcTicks - started.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..12];

    public async Task SaveAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Runs, cancellationToken);
        await table.UpsertEntityAsync(ToEntity(run), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The run with this id, or null (also for an id this log never gave out).</summary>
    public async Task<RunRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!TrySplit(id, out var partition, out var row))
        {
            return null;
        }
        var table = await tables.GetAsync(StorageTables.Runs, cancellationToken);
        var e = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        return e.HasValue ? FromEntity(e.Value!) : null;
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

    private static bool TrySplit(string id, out string partition, out string row)
    {
        partition = row = "";
        var dot = id.IndexOf('.', StringComparison.Ordinal);
        if (id.Length > 100 || dot <= 0 || id.AsSpan(0, dot).ContainsAny("/\\#?") || id.Any(char.IsControl))
        {
            return false;
        }
        partition = id[..dot];
        row = id[(dot + 1)..];
        return row.Length > 20 && row[..19].All(char.IsAsciiDigit) && row[19] == '-';
    }

    private static TableEntity ToEntity(RunRecord r)
    {
        TrySplit(r.Id, out var partition, out var row);
        return new TableEntity(r.Source, row.Length > 0 && partition == r.Source ? row : r.Id)
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
            ["Version"] = r.Version,
            ["Coverage"] = r.Coverage is null ? null : JsonSerializer.Serialize(r.Coverage),
            // Strings are capped at 64 KiB: keep the first rows and warnings and say how many there were.
            ["Quarantined"] = JsonSerializer.Serialize(r.Quarantined.Take(MaxStoredQuarantine)),
            ["Warnings"] = JsonSerializer.Serialize(r.Warnings.Take(50).Append(r.Warnings.Count > 50 ? $"... and {r.Warnings.Count - 50} more" : null).OfType<string>()),
            ["Cause"] = r.Cause?.Name(),
            ["Error"] = r.Error is { Length: > 8000 } ? r.Error[..8000] : r.Error,
            ["AcceptedBy"] = r.AcceptedBy,
        };
    }

    private static RunRecord FromEntity(TableEntity e) => new()
    {
        Id = e.GetString("RunId"),
        Source = e.PartitionKey,
        Trigger = Enum.TryParse<RunTrigger>(e.GetString("Trigger"), out var t) ? t : RunTrigger.Cli,
        Started = e.GetDateTimeOffset("Started") ?? default,
        Ended = e.GetDateTimeOffset("Ended"),
        Status = Enum.TryParse<RunStatus>(e.GetString("Status"), out var s) ? s : RunStatus.Failed,
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
        Version = e.GetString("Version"),
        Coverage = e.GetString("Coverage") is { Length: > 0 } c ? JsonSerializer.Deserialize<FieldCoverage>(c) : null,
        Quarantined = JsonSerializer.Deserialize<List<QuarantinedRow>>(e.GetString("Quarantined") ?? "[]") ?? [],
        Warnings = JsonSerializer.Deserialize<List<string>>(e.GetString("Warnings") ?? "[]") ?? [],
        Cause = RunCauses.Parse(e.GetString("Cause")),
        Error = e.GetString("Error"),
        AcceptedBy = e.GetString("AcceptedBy"),
    };
}
