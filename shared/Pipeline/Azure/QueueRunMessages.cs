using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using HubFeed.Catalog;
using Microsoft.Extensions.Options;

namespace HubFeed.Pipeline.Azure;

/// <summary>
/// The run queue on Azure Queues, in the private account next to the catalog (HubFeedStorage__queueServiceUri in
/// Azure), Base64 messages as the queue trigger reads them. The queue names sit behind the catalog's prefix (empty in
/// Azure, where the queue trigger names the queue; tests share one Azurite).
/// </summary>
public sealed class QueueRunMessages(QueueServiceClient service, IOptions<CatalogOptions> catalog) : IRunMessages
{
    private bool _ready;

    private QueueClient Queue => service.GetQueueClient(catalog.Value.TablePrefix.ToLowerInvariant() + RunQueue.Name);

    private QueueClient Poison => service.GetQueueClient(catalog.Value.TablePrefix.ToLowerInvariant() + RunQueue.PoisonName);

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }
        try
        {
            await Queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await Poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 403)
        {
            // No right to create: they exist (Bicep).
        }
        _ready = true;
    }

    public Task SendAsync(string body, TimeSpan delay, CancellationToken cancellationToken) =>
        Queue.SendMessageAsync(body, visibilityTimeout: delay, cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<RunMessage>> ReceiveAsync(int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        QueueMessage[] messages = (await Queue.ReceiveMessagesAsync(max, lease, cancellationToken)).Value;
        return messages.Select(m => new RunMessage(m.MessageId, m.PopReceipt, m.Body.ToString(), m.DequeueCount)).ToList();
    }

    public Task<bool> DeleteAsync(RunMessage message, CancellationToken cancellationToken) =>
        UnlessStale(() => Queue.DeleteMessageAsync(message.Id, message.Receipt, cancellationToken));

    public Task<bool> RetryLaterAsync(RunMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        UnlessStale(() => Queue.UpdateMessageAsync(message.Id, message.Receipt, visibilityTimeout: delay, cancellationToken: cancellationToken));

    public async Task<bool> PoisonAsync(RunMessage message, CancellationToken cancellationToken)
    {
        await Poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
        return await DeleteAsync(message, cancellationToken);
    }

    public async Task<int> WaitingAsync(CancellationToken cancellationToken) =>
        (await Queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;

    public async Task<IReadOnlyList<string>> PeekAsync(int max, CancellationToken cancellationToken) =>
        (await Queue.PeekMessagesAsync(max, cancellationToken)).Value.Select(m => m.Body.ToString()).ToList();

    public async Task<PoisonedRuns> PoisonedAsync(int max, CancellationToken cancellationToken)
    {
        try
        {
            var count = (await Poison.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
            if (count == 0)
            {
                return new PoisonedRuns(0, []);
            }
            var peeked = await Poison.PeekMessagesAsync(max, cancellationToken);
            return new PoisonedRuns(count, peeked.Value.Select(m => m.Body.ToString()).ToList());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new PoisonedRuns(0, []);
        }
    }

    /// <summary>
    /// False when the service says the receipt no longer names the message: 404 (it was deleted) or 400
    /// PopReceiptMismatch (it was taken again or updated since).
    /// </summary>
    private static async Task<bool> UnlessStale(Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404 || e.ErrorCode == QueueErrorCode.PopReceiptMismatch)
        {
            return false;
        }
    }
}
