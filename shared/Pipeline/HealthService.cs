using HubFeed.Catalog;
using HubFeed.Sources;
using Microsoft.Extensions.Options;

namespace HubFeed.Pipeline;

/// <summary>
/// Healthy when every enabled source has a run that succeeded within the configured age and its feeds show what its
/// catalog holds, and no run request has been poisoned.
/// </summary>
public sealed class HealthService(SourceRegistry sources, IRunLog runs, SourceStateStore states, RunQueue queue, IOptions<HealthOptions> options, TimeProvider clock)
{
    public async Task<HealthReport> GetAsync(int recent, bool detail, CancellationToken cancellationToken)
    {
        var maxAge = TimeSpan.FromHours(options.Value.MaxRunAgeHours);
        var list = new List<SourceHealth>();
        foreach (var source in sources.Enabled)
        {
            // Enough history to find the last success behind a streak of failures.
            var history = await runs.RecentAsync(source.Key, Math.Max(recent, 50), cancellationToken);
            var state = await states.GetAsync(source.Key, cancellationToken);
            var lastSuccess = history.FirstOrDefault(r => r.Status == RunStatus.Succeeded);
            var healthy = lastSuccess?.Ended is { } ended && clock.GetUtcNow() - ended <= maxAge && !state.PublishPending;
            list.Add(new SourceHealth(source.Key, StatusOf(history, healthy), healthy,
                state.PublishedSequence > 0 ? new Rendering.PublishVersion(state.PublishedSequence, state.PublishedHash ?? "", state.PublishedAt ?? default).ToString() : null,
                state.PublishedAt, state.PublishedCount, state.PublishPending, state.Held,
                history.Count > 0 ? RunSummary.Of(history[0], detail) : null, lastSuccess?.Ended,
                history.Take(recent).Select(r => RunSummary.Of(r, detail)).ToList()));
        }
        var poisoned = await queue.PoisonedAsync(cancellationToken);
        var all = list.All(s => s.Healthy) && poisoned.Count == 0;
        var status = list.Select(s => s.Status).Append(all ? HealthStatus.Healthy : HealthStatus.Unhealthy).Max();
        return new HealthReport(status, all, options.Value.MaxRunAgeHours, list, poisoned);
    }

    /// <summary>What the source's last finished run says (a skipped run says nothing about the source).</summary>
    private static HealthStatus StatusOf(IReadOnlyList<RunRecord> history, bool healthy) =>
        history.Select(RunOutcome.Of).FirstOrDefault(o => o is not null and not RunOutcome.Skipped) switch
        {
            RunOutcome.Held => HealthStatus.Held,
            RunOutcome.Refused or RunOutcome.Failed or RunOutcome.PublishFailed => HealthStatus.Failing,
            _ => healthy ? HealthStatus.Healthy : HealthStatus.Unhealthy,
        };
}
