using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HubFeed.Sources;

namespace HubFeed.Catalog;

/// <summary>
/// What the page cache is keyed by and what it keeps, whichever store holds it. Keyed by the selectors too: new
/// selectors, fresh parse. Not by the mirror: a strong ETag names the content, wherever it was fetched from.
/// </summary>
public static class PageCacheRules
{
    /// <summary>
    /// A table string property holds at most 64 KiB (32 K UTF-16 characters); a page whose reading is longer is not
    /// cached (its row is removed, so a stale reading never answers for it).
    /// </summary>
    public const int MaxPageChars = 30_000;

    /// <summary>Bumped when the parser reads pages differently, so no cached reading of an older parser is reused.</summary>
    private const string ParserVersion = "structural-1";

    public static string Fingerprint(SourceDefinition source) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ParserVersion + JsonSerializer.Serialize(source.Selectors) + source.CanonicalBase)))[..16];

    /// <summary>The page's reading as stored, or null when it is too long to keep.</summary>
    public static string? Stored(CachedPage page) =>
        JsonSerializer.Serialize(page.Page) is { Length: <= MaxPageChars } json ? json : null;
}
