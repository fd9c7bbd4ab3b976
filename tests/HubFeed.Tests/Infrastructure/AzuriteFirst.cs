using Xunit.Abstractions;

[assembly: TestCollectionOrderer("HubFeed.Tests.Infrastructure.AzuriteFirst", "HubFeed.Tests")]

namespace HubFeed.Tests.Infrastructure;

/// <summary>
/// The shared Azurite's collection starts first: its tests run one after another (they share one account), so it is
/// the suite's longest chain, and started last it would run on alone after the rest had finished.
/// </summary>
public sealed class AzuriteFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName == AzuriteCollection.Name ? 0 : 1);
}
