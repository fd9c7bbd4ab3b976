using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using HubFeed.Sources;

namespace HubFeed.Catalog.Azure;

/// <summary>
/// The pagecache table: PartitionKey = source, RowKey = page number. Its rows stay plain <see cref="TableEntity"/>s: they
/// keep the page's HTTP ETag in a column named "ETag", which a typed row cannot have beside its own (the row's version).
/// </summary>
public sealed class TablePageCache(StorageTables tables) : IPageCache
{
    public async Task<Dictionary<int, CachedPage>> LoadAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.PageCache, cancellationToken);
        var fingerprint = PageCacheRules.Fingerprint(source);
        var pages = new Dictionary<int, CachedPage>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == source.Key, cancellationToken: cancellationToken))
        {
            if (e.GetString("Fingerprint") != fingerprint)
            {
                continue;
            }
            var page = JsonSerializer.Deserialize<ListingPage>(e.GetString("Page"));
            if (page is not null)
            {
                pages[page.PageNumber] = new CachedPage(page.PageNumber, e.GetString("ETag"), e.GetString("LastModified"), page);
            }
        }
        return pages;
    }

    public async Task SaveAsync(SourceDefinition source, IEnumerable<CachedPage> pages, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.PageCache, cancellationToken);
        var fingerprint = PageCacheRules.Fingerprint(source);
        var rows = new List<TableEntity>();
        foreach (var p in pages)
        {
            var key = p.PageNumber.ToString("D5", CultureInfo.InvariantCulture);
            if (PageCacheRules.Stored(p) is not { } json)
            {
                await table.DeleteEntityAsync(source.Key, key, ETag.All, cancellationToken);
                continue;
            }
            rows.Add(new TableEntity(source.Key, key)
            {
                ["ETag"] = p.ETag,
                ["LastModified"] = p.LastModified,
                ["Fingerprint"] = fingerprint,
                ["Page"] = json,
            });
        }
        await TableBatch.UpsertReplaceAsync(table, rows, cancellationToken);
    }
}
