using Azure;
using Azure.Data.Tables;

namespace HubFeed.Catalog.Azure;

/// <summary>The change history in the changes table (<see cref="ChangeEntity"/> rows), pruned to the window on each write.</summary>
public sealed class TableChangeLog(StorageTables tables) : IChangeLog
{
    public async Task RecordAsync(IReadOnlyList<ChangeEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }
        var table = await tables.GetAsync(StorageTables.Changes, cancellationToken);
        await TableBatch.UpsertReplaceAsync(table, events.Select(ChangeEntity.Of), cancellationToken);
        foreach (var source in events.Select(e => e.Source).Distinct(StringComparer.Ordinal))
        {
            await PruneAsync(table, source, events.Max(e => e.At), cancellationToken);
        }
    }

    public async Task<IReadOnlyList<ChangeEvent>> LoadAsync(string source, DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Changes, cancellationToken);
        var from = ChangeEntity.KeyOf(upTo.AddTicks(1), "");
        var list = new List<ChangeEvent>();
        await foreach (var e in table.QueryAsync<ChangeEntity>(x => x.PartitionKey == source && x.RowKey.CompareTo(from) >= 0, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            var change = e.ToEvent();
            if (ChangeWindow.IsStale(change.At, upTo) || list.Count >= ChangeWindow.MaxEvents)
            {
                break;
            }
            list.Add(change);
        }
        return ChangeWindow.Of(list, upTo);
    }

    private static async Task PruneAsync(TableClient table, string source, DateTimeOffset newest, CancellationToken cancellationToken)
    {
        var stale = new List<ChangeEntity>();
        var kept = 0;
        await foreach (var e in table.QueryAsync<ChangeEntity>(x => x.PartitionKey == source, maxPerPage: 1000, select: ["PartitionKey", "RowKey", "At"], cancellationToken: cancellationToken))
        {
            if (kept >= ChangeWindow.MaxEvents || ChangeWindow.IsStale(e.At ?? default, newest))
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
}
