using Azure.Data.Tables;

namespace HubFeed.Catalog.Azure;

/// <summary>The runs table (<see cref="RunEntity"/> rows): a run's id names its partition and row, so a find is one point read.</summary>
public sealed class TableRunLog(StorageTables tables) : IRunLog
{
    public async Task SaveAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Runs, cancellationToken);
        await table.UpsertEntityAsync(RunEntity.Of(run), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<RunRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!RunLog.TrySplit(id, out var source, out var key))
        {
            return null;
        }
        var table = await tables.GetAsync(StorageTables.Runs, cancellationToken);
        var e = await table.GetEntityIfExistsAsync<RunEntity>(source, key, cancellationToken: cancellationToken);
        return e.HasValue ? e.Value!.ToRun() : null;
    }

    public async Task<IReadOnlyList<RunRecord>> RecentAsync(string source, int count, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Runs, cancellationToken);
        var list = new List<RunRecord>(count);
        await foreach (var e in table.QueryAsync<RunEntity>(x => x.PartitionKey == source, maxPerPage: Math.Min(count, 1000), cancellationToken: cancellationToken))
        {
            list.Add(e.ToRun());
            if (list.Count == count)
            {
                break;
            }
        }
        return list;
    }
}
