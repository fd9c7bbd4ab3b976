using HubFeed.Sources;

namespace HubFeed.Catalog.InMemory;

/// <summary>The page cache in memory, keyed and capped as the table's (<see cref="PageCacheRules"/>).</summary>
public sealed class InMemoryPageCache : IPageCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Source, int Page), (string Fingerprint, CachedPage Page)> _pages = [];

    public Task<Dictionary<int, CachedPage>> LoadAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var fingerprint = PageCacheRules.Fingerprint(source);
        lock (_gate)
        {
            return Task.FromResult(_pages.Where(p => p.Key.Source == source.Key && p.Value.Fingerprint == fingerprint)
                .ToDictionary(p => p.Key.Page, p => p.Value.Page));
        }
    }

    public Task SaveAsync(SourceDefinition source, IEnumerable<CachedPage> pages, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var fingerprint = PageCacheRules.Fingerprint(source);
        lock (_gate)
        {
            foreach (var page in pages)
            {
                if (PageCacheRules.Stored(page) is null)
                {
                    _pages.Remove((source.Key, page.PageNumber));
                }
                else
                {
                    _pages[(source.Key, page.PageNumber)] = (fingerprint, page);
                }
            }
        }
        return Task.CompletedTask;
    }
}
