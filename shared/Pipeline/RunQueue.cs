using HubFeed.Catalog;
using HubFeed.Sources;

namespace HubFeed.Pipeline;

/// <summary>
/// The run queue: the timer and the run API enqueue one message per objective; the queue trigger (or, locally,
/// `hubfeed serve`'s worker) runs each. A message that fails 5 times goes to the poison queue, which health reports.
/// The messages go through the <see cref="IRunMessages"/> port (Azure Queues in the private account next to the
/// catalog, or in memory); this class keeps what a message means: the run record it answers, and index requests.
/// </summary>
public sealed class RunQueue(IRunMessages messages, IRunLog runs, SourceStateStore states, TimeProvider clock)
{
    public const string Name = "hubfeed-runs";
    /// <summary>The Functions host's convention for the queue's poison messages.</summary>
    public const string PoisonName = Name + "-poison";
    /// <summary>Attempts before a message is poison (host.json extensions.queues.maxDequeueCount says the same; a test checks it).</summary>
    public const int MaxDequeueCount = 5;

    /// <summary>Records a queued run and enqueues its request; the run's id answers GET /api/runs/{id}.</summary>
    public async Task<RunRecord> EnqueueAsync(SourceDefinition source, RunTrigger trigger, CancellationToken cancellationToken)
    {
        await messages.EnsureAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var run = new RunRecord { Id = RunLog.NewId(source.Key, now), Source = source.Key, Trigger = trigger, Started = now, Status = RunStatus.Queued };
        await runs.SaveAsync(run, cancellationToken);
        await messages.SendAsync(new RunRequest(source.Objective, run.Id, trigger).ToJson(), TimeSpan.Zero, cancellationToken);
        return run;
    }

    /// <summary>
    /// Asks for the index to be published after <paramref name="delay"/>. Each objective's publish asks; a request that
    /// comes due while a later one is waiting does nothing (<see cref="IsLatestAsync"/>), so a fan-out of 23 publishes
    /// rebuilds the index once, <paramref name="delay"/> after the last of them.
    /// </summary>
    public async Task EnqueueIndexAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        await messages.EnsureAsync(cancellationToken);
        var at = clock.GetUtcNow();
        await states.RecordIndexRequestAsync(at, cancellationToken);
        var request = RunRequest.IndexRequest with { RunId = at.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        await messages.SendAsync(request.ToJson(), delay, cancellationToken);
    }

    /// <summary>False when a later index request is waiting on the queue (it will do the work).</summary>
    public async Task<bool> IsLatestAsync(RunRequest request, CancellationToken cancellationToken) =>
        !long.TryParse(request.RunId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
        || await states.LatestIndexRequestAsync(cancellationToken) is not { } latest
        || latest.UtcTicks <= ticks;

    /// <summary>What the poison queue holds (a peek: messages stay for ops to read), each body cut to 200 characters.</summary>
    public async Task<PoisonedRuns> PoisonedAsync(CancellationToken cancellationToken)
    {
        var poisoned = await messages.PoisonedAsync(10, cancellationToken);
        return poisoned with { Messages = poisoned.Messages.Select(b => b.Length > 200 ? b[..200] : b).ToList() };
    }
}
