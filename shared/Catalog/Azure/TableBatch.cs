using Azure.Data.Tables;

namespace HubFeed.Catalog.Azure;

/// <summary>
/// Writes rows as Table Storage transactions: at most 100 actions, one partition, each row once.
/// Azure rejects a batch that breaks these rules; Azurite accepts a two-partition batch, so the rules are checked here.
/// </summary>
public static class TableBatch
{
    public const int MaxActions = 100;

    /// <summary>Writes the entities with UpsertReplace (Merge would let stale properties survive); returns the rows written.</summary>
    public static async Task<int> UpsertReplaceAsync(TableClient table, IEnumerable<ITableEntity> entities, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var chunk in Plan(entities))
        {
            await table.SubmitTransactionAsync(
                chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
            written += chunk.Count;
        }
        return written;
    }

    /// <summary>Splits rows into valid transactions: grouped by partition, at most 100 each, no row twice.</summary>
    public static IReadOnlyList<IReadOnlyList<ITableEntity>> Plan(IEnumerable<ITableEntity> entities)
    {
        var batches = new List<IReadOnlyList<ITableEntity>>();
        foreach (var partition in entities.GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
        {
            var rows = partition.ToList();
            var duplicate = rows.GroupBy(e => e.RowKey, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new InvalidOperationException($"Row {partition.Key}/{duplicate.Key} appears twice in one write; a transaction takes each row once.");
            }
            batches.AddRange(rows.Chunk(MaxActions));
        }
        foreach (var batch in batches)
        {
            Guard(batch);
        }
        return batches;
    }

    /// <summary>The rules Azure enforces and Azurite does not.</summary>
    public static void Guard(IReadOnlyList<ITableEntity> batch)
    {
        if (batch.Count is 0 or > MaxActions)
        {
            throw new InvalidOperationException($"A transaction holds 1 to {MaxActions} actions, not {batch.Count}.");
        }
        if (batch.Select(e => e.PartitionKey).Distinct(StringComparer.Ordinal).Skip(1).Any())
        {
            throw new InvalidOperationException("A transaction may touch one partition only.");
        }
    }
}
