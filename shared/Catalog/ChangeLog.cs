using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace HubFeed.Catalog;

public enum ChangeKind
{
    Added,
    Changed,
    Withdrawn,
}

/// <summary>One thing that happened to one item of one objective: added (or back), changed (which fields), withdrawn.</summary>
public sealed record ChangeEvent(
    string Source,
    int Objective,
    string ResourceId,
    string Url,
    string Title,
    string Type,
    string TypeLabel,
    string? Language,
    ChangeKind Kind,
    IReadOnlyList<string> Fields,
    DateTimeOffset At)
{
    /// <summary>Stable and unique per event: the same event always has the same id in every feed.</summary>
    public string Id => string.Create(CultureInfo.InvariantCulture, $"tag:hubfeed,2026:{Source}/{ResourceId}/{At.UtcTicks}/{Kind.ToString().ToLowerInvariant()}");
}

/// <summary>How much history a changes feed shows (and the store keeps): the newest events of the last days.</summary>
public static class ChangeWindow
{
    public const int MaxEvents = 500;
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(90);

    /// <summary>The events a feed published at <paramref name="at"/> shows, newest first (ties by id, so renderings are stable).</summary>
    public static IReadOnlyList<ChangeEvent> Of(IEnumerable<ChangeEvent> events, DateTimeOffset at) => events
        .Where(e => e.At > at - MaxAge && e.At <= at)
        .OrderByDescending(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal)
        .Take(MaxEvents)
        .ToList();
}

/// <summary>
/// The catalog step's changes as events (a pure function of the rows before and the writes). The first listing an
/// objective's catalog takes is its baseline, not news: it records no event.
/// </summary>
public static class ChangeEvents
{
    public static readonly string[] Fields = ["title", "type", "date", "summary", "language"];

    public static IReadOnlyList<ChangeEvent> Of(string source, IReadOnlyCollection<Resource> before, IEnumerable<Resource> writes, DateTimeOffset at)
    {
        if (before.Count == 0)
        {
            return [];
        }
        var old = before.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var events = new List<ChangeEvent>();
        foreach (var w in writes)
        {
            old.TryGetValue(w.Id, out var o);
            var (kind, fields) = w.Withdrawn is not null ? (ChangeKind.Withdrawn, (IReadOnlyList<string>)[])
                : o is null || !o.IsActive ? (ChangeKind.Added, [])
                : (ChangeKind.Changed, FieldsChanged(o, w));
            events.Add(new ChangeEvent(source, w.Objective, w.Id, w.Url, w.Title, w.Type, w.TypeLabel, w.Language, kind, fields, at));
        }
        return events;
    }

    private static List<string> FieldsChanged(Resource a, Resource b) => Fields.Where(f => f switch
    {
        "title" => a.Title != b.Title,
        "type" => a.Type != b.Type || a.TypeLabel != b.TypeLabel,
        "date" => a.Date != b.Date,
        "summary" => a.Summary != b.Summary,
        _ => a.Language != b.Language,
    }).ToList();
}

/// <summary>
/// The change history in Table Storage: PartitionKey = the source, RowKey = inverted ticks then the item id, so a
/// partition reads newest first. Written after the catalog (the catalog is the truth; an event lost to a crash between
/// the two is the only loss), pruned to <see cref="ChangeWindow"/> on each write.
/// </summary>
public sealed class ChangeLog(TableServiceClient service, IOptions<CatalogOptions> options)
{
    public const string Table = "changes";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private TableClient? _table;

    public async Task RecordAsync(IReadOnlyList<ChangeEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }
        var table = await TableAsync(cancellationToken);
        await TableBatch.UpsertReplaceAsync(table, events.Select(ToEntity), cancellationToken);
        foreach (var source in events.Select(e => e.Source).Distinct(StringComparer.Ordinal))
        {
            await PruneAsync(table, source, events.Max(e => e.At), cancellationToken);
        }
    }

    /// <summary>The events of a source up to <paramref name="upTo"/>, newest first, within the window.</summary>
    public async Task<IReadOnlyList<ChangeEvent>> LoadAsync(string source, DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var from = KeyOf(upTo.AddTicks(1), "");
        var list = new List<ChangeEvent>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == source && x.RowKey.CompareTo(from) >= 0, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            var change = FromEntity(e);
            if (change.At <= upTo - ChangeWindow.MaxAge || list.Count >= ChangeWindow.MaxEvents)
            {
                break;
            }
            list.Add(change);
        }
        return ChangeWindow.Of(list, upTo);
    }

    private static async Task PruneAsync(TableClient table, string source, DateTimeOffset newest, CancellationToken cancellationToken)
    {
        var stale = new List<TableEntity>();
        var kept = 0;
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == source, maxPerPage: 1000, select: ["PartitionKey", "RowKey", "At"], cancellationToken: cancellationToken))
        {
            if (kept >= ChangeWindow.MaxEvents || (e.GetDateTimeOffset("At") ?? default) <= newest - ChangeWindow.MaxAge)
            {
                stale.Add(e);
            }
            else
            {
                kept++;
            }
        }
        foreach (var chunk in stale.Chunk(TableBatch.MaxActions))
        {
            await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken);
        }
    }

    /// <summary>Newest first within a partition: inverted ticks, then the item id (one event per item per run).</summary>
    private static string KeyOf(DateTimeOffset at, string resourceId) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + resourceId;

    private static TableEntity ToEntity(ChangeEvent e) => new(e.Source, KeyOf(e.At, e.ResourceId))
    {
        ["Objective"] = e.Objective,
        ["ResourceId"] = e.ResourceId,
        ["Url"] = e.Url,
        ["Title"] = e.Title,
        ["Type"] = e.Type,
        ["TypeLabel"] = e.TypeLabel,
        ["Language"] = e.Language,
        ["Kind"] = e.Kind.ToString(),
        ["Fields"] = string.Join(',', e.Fields),
        ["At"] = e.At,
    };

    private static ChangeEvent FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.GetInt32("Objective") ?? 0,
        e.GetString("ResourceId") ?? "",
        e.GetString("Url") ?? "",
        e.GetString("Title") ?? "",
        e.GetString("Type") ?? "",
        e.GetString("TypeLabel") ?? "",
        e.GetString("Language"),
        Enum.TryParse<ChangeKind>(e.GetString("Kind"), out var kind) ? kind : ChangeKind.Changed,
        (e.GetString("Fields") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        e.GetDateTimeOffset("At") ?? default);

    private async Task<TableClient> TableAsync(CancellationToken cancellationToken)
    {
        if (_table is not null)
        {
            return _table;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_table is null)
            {
                var table = service.GetTableClient(options.Value.TablePrefix + Table);
                await table.CreateIfNotExistsAsync(cancellationToken);
                _table = table;
            }
            return _table;
        }
        finally
        {
            _gate.Release();
        }
    }
}
