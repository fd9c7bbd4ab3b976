using System.Net;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HubFeed.Tests.Infrastructure;

/// <summary>
/// The run queue's account as a fresh one is, for health on the in-memory storage: no queue in it, so every queue call
/// answers 404 QueueNotFound at once (health peeks at the poison queue; a missing one holds nothing). Without it the
/// in-memory app's queue client asks a closed port and health fails. The queue itself is tested on Azurite.
/// </summary>
public static class EmptyQueueAccount
{
    public static void Install(IServiceCollection services)
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64, Transport = new HttpClientTransport(new NoQueues()) };
        options.Retry.MaxRetries = 0;
        services.RemoveAll<QueueServiceClient>().AddSingleton(new QueueServiceClient(TestApp.NoStorage, options));
    }

    private sealed class NoQueues : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var answer = new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request, Content = new StringContent("") };
            answer.Headers.Add("x-ms-error-code", "QueueNotFound");
            return Task.FromResult(answer);
        }
    }
}
