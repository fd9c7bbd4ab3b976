namespace HubFeed.Pipeline;

/// <summary><see cref="Healthy"/> decides 200 or 503; <see cref="Status"/> is the headline, the worst of the sources' (held first).</summary>
public sealed record HealthReport(HealthStatus Status, bool Healthy, int MaxRunAgeHours, IReadOnlyList<SourceHealth> Sources, PoisonedRuns Poisoned);
