namespace HubFeed.Catalog.Azure;

/// <summary>The catalog in the resources table (<see cref="ResourceEntity"/> rows), written as transactions.</summary>
public sealed class TableResourceCatalog(StorageTables tables) : IResourceCatalog
{
    public async Task<IReadOnlyList<Resource>> LoadAsync(string sourceKey, int objective, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Resources, cancellationToken);
        var list = new List<Resource>();
        await foreach (var e in table.QueryAsync<ResourceEntity>(x => x.PartitionKey == sourceKey, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            list.Add(e.ToResource(objective));
        }
        return list;
    }

    public async Task<int> WriteAsync(string sourceKey, IEnumerable<Resource> resources, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Resources, cancellationToken);
        return await TableBatch.UpsertReplaceAsync(table, resources.Select(r => ResourceEntity.Of(sourceKey, r)), cancellationToken);
    }
}
