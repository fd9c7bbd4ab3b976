using Azure;
using Azure.Data.Tables;

namespace HubFeed.Catalog.Azure;

/// <summary>
/// The sourcestate table: the state rows (<see cref="SourceStateEntity"/>, every change guarded by If-Match on its ETag),
/// the acceptances (<see cref="AcceptanceEntity"/>) and the index clock (<see cref="IndexClockEntity"/>).
/// </summary>
public sealed class TableSourceStateStorage(StorageTables tables) : ISourceStateStorage
{
    public async Task<Versioned<SourceStateRow>?> ReadAsync(string source, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<SourceStateEntity>(SourceStateEntity.Partition, source, cancellationToken: cancellationToken);
        return row.HasValue ? new Versioned<SourceStateRow>(row.Value!.ToState(), row.Value.ETag.ToString()) : null;
    }

    public async Task<IReadOnlyDictionary<string, SourceStateRow>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        var all = new Dictionary<string, SourceStateRow>(StringComparer.Ordinal);
        await foreach (var e in table.QueryAsync<SourceStateEntity>(x => x.PartitionKey == SourceStateEntity.Partition, cancellationToken: cancellationToken))
        {
            all[e.RowKey] = e.ToState();
        }
        return all;
    }

    public async Task<string?> TryWriteAsync(string source, SourceStateRow state, string? expected, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        return await TryWriteAsync(table, SourceStateEntity.Of(source, state), expected, cancellationToken);
    }

    public async Task SaveAcceptanceAsync(string source, Acceptance acceptance, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        await table.UpsertEntityAsync(AcceptanceEntity.Of(source, acceptance), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<Acceptance?> ReadAcceptanceAsync(string source, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<AcceptanceEntity>(AcceptanceEntity.Partition, source, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.ToAcceptance() : null;
    }

    public async Task DeleteAcceptanceAsync(string source, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        await table.DeleteEntityAsync(AcceptanceEntity.Partition, source, ETag.All, cancellationToken);
    }

    public async Task<Versioned<DateTimeOffset>?> ReadIndexClockAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<IndexClockEntity>(IndexClockEntity.Partition, IndexClockEntity.Row, cancellationToken: cancellationToken);
        return row.HasValue ? new Versioned<DateTimeOffset>(row.Value!.At ?? DateTimeOffset.MinValue, row.Value.ETag.ToString()) : null;
    }

    public async Task<bool> TryWriteIndexClockAsync(DateTimeOffset at, string? expected, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        return await TryWriteAsync(table, new IndexClockEntity { At = at }, expected, cancellationToken) is not null;
    }

    /// <summary>Adds (no version expected) or replaces under If-Match; null when another writer came first (409, 412).</summary>
    private static async Task<string?> TryWriteAsync(TableClient table, ITableEntity entity, string? expected, CancellationToken cancellationToken)
    {
        try
        {
            Response response = expected is null
                ? await table.AddEntityAsync(entity, cancellationToken)
                : await table.UpdateEntityAsync(entity, new ETag(expected), TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag?.ToString() ?? RunLease.AnyVersion;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null;
        }
    }
}
