using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using HubFeed.Catalog.InMemory;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HubFeed.Tests.Infrastructure;

/// <summary>
/// The in-memory catalog with a version per row that moves on every write of it (as an ETag does), so a test on the
/// in-memory adapter can say "not one row was written"; rows read back as the table's entities would.
/// </summary>
public sealed class VersionedCatalog : IResourceCatalog
{
    private readonly InMemoryResourceCatalog _rows = new();
    private readonly ConcurrentDictionary<(string Source, string Id), int> _versions = new();

    public static void Decorate(IServiceCollection services) =>
        services.RemoveAll<IResourceCatalog>().AddSingleton<IResourceCatalog, VersionedCatalog>();

    public Task<IReadOnlyList<Resource>> LoadAsync(string sourceKey, int objective, CancellationToken cancellationToken) =>
        _rows.LoadAsync(sourceKey, objective, cancellationToken);

    public async Task<int> WriteAsync(string sourceKey, IEnumerable<Resource> resources, CancellationToken cancellationToken)
    {
        var rows = resources.ToList();
        var written = await _rows.WriteAsync(sourceKey, rows, cancellationToken);
        foreach (var row in rows)
        {
            _versions.AddOrUpdate((sourceKey, row.Id), 1, (_, v) => v + 1);
        }
        return written;
    }

    /// <summary>The rows of a source as the resources table holds them (the properties the fault tests read), each with its version as its ETag.</summary>
    public async Task<List<TableEntity>> EntitiesAsync(string sourceKey, int objective) =>
        (await LoadAsync(sourceKey, objective, CancellationToken.None)).Select(r => new TableEntity(sourceKey, r.Id)
        {
            ETag = new ETag(_versions[(sourceKey, r.Id)].ToString(CultureInfo.InvariantCulture)),
            ["Url"] = r.Url,
            ["Title"] = r.Title,
            ["Type"] = r.Type,
            ["Date"] = r.Date?.ToString("O", CultureInfo.InvariantCulture),
            ["FirstSeen"] = r.FirstSeen,
            ["LastSeen"] = r.LastSeen,
            ["Withdrawn"] = r.Withdrawn,
        }).ToList();
}
