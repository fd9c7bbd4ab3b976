using HubFeed.Sources;

namespace HubFeed.Catalog;

/// <summary>
/// The listing pages as last read, per source (port), so an unchanged page is a 304 and no new parse. A page is kept
/// under the source's <see cref="PageCacheRules.Fingerprint"/> and only read back under the same one.
/// </summary>
public interface IPageCache
{
    Task<Dictionary<int, CachedPage>> LoadAsync(SourceDefinition source, CancellationToken cancellationToken);

    /// <summary>Keeps these pages; a page longer than <see cref="PageCacheRules.MaxPageChars"/> is dropped instead.</summary>
    Task SaveAsync(SourceDefinition source, IEnumerable<CachedPage> pages, CancellationToken cancellationToken);
}
