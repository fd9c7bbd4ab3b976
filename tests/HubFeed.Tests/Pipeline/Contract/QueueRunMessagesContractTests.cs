using Azure.Storage.Queues;
using HubFeed.Pipeline.Azure;
using Microsoft.Extensions.Options;

namespace HubFeed.Tests.Pipeline.Contract;

/// <summary>The run queue contract on the Azure Queues adapter, on Azurite (queues of its own per test, behind a prefix as the app's are).</summary>
[Collection(AzuriteBesideCollection.Name)]
public sealed class QueueRunMessagesContractTests(AzuriteFixture fixture) : RunMessagesContract
{
    protected override IRunMessages Open() => new QueueRunMessages(
        new QueueServiceClient(fixture.Azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }),
        Options.Create(new CatalogOptions { TablePrefix = "q" + Guid.NewGuid().ToString("N")[..12] }));

    /// <summary>Real time, with a margin: the service counts visibility in whole seconds.</summary>
    protected override Task PassAsync(TimeSpan time) => Task.Delay(time + TimeSpan.FromMilliseconds(600));
}
