using HubFeed.Catalog;
using HubFeed.Hosting;
using HubFeed.Sources;
using Microsoft.Extensions.Options;

namespace HubFeed.Pipeline;

/// <summary>
/// One run as health and status show it. <see cref="Reason"/> is in HubFeed's own words (a guard's finding, or the
/// failure's kind); <see cref="Detail"/>, the exception text and warnings, only reaches ops (status, keyed calls).
/// </summary>
public sealed record RunSummary(
    string Id,
    RunTrigger Trigger,
    RunStatus Status,
    DateTimeOffset Started,
    DateTimeOffset? Ended,
    int ItemsListed,
    int ItemsActive,
    int ItemsNew,
    int ItemsChanged,
    int ItemsWithdrawn,
    string? Version,
    string? Cause,
    string? Reason,
    IReadOnlyList<QuarantinedRow> Quarantined,
    FieldCoverage? Coverage,
    string? AcceptedBy,
    string? Detail = null,
    IReadOnlyList<string>? Warnings = null)
{
    public static RunSummary Of(RunRecord r, bool detail) => new(r.Id, r.Trigger, r.Status, r.Started, r.Ended, r.ItemsListed, r.ItemsActive,
        r.ItemsNew, r.ItemsChanged, r.ItemsWithdrawn, r.Version, r.Cause,
        r.Status switch
        {
            // A guard's reason is HubFeed's own sentence about the listing: safe to show anyone.
            RunStatus.Refused => r.Error,
            RunStatus.Skipped => "another run of this source was in progress",
            RunStatus.PublishFailed => "the catalog took the listing but the feeds could not be published; the next run publishes them",
            RunStatus.Failed => r.Cause switch
            {
                "markup-changed" => "the listing page could not be read (its markup may have changed)",
                "incomplete-listing" => "the listing could not be read completely",
                "source-unavailable" => "the Hub could not be reached",
                "storage-unavailable" => "storage could not be reached",
                "cancelled" => "the run was cancelled",
                _ => "the run failed",
            },
            _ => null,
        },
        r.Quarantined, r.Coverage, r.AcceptedBy, detail ? r.Error : null, detail ? r.Warnings : null);
}

/// <summary>One source's health: its last runs, what its feeds show, and what needs an operator.</summary>
public sealed record SourceHealth(
    string Source,
    bool Healthy,
    string? PublishedVersion,
    DateTimeOffset? PublishedAt,
    int PublishedItems,
    bool PublishPending,
    HeldRun? Held,
    RunSummary? LastRun,
    DateTimeOffset? LastSuccess,
    IReadOnlyList<RunSummary> RecentRuns);

/// <summary>Run requests that failed every attempt (the poison queue).</summary>
public sealed record PoisonedRuns(int Count, IReadOnlyList<string> Messages);

public sealed record HealthReport(bool Healthy, int MaxRunAgeHours, IReadOnlyList<SourceHealth> Sources, PoisonedRuns? Poisoned);

/// <summary>
/// Healthy when every enabled source has a run that succeeded within the configured age and its feeds show what its
/// catalog holds, and no run request has been poisoned.
/// </summary>
public sealed class HealthService(SourceRegistry sources, RunLog runs, SourceStateStore states, RunQueue queue, IOptions<HealthOptions> options, TimeProvider clock)
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
            list.Add(new SourceHealth(source.Key, healthy,
                state.PublishedSequence > 0 ? new Rendering.PublishVersion(state.PublishedSequence, state.PublishedHash ?? "", state.PublishedAt ?? default).ToString() : null,
                state.PublishedAt, state.PublishedCount, state.PublishPending, state.Held,
                history.Count > 0 ? RunSummary.Of(history[0], detail) : null, lastSuccess?.Ended,
                history.Take(recent).Select(r => RunSummary.Of(r, detail)).ToList()));
        }
        var poisoned = await queue.PoisonedAsync(cancellationToken);
        return new HealthReport(list.All(s => s.Healthy) && (poisoned?.Count ?? 0) == 0, options.Value.MaxRunAgeHours, list, poisoned);
    }
}
