using Azure.Storage.Blobs;
using HubFeed.Publishing.Azure;
using Microsoft.Extensions.Options;

namespace HubFeed.Tests.Publishing.Contract;

/// <summary>The published-files contract on the Blob Storage adapter, on Azurite (a container of its own per test).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobPublishedStoreContractTests(AzuriteFixture fixture) : PublishedStoreContract
{
    protected override IPublishedStore Open(IOptions<PublishOptions> options) =>
        new BlobPublishedStore(new BlobServiceClient(fixture.Azurite.ConnectionString), options);
}
