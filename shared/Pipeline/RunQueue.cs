using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using HubFeed.Catalog;
using HubFeed.Hosting;
using HubFeed.Sources;
using Microsoft.Extensions.Options;

namespace HubFeed.Pipeline;

/// <summary>A request to run one objective: what the run queue carries.</summary>
public sealed record RunRequest(int Objective, string RunId, RunTrigger Trigger)
{
    public string ToJson() => JsonSerializer.Serialize(this, HubFeedJson.Options);

    /// <summary>The request in a queue message, or null when the message is not one (it then goes to the poison queue).</summary>
    public static RunRequest? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<RunRequest>(json, HubFeedJson.Options) is { Objective: > 0, RunId.Length: > 0 } r ? r : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// The run queue: the timer and the run API enqueue one message per objective; the queue trigger (or, locally,
/// `hubfeed serve`'s worker) runs each. A message that fails 5 times goes to the poison queue, which health reports.
/// The queue is in the private account, next to the catalog (HubFeedStorage__queueServiceUri in Azure).
/// </summary>
public sealed class RunQueue(QueueServiceClient service, RunLog runs, IOptions<CatalogOptions> catalog, TimeProvider clock)
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
