using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using HubFeed.Sources;

namespace HubFeed.Catalog;

/// <summary>What the last fetch of a listing page returned: its validators and its parsed rows, so a 304 costs no parse.</summary>
public sealed record CachedPage(int PageNumber, string? ETag, string? LastModified, ListingPage Page);

/// <summary>
/// The pagecache table: PartitionKey = source, RowKey = page number. Keyed by the selectors too: new selectors, fresh
/// parse. Not by the mirror: a strong ETag names the content, wherever it was fetched from.
/// </summary>
public sealed class PageCache(StorageTables tables)
{
    public async Task<Dictionary<int, CachedPage>> LoadAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.PageCache, cancellationToken);
        var fingerprint = Fingerprint(source);
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
        var fingerprint = Fingerprint(source);
        await TableBatch.UpsertReplaceAsync(table, pages.Select(p => new TableEntity(source.Key, p.PageNumber.ToString("D5", CultureInfo.InvariantCulture))
        {
            ["ETag"] = p.ETag,
            ["LastModified"] = p.LastModified,
            ["Fingerprint"] = fingerprint,
            ["Page"] = JsonSerializer.Serialize(p.Page),
        }), cancellationToken);
    }

    private static string Fingerprint(SourceDefinition source) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(source.Selectors) + source.CanonicalBase)))[..16];
}
