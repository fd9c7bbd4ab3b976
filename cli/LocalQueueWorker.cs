using HubFeed.Functions;
using HubFeed.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HubFeed.Cli;

/// <summary>
/// Does locally what the Functions host does with the run queue (Core Tools cannot be installed here): takes up to
/// <see cref="Concurrency"/> messages at a time, calls the real queue function (RunFunctions.RunObjective), deletes a
/// message that succeeded, makes a failed one visible again after <see cref="RetryDelay"/>, and after
/// <see cref="RunQueue.MaxDequeueCount"/> attempts moves it to the poison queue. It sees only the run queue's messages
/// (<see cref="IRunMessages"/>), so it works the same on Azure Queues and in memory.
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
        var queue = services.GetRequiredService<IRunMessages>();
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
        var queue = services.GetRequiredService<IRunMessages>();
        await queue.EnsureAsync(cancellationToken);
        var total = 0;
        while (true)
        {
            var done = await PumpAsync(queue, cancellationToken);
            total += done;
            if (done == 0)
            {
                if (await queue.WaitingAsync(cancellationToken) == 0)
                {
                    return total;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(50) + RetryDelay, cancellationToken);
            }
        }
    }

    /// <summary>One batch: up to <see cref="Concurrency"/> messages, run side by side.</summary>
    private async Task<int> PumpAsync(IRunMessages queue, CancellationToken cancellationToken)
    {
        var messages = await queue.ReceiveAsync(Concurrency, Lease, cancellationToken);
        await Task.WhenAll(messages.Select(m => ProcessAsync(queue, m, cancellationToken)));
        return messages.Count;
    }

    private async Task ProcessAsync(IRunMessages queue, RunMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var function = ActivatorUtilities.CreateInstance<RunFunctions>(services);
            await function.RunObjective(message.Body, cancellationToken);
            if (!await queue.DeleteAsync(message, CancellationToken.None))
            {
                // Its lease ran out and another worker took it: the message is that worker's now, as with the host.
                logger.LogWarning("Run request {MessageId} finished after its lease was lost; left to the worker that holds it", message.Id);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            if (message.DequeueCount >= RunQueue.MaxDequeueCount)
            {
                logger.LogError(e, "Run request {MessageId} failed {Count} times; moved to the poison queue", message.Id, message.DequeueCount);
                await queue.PoisonAsync(message, CancellationToken.None);
            }
            else
            {
                logger.LogWarning(e, "Run request {MessageId} failed (attempt {Count}); trying again", message.Id, message.DequeueCount);
                await queue.RetryLaterAsync(message, RetryDelay, CancellationToken.None);
            }
        }
    }
}
