using HubFeed.Publishing.InMemory;
using Microsoft.Extensions.Options;

namespace HubFeed.Tests.Publishing.Contract;

/// <summary>The published-files contract on the in-memory adapter (what the pipeline's full-run tests publish to).</summary>
public sealed class InMemoryPublishedStoreContractTests : PublishedStoreContract
{
    protected override IPublishedStore Open(IOptions<PublishOptions> options) => new InMemoryPublishedStore(options);
}
