using HubFeed.Catalog;
using HubFeed.Functions;
using HubFeed.Pipeline;
using HubFeed.Publishing;
using HubFeed.Tests.Functions;
using HubFeed.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HubFeed.Tests.Serving;

/// <summary>The API with the catalog's table really deleted on Azurite: it reads the published feeds, never the table, per request.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ResourceApiStorageTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task The_api_reads_no_catalog_table_per_request_and_the_index_is_not_rendered_again_when_current()
    {
        await using var app = await TestApp.StartAsync(fixture.Azurite);
        Assert.True((await app.Get<HubFeedRunner>().RunAsync(RunTrigger.Cli, CancellationToken.None)).Succeeded);
        // The catalog's resources table gone: the API still answers, from the published feed it keeps by version.
        await new Azure.Data.Tables.TableServiceClient(fixture.Azurite.ConnectionString).DeleteTableAsync(app.TablePrefix + HubFeed.Catalog.Azure.StorageTables.Resources);
        var api = ActivatorUtilities.CreateInstance<ResourceFunctions>(app.Services);
        var request = ResourceApiTests.Get("type=pledge&limit=3");
        var (status, json, _) = await FunctionTests.Render(await api.Resources(request, "11", CancellationToken.None), request);
        Assert.Equal(200, status);
        Assert.Equal(3, json.GetProperty("items").GetArrayLength());

        // The index names exactly what the feeds show: asking again renders and uploads nothing, and reads no blob but its own.
        Assert.Equal(PublishResult.Empty, await app.Get<IndexJob>().RunAsync(CancellationToken.None));
    }
}
