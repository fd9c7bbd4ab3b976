using Azure.Data.Tables;

namespace HubFeed.Catalog.Azure;

/// <summary>The catalog's tables, created once per process (not on every call).</summary>
public sealed class StorageTables(TableServiceClient service, Microsoft.Extensions.Options.IOptions<CatalogOptions> options)
{
    public const string Resources = "resources";
    public const string Runs = "runs";
    public const string SourceState = "sourcestate";
    public const string PageCache = "pagecache";
    /// <summary>The change history (see <see cref="TableChangeLog"/>).</summary>
    public const string Changes = "changes";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _ready;

    public async Task<TableClient> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (!_ready)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (!_ready)
                {
                    foreach (var table in new[] { Resources, Runs, SourceState, PageCache, Changes })
                    {
                        await service.CreateTableIfNotExistsAsync(options.Value.TablePrefix + table, cancellationToken);
                    }
                    _ready = true;
                }
            }
            finally
            {
                _gate.Release();
            }
        }
        return service.GetTableClient(options.Value.TablePrefix + name);
    }
}
