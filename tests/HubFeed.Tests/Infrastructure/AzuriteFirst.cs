using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(HubFeed.Tests.Infrastructure.AzuriteFirst))]

namespace HubFeed.Tests.Infrastructure;

/// <summary>
/// The Azurite collections start first: the serial one's tests run one after another (they share account-wide state),
/// so it is the suite's longest chain, and started last it would run on alone after the rest had finished.
/// </summary>
public sealed class AzuriteFirst : ITestCollectionOrderer
{
    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection =>
        testCollections.OrderBy(c => c.TestCollectionDisplayName switch
        {
            AzuriteCollection.Name => 0,
            AzuriteBesideCollection.Name => 1,
            _ => 2,
        }).ToList();
}
