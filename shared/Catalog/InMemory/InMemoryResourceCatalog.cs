namespace HubFeed.Catalog.InMemory;

/// <summary>The catalog in memory, with the table's rules: whole rows replaced, none deleted, no row twice in one write.</summary>
public sealed class InMemoryResourceCatalog : IResourceCatalog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, Resource>> _sources = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<Resource>> LoadAsync(string sourceKey, int objective, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<Resource> rows = _sources.TryGetValue(sourceKey, out var source) ? source.Values.ToList() : [];
            return Task.FromResult(rows);
        }
    }

    public Task<int> WriteAsync(string sourceKey, IEnumerable<Resource> resources, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var rows = resources.ToList();
        if (rows.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"Row {sourceKey}/{twice.Key} appears twice in one write; a transaction takes each row once.");
        }
        lock (_gate)
        {
            if (!_sources.TryGetValue(sourceKey, out var source))
            {
                _sources[sourceKey] = source = new SortedDictionary<string, Resource>(StringComparer.Ordinal);
            }
            foreach (var row in rows)
            {
                source[row.Id] = row;
            }
        }
        return Task.FromResult(rows.Count);
    }
}
