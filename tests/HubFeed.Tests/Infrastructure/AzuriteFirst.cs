using Xunit.Abstractions;

[assembly: TestCollectionOrderer("HubFeed.Tests.Infrastructure.AzuriteFirst", "HubFeed.Tests")]

namespace HubFeed.Tests.Infrastructure;

/// <summary>
/// The Azurite collections start first: the serial one's tests run one after another (they share account-wide state),
/// so it is the suite's longest chain, and started last it would run on alone after the rest had finished.
/// </summary>
public sealed class AzuriteFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName switch
        {
            AzuriteCollection.Name => 0,
            AzuriteBesideCollection.Name => 1,
            _ => 2,
        });
}
