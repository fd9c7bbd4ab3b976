using Azure.Data.Tables;
using HubFeed.Catalog.Azure;
using Microsoft.Extensions.Options;

namespace HubFeed.Tests.Catalog.Contract;

/// <summary>The catalog contract on the Table Storage adapter, on Azurite (tables of its own per test).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableCatalogContractTests(AzuriteFixture fixture) : CatalogContract
{
    protected override Task<CatalogPorts> OpenAsync()
    {
        var prefix = "c" + Guid.NewGuid().ToString("N")[..12];
        var tables = new StorageTables(new TableServiceClient(fixture.Azurite.ConnectionString), Options.Create(new CatalogOptions { TablePrefix = prefix }));
        return Task.FromResult(new CatalogPorts(
            new TableResourceCatalog(tables), new TableRunLog(tables), new TableChangeLog(tables), new TablePageCache(tables), new TableSourceStateStorage(tables)));
    }
}
