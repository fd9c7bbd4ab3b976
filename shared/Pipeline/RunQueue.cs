using Azure;
using Azure.Storage.Queues;
using HubFeed.Catalog;
using HubFeed.Sources;
using Microsoft.Extensions.Options;

namespace HubFeed.Pipeline;

/// <summary>
/// The run queue: the timer and the run API enqueue one message per objective; the queue trigger (or, locally,
/// `hubfeed serve`'s worker) runs each. A message that fails 5 times goes to the poison queue, which health reports.
/// The queue is in the private account, next to the catalog (HubFeedStorage__queueServiceUri in Azure).
/// </summary>
public sealed class RunQueue(QueueServiceClient service, IRunLog runs, SourceStateStore states, IOptions<CatalogOptions> catalog, TimeProvider clock)
{
    public const string Name = "hubfeed-runs";
    /// <summary>The Functions host's convention for the queue's poison messages.</summary>
    public const string PoisonName = Name + "-poison";
    /// <summary>Attempts before a message is poison (host.json extensions.queues.maxDequeueCount says the same; a test checks it).</summary>
    public const int MaxDequeueCount = 5;

    private bool _ready;

    /// <summary>The queue, behind the catalog's prefix (empty in Azure, where the queue trigger names it; tests share one Azurite).</summary>
    public QueueClient Queue => service.GetQueueClient(catalog.Value.TablePrefix.ToLowerInvariant() + Name);

    public QueueClient Poison => service.GetQueueClient(catalog.Value.TablePrefix.ToLowerInvariant() + PoisonName);

    /// <summary>Records a queued run and enqueues its request; the run's id answers GET /api/runs/{id}.</summary>
    public async Task<RunRecord> EnqueueAsync(SourceDefinition source, RunTrigger trigger, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var run = new RunRecord { Id = RunLog.NewId(source.Key, now), Source = source.Key, Trigger = trigger, Started = now, Status = RunStatus.Queued };
        await runs.SaveAsync(run, cancellationToken);
        await Queue.SendMessageAsync(new RunRequest(source.Objective, run.Id, trigger).ToJson(), cancellationToken);
        return run;
    }

    /// <summary>
    /// Asks for the index to be published after <paramref name="delay"/>. Each objective's publish asks; a request that
    /// comes due while a later one is waiting does nothing (<see cref="IsLatestAsync"/>), so a fan-out of 23 publishes
    /// rebuilds the index once, <paramref name="delay"/> after the last of them.
    /// </summary>
    public async Task EnqueueIndexAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var at = clock.GetUtcNow();
        await states.RecordIndexRequestAsync(at, cancellationToken);
        var request = RunRequest.IndexRequest with { RunId = at.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        await Queue.SendMessageAsync(request.ToJson(), visibilityTimeout: delay, cancellationToken: cancellationToken);
    }

    /// <summary>False when a later index request is waiting on the queue (it will do the work).</summary>
    public async Task<bool> IsLatestAsync(RunRequest request, CancellationToken cancellationToken) =>
        !long.TryParse(request.RunId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
        || await states.LatestIndexRequestAsync(cancellationToken) is not { } latest
        || latest.UtcTicks <= ticks;

    /// <summary>What the poison queue holds (a peek: messages stay for ops to read), or null when it cannot be read.</summary>
    public async Task<PoisonedRuns?> PoisonedAsync(CancellationToken cancellationToken)
    {
        try
        {
            var properties = await Poison.GetPropertiesAsync(cancellationToken);
            var count = properties.Value.ApproximateMessagesCount;
            if (count == 0)
            {
                return new PoisonedRuns(0, []);
            }
            var peeked = await Poison.PeekMessagesAsync(10, cancellationToken);
            return new PoisonedRuns(count, peeked.Value.Select(m => m.Body.ToString()).Select(b => b.Length > 200 ? b[..200] : b).ToList());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new PoisonedRuns(0, []);
        }
    }

    /// <summary>Creates the queues locally (in Azure, Bicep creates them and the app may not).</summary>
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
}
