using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HubFeed.Catalog;

/// <summary>
/// The catalog's identity rules, whichever store holds it: a resource's id (a hash of its canonical URL) and its content
/// hash. The rows themselves live behind <see cref="IResourceCatalog"/>.
/// </summary>
public static class ResourceCatalog
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
}
