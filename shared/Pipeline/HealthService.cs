using HubFeed.Catalog;
using HubFeed.Hosting;
using HubFeed.Sources;
using Microsoft.Extensions.Options;

namespace HubFeed.Pipeline;

public sealed record SourceHealth(string Source, bool Healthy, RunRecord? LastRun, RunRecord? LastSuccess, IReadOnlyList<RunRecord> RecentRuns);

public sealed record HealthReport(bool Healthy, int MaxRunAgeHours, IReadOnlyList<SourceHealth> Sources);

/// <summary>Healthy when every enabled source has a run that succeeded within the configured age.</summary>
public sealed class HealthService(SourceRegistry sources, RunLog runs, IOptions<HealthOptions> options, TimeProvider clock)
{
    public async Task<HealthReport> GetAsync(int recent, CancellationToken cancellationToken)
    {
        var maxAge = TimeSpan.FromHours(options.Value.MaxRunAgeHours);
        var list = new List<SourceHealth>();
        foreach (var source in sources.Enabled)
        {
            // Enough history to find the last success behind a streak of failures.
            var history = await runs.RecentAsync(source.Key, Math.Max(recent, 50), cancellationToken);
            var lastSuccess = history.FirstOrDefault(r => r.Status == RunStatus.Succeeded);
            var healthy = lastSuccess?.Ended is { } ended && clock.GetUtcNow() - ended <= maxAge;
            list.Add(new SourceHealth(source.Key, healthy, history.Count > 0 ? history[0] : null, lastSuccess, history.Take(recent).ToList()));
        }
        return new HealthReport(list.All(s => s.Healthy), options.Value.MaxRunAgeHours, list);
    }
}
