using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace HubFeed.Catalog;

/// <summary>One row per resource in Table Storage: PartitionKey = the source ("objective-11"), RowKey = a hash of the canonical URL.</summary>
public sealed class ResourceCatalog(StorageTables tables)
{
    /// <summary>RowKeys may not hold / \ # ?, and URLs do: the key is a hash of the canonical URL.</summary>
    public static string IdFor(string canonicalUrl) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalUrl)))[..32];

    /// <summary>What makes an item "changed": everything shown about it.</summary>
    public static string ContentHashOf(ListingRow row) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001F',
            row.Url, row.Title, row.Type, row.TypeLabel, row.Date?.ToString("O", CultureInfo.InvariantCulture) ?? "",
            row.Summary ?? "", row.Language ?? ""))))[..32];

    /// <summary>A listing row as the catalog holds it: its id and content hash computed, no times set yet.</summary>
    public static Resource ResourceOf(ListingRow row, int objective) => new()
    {
        Id = IdFor(row.Url),
        Url = row.Url,
        Title = row.Title,
        Type = row.Type,
        TypeLabel = row.TypeLabel,
        Date = row.Date,
        Summary = row.Summary,
        Language = row.Language,
        Objective = objective,
        ContentHash = ContentHashOf(row),
    };

    public async Task<IReadOnlyList<Resource>> LoadAsync(string sourceKey, int objective, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Resources, cancellationToken);
        var list = new List<Resource>();
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == sourceKey, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            list.Add(FromEntity(e, objective));
        }
        return list;
    }

    public async Task<int> WriteAsync(string sourceKey, IEnumerable<Resource> resources, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Resources, cancellationToken);
        return await TableBatch.UpsertReplaceAsync(table, resources.Select(r => ToEntity(sourceKey, r)), cancellationToken);
    }

    private static TableEntity ToEntity(string sourceKey, Resource r) => new(sourceKey, r.Id)
    {
        ["Url"] = r.Url,
        ["Title"] = r.Title,
        ["Type"] = r.Type,
        ["TypeLabel"] = r.TypeLabel,
        ["Date"] = r.Date?.ToString("O", CultureInfo.InvariantCulture),
        ["Summary"] = r.Summary,
        ["Language"] = r.Language,
        ["Objective"] = r.Objective,
        ["ContentHash"] = r.ContentHash,
        ["FirstSeen"] = r.FirstSeen,
        ["LastSeen"] = r.LastSeen,
        ["LastChanged"] = r.LastChanged,
        ["Withdrawn"] = r.Withdrawn,
    };

    private static Resource FromEntity(TableEntity e, int objective) => new()
    {
        Id = e.RowKey,
        Url = e.GetString("Url"),
        Title = e.GetString("Title"),
        Type = e.GetString("Type"),
        TypeLabel = e.GetString("TypeLabel") ?? e.GetString("Type"),
        Date = e.GetString("Date") is { Length: > 0 } d ? DateOnly.ParseExact(d, "O", CultureInfo.InvariantCulture) : null,
        Summary = e.GetString("Summary"),
        Language = e.GetString("Language"),
        Objective = e.GetInt32("Objective") ?? objective,
        ContentHash = e.GetString("ContentHash") ?? "",
        FirstSeen = e.GetDateTimeOffset("FirstSeen") ?? default,
        LastSeen = e.GetDateTimeOffset("LastSeen") ?? default,
        LastChanged = e.GetDateTimeOffset("LastChanged") ?? default,
        Withdrawn = e.GetDateTimeOffset("Withdrawn"),
    };
}
