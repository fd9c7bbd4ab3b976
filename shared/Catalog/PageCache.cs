using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using HubFeed.Sources;

namespace HubFeed.Catalog;

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

    /// <summary>
    /// A string property holds at most 64 KiB (32 K UTF-16 characters); a page whose reading is longer is not cached
    /// (its row is removed, so a stale reading never answers for it).
    /// </summary>
    public const int MaxPageChars = 30_000;

    public async Task SaveAsync(SourceDefinition source, IEnumerable<CachedPage> pages, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.PageCache, cancellationToken);
        var fingerprint = Fingerprint(source);
        var rows = new List<TableEntity>();
        foreach (var p in pages)
        {
            var key = p.PageNumber.ToString("D5", CultureInfo.InvariantCulture);
            var json = JsonSerializer.Serialize(p.Page);
            if (json.Length > MaxPageChars)
            {
                await table.DeleteEntityAsync(source.Key, key, Azure.ETag.All, cancellationToken);
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

    /// <summary>Bumped when the parser reads pages differently, so no cached reading of an older parser is reused.</summary>
    private const string ParserVersion = "structural-1";

    private static string Fingerprint(SourceDefinition source) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ParserVersion + JsonSerializer.Serialize(source.Selectors) + source.CanonicalBase)))[..16];
}
