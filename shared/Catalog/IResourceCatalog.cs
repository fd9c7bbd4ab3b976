namespace HubFeed.Catalog;

/// <summary>
/// The catalog's rows of one source (port): read them all, write some. A write replaces whole rows (no stale field
/// survives) and never deletes; a write that names one row twice is refused.
/// </summary>
public interface IResourceCatalog
{
    /// <summary>Every row of the source, in id order; <paramref name="objective"/> fills rows stored without one.</summary>
    Task<IReadOnlyList<Resource>> LoadAsync(string sourceKey, int objective, CancellationToken cancellationToken);

    /// <summary>Writes the rows; returns how many were written.</summary>
    Task<int> WriteAsync(string sourceKey, IEnumerable<Resource> resources, CancellationToken cancellationToken);
}
