using Azure.Storage.Queues.Models;
using HubFeed.Functions;
using HubFeed.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HubFeed.Cli;

/// <summary>
/// Does locally what the Functions host does with the run queue (Core Tools cannot be installed here): takes up to
/// <see cref="Concurrency"/> messages at a time, calls the real queue function (RunFunctions.RunObjective), deletes a
/// message that succeeded, makes a failed one visible again after <see cref="RetryDelay"/>, and after
/// <see cref="RunQueue.MaxDequeueCount"/> attempts moves it to the poison queue.
/// </summary>
public sealed class LocalQueueWorker(IServiceProvider services, int concurrency, TimeSpan retryDelay, ILogger<LocalQueueWorker> logger)
{
    public int Concurrency { get; } = Math.Max(1, concurrency);
    public TimeSpan RetryDelay { get; } = retryDelay;

    /// <summary>How long a message taken stays hidden from other workers while its run goes on.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    /// <summary>Processes messages until cancelled, polling an empty queue every half second.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var queue = services.GetRequiredService<RunQueue>();
        await queue.EnsureAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await PumpAsync(queue, cancellationToken) == 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (HubFeedRunner.IsStorageFault(e))
            {
                logger.LogWarning(e, "The run queue could not be read; trying again");
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }

    /// <summary>Processes messages until the queue is empty (and nothing waits for a retry); returns how many were processed.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var queue = services.GetRequiredService<RunQueue>();
        await queue.EnsureAsync(cancellationToken);
        var total = 0;
        while (true)
        {
            var done = await PumpAsync(queue, cancellationToken);
            total += done;
            if (done == 0)
            {
                var waiting = (await queue.Queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
                if (waiting == 0)
                {
                    return total;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(50) + RetryDelay, cancellationToken);
            }
        }
    }

    /// <summary>One batch: up to <see cref="Concurrency"/> messages, run side by side.</summary>
    private async Task<int> PumpAsync(RunQueue queue, CancellationToken cancellationToken)
    {
        QueueMessage[] messages = (await queue.Queue.ReceiveMessagesAsync(Concurrency, Lease, cancellationToken)).Value;
        await Task.WhenAll(messages.Select(m => ProcessAsync(queue, m, cancellationToken)));
        return messages.Length;
    }

    private async Task ProcessAsync(RunQueue queue, QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var function = ActivatorUtilities.CreateInstance<RunFunctions>(services);
            await function.RunObjective(message.Body.ToString(), cancellationToken);
            await queue.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            if (message.DequeueCount >= RunQueue.MaxDequeueCount)
            {
                logger.LogError(e, "Run request {MessageId} failed {Count} times; moved to the poison queue", message.MessageId, message.DequeueCount);
                await queue.Poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
                await queue.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
            }
            else
            {
                logger.LogWarning(e, "Run request {MessageId} failed (attempt {Count}); trying again", message.MessageId, message.DequeueCount);
                await queue.Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: RetryDelay, cancellationToken: CancellationToken.None);
            }
        }
    }
}
