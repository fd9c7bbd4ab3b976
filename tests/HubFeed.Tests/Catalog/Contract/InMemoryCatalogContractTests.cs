using HubFeed.Catalog.InMemory;

namespace HubFeed.Tests.Catalog.Contract;

/// <summary>The catalog contract on the in-memory adapter (what the pipeline's decision tests run on).</summary>
public sealed class InMemoryCatalogContractTests : CatalogContract
{
    protected override Task<CatalogPorts> OpenAsync() => Task.FromResult(new CatalogPorts(
        new InMemoryResourceCatalog(), new InMemoryRunLog(), new InMemoryChangeLog(), new InMemoryPageCache(), new InMemorySourceStateStorage()));
}
