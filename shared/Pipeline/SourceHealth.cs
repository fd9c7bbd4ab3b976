using HubFeed.Catalog;

namespace HubFeed.Pipeline;

/// <summary>One source's health: its last runs, what its feeds show, and what needs an operator.</summary>
public sealed record SourceHealth(
    string Source,
    HealthStatus Status,
    bool Healthy,
    string? PublishedVersion,
    DateTimeOffset? PublishedAt,
    int PublishedItems,
    bool PublishPending,
    HeldRun? Held,
    RunSummary? LastRun,
    DateTimeOffset? LastSuccess,
    IReadOnlyList<RunSummary> RecentRuns);
