using HubFeed.Catalog.InMemory;
using HubFeed.Functions;
using HubFeed.Tests.Functions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HubFeed.Tests.Serving;

/// <summary>
/// The API reads the published feeds, never the catalog, per request: on the in-memory storage with every call to the
/// catalog's port counted (on Azurite this was the catalog's table deleted under it).
/// </summary>
public sealed class ResourceApiStorageTests
{
    [Fact]
    public async Task The_api_reads_no_catalog_table_per_request_and_the_index_is_not_rendered_again_when_current()
    {
        await using var app = await TestApp.StartInMemoryAsync(configure: CountingCatalog.Decorate);
        Assert.True((await app.Get<HubFeedRunner>().RunAsync(RunTrigger.Cli, CancellationToken.None)).Succeeded);
        var catalog = (CountingCatalog)app.Get<IResourceCatalog>();
        Assert.True(catalog.Calls > 0); // the run read and wrote the catalog through this port
        catalog.Calls = 0;

        // Not one call to the catalog from here on: the API answers from the published feed it keeps by version.
        var api = ActivatorUtilities.CreateInstance<ResourceFunctions>(app.Services);
        var request = ResourceApiTests.Get("type=pledge&limit=3");
        var (status, json, _) = await FunctionTests.Render(await api.Resources(request, "11", CancellationToken.None), request);
        Assert.Equal(200, status);
        Assert.Equal(3, json.GetProperty("items").GetArrayLength());

        // The index names exactly what the feeds show: asking again renders and uploads nothing, and reads no blob but its own.
        Assert.Equal(PublishResult.Empty, await app.Get<IndexJob>().RunAsync(CancellationToken.None));
        Assert.Equal(0, catalog.Calls);
    }

    /// <summary>The in-memory catalog, counting every call to it.</summary>
    private sealed class CountingCatalog : IResourceCatalog
    {
        private readonly InMemoryResourceCatalog _rows = new();
        private int _calls;

        public int Calls { get => Volatile.Read(ref _calls); set => Volatile.Write(ref _calls, value); }

        public static void Decorate(IServiceCollection services) =>
            services.RemoveAll<IResourceCatalog>().AddSingleton<IResourceCatalog, CountingCatalog>();

        public Task<IReadOnlyList<Resource>> LoadAsync(string sourceKey, int objective, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return _rows.LoadAsync(sourceKey, objective, cancellationToken);
        }

        public Task<int> WriteAsync(string sourceKey, IEnumerable<Resource> resources, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return _rows.WriteAsync(sourceKey, resources, cancellationToken);
        }
    }
}
